"""Horizontal stripes across a wide opening's lower part (issue #9), read on a rendered frame and its (478, 3) px
landmarks.

preset:laugh with the synthetic interior (lp_s1 / lp_s5 / grace_hopper / sr_18 at 512 px, frames 15-35): the dark
cavity under the upper teeth, the tongue's lit top and its dark front lie as bands along the lips, every edge
running across the mouth; real open mouths (lp_d18, lp_d12) show a rounded tongue whose shading also changes
along the lips. `tongue_stripes`: in the opening's columns within `SIDE` mouth widths of its middle, from `LOW` to
`HIGH` of the way from the upper inner lip to the lower one, the share of the grey levels' gradient energy
(Sobel) that runs up-down: 1 for bands wholly along the lips. A frame whose opening is under `teeth_band.OPEN`
mouth widths (talking openings, a closed mouth: the source repeated) scores 0.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import grey_image
from facereel.engines.mesh.figures.teeth_band import OPEN
from facereel.engines.mesh.open_mouth.mouth_shape import mouth_gap
from facereel.face import landmark_ids as ids

SIDE = 0.35
"""Mouth widths (between the inner lips' corners) either side of the lower inner lip's middle (14) whose columns
are read."""
LOW, HIGH = 0.35, 0.9
"""Shares of the inner-lip gap below the upper inner lip between which each column is read (below the upper
teeth, above the lower lip's edge)."""


def tongue_stripes(frame: np.ndarray, landmarks: np.ndarray) -> float:
    """Share (0-1) of the up-down gradient energy in (H, W, 3) uint8 RGB `frame`'s opening's lower middle; 0 below a
    wide opening or where it holds no pixel."""
    gap, width = mouth_gap(landmarks)
    if gap < OPEN * width:
        return 0.0
    upper, lower = (landmarks[list(line), :2].astype(np.float64) for line in (ids.INNER_UPPER_LIP, ids.INNER_LOWER_LIP))
    middle = lower[5, 0]
    x0, x1 = max(0, int(np.ceil(middle - SIDE * width))), min(frame.shape[1], int(middle + SIDE * width) + 1)
    xs = np.arange(x0, x1)
    top, bottom = (np.interp(xs, *line[np.argsort(line[:, 0], kind="stable")].T) for line in (upper, lower))
    y0, y1 = max(0, int(top.min()) - 2), min(frame.shape[0], int(np.ceil(bottom.max())) + 3)
    if x1 - x0 < 3 or y1 - y0 < 3:
        return 0.0
    grey = grey_image(frame[y0:y1, x0:x1])
    across, down = cv2.Sobel(grey, cv2.CV_32F, 1, 0) ** 2, cv2.Sobel(grey, cv2.CV_32F, 0, 1) ** 2
    v = (np.arange(y0, y1)[:, None] - top) / np.maximum(bottom - top, 1.0)
    read = (v >= LOW) & (v <= HIGH)
    energy = float((across[read] + down[read]).sum())
    return float(down[read].sum()) / energy if energy > 0 else 0.0
