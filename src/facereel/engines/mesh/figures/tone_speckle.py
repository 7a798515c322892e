"""Tone speckle: pixel-scale grain in the shadowed neck tone under a turned chin (a small face, h23-smallface).

The tone's grain (`neck_layer.neck._grain`) is matched to the photo's fine skin texture. On a small face (lp_s1 at
~70 px in a 1280x720 frame) that texture's sample, a thin strip along the jaw line, was the jaw's edge, and the tone
laid under the turned chin (preset:turn 14-20, 40-44) was a coarse speckled brown patch. `speckle` reads it: the median
magnitude of a frame's lightness less its blur over `SPECKLE_SIGMA` px, over the pixels of a region that are flat at
`FLAT_SIGMA` (no necklace's, jaw's or hair's edge there).
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import grey_image

SPECKLE_SIGMA = 1.0
"""Px: the blur whose residue is the pixel-scale grain `speckle` reads."""
FLAT_SIGMA = 2.0
"""Px: the blur on which a flat pixel's gradient is read."""
FLAT_SLOPE = 3.0
"""Grey levels per px: the largest gradient of the `FLAT_SIGMA` blur at a flat pixel."""


def speckle(frame: np.ndarray, region: np.ndarray) -> float:
    """Grey levels: the median of |lightness - its Gaussian blur (`SPECKLE_SIGMA` px)| of `frame` ((h, w, 3) uint8
    RGB) over the pixels of `region` ((h, w) bool) where it is flat (`FLAT_SLOPE`); 0 where there are none."""
    grey = grey_image(frame)
    residue = np.abs(grey - cv2.GaussianBlur(grey, (0, 0), SPECKLE_SIGMA))
    smooth = cv2.GaussianBlur(grey, (0, 0), FLAT_SIGMA)
    slope = np.hypot(cv2.Sobel(smooth, cv2.CV_32F, 1, 0, ksize=3), cv2.Sobel(smooth, cv2.CV_32F, 0, 1, ksize=3)) / 8
    flat = region & (slope < FLAT_SLOPE)
    return float(np.median(residue[flat])) if flat.any() else 0.0
