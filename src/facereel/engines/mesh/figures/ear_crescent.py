"""A black crescent of the wall drawn with the moved head round the near ear (issue #9).

sr_18 at 512 px x preset:turn 36-41: the segmentation's fringe, grown past the ear, holds 2-3 px of the black
background behind the near ear at head alpha ~1; the turned, raised head lays the ear over the plate's skin fill
(the neck's push-pull under the ear), and that strip of wall was drawn with it as a black crescent along the ear's
back and lobe (`ear_matte.wall_fringe`). `ear_crescent` counts the pixels within `REACH` face sizes of the near jaw
angle (the one farther across from the nose tip, `ear_notch.near_jaw`) that the drawn head covers (alpha at least
0.5), darker than `DARK`, within `BESIDE` px of a pixel off the drawn head (alpha under 0.5) lighter than `LIT`: a
dark line between the moved head and a lit plate; over the face size squared. The source repeated reads 0 (the
fringe lies on the black wall it was cut from).
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import disc_kernel, grey_image
from facereel.engines.mesh.figures.ear_notch import near_jaw

REACH = 0.3
"""Face sizes from the near jaw angle within which the pixels are read (the ear, from its top to the lobe's foot)."""
DARK = 20.0
"""Grey level under which a frame pixel is dark (sr_18's black wall reads 0-10, his ear's shaded rim 40 and up)."""
LIT = 40.0
"""Grey level over which a pixel off the drawn head is lit (the plate's skin fill beside the moved ear 40-100)."""
BESIDE = 3
"""Px from a lit pixel off the head within which a dark head pixel counts (the crescent is 2-3 px wide)."""


def ear_crescent(frame: np.ndarray, alpha: np.ndarray, jaw: np.ndarray, nose: float, face_px: float) -> float:
    """Face sizes^2: the dark head pixels of `frame` beside a lit plate near the near jaw angle (module docstring).
    frame: (h, w, 3) uint8 RGB, the rendered frame; alpha: (h, w) float32, the head alpha as drawn on it
    (`MeshAnimator.drawn_alpha` on the whole image); jaw: (2, 2) px, the photo's jaw angles (landmarks 132 and 361);
    nose: the photo's nose tip's column (landmark 1), px; face_px: the face size, px."""
    grey = grey_image(frame)
    lit_off = ((alpha < 0.5) & (grey > LIT)).astype(np.uint8)
    beside = cv2.dilate(lit_off, disc_kernel(BESIDE)) > 0
    dark = near_jaw(frame.shape[:2], jaw, nose, REACH * face_px) & (alpha >= 0.5) & (grey < DARK) & beside
    return float(dark.sum() / face_px ** 2)
