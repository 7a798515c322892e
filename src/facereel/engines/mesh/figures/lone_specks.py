"""Lone specks along the head's outline (issue #12 part 4: the expression editor at the sliders' ends).

lp_d19's frame 0 (glasses, 480 x 480) `edit --roll 30 --mouth-open 1.5 --smile 1.5`: a column of jagged pink and
white specks along the image-left ear's edge (x 100-107, y 240-287), 1-3 px dots unlike the skin and the wall round
them. `lone_specks` reads them from a frame's pixels: a pixel of a box is a speck where, along its row and along its
column alike, its CIE Lab colour lies over `APART` from both pixels `STEP` px away on either side. An edge (the
outline between skin and wall) is not: across it one side matches, and along it both do. The photo repeated reads 0
there; the engine 17 (`--roll 30` alone 3).
"""

from __future__ import annotations

import cv2
import numpy as np

STEP = 1
"""px: how far each neighbour lies from the pixel read (lp_d19's dots 1-2 px at 480: a pixel of a 2-px dot differs
from the pixel beyond it on one side and from the dot's other pixel on the other only where that one is unlike it)."""

APART = 5.0
"""CIE Lab units (L* 0-100): a speck's colour lies over this from all four neighbours (lp_d19's white and pink dots on
the ear's edge; the photo's skin grain and its soft outline stay under it: the photo repeated reads 0 there)."""


def lone_specks(frame: np.ndarray, box: tuple[int, int, int, int]) -> int:
    """How many pixels of `box` ((x0, y0, x1, y1) px, ends exclusive) in `frame` ((H, W, 3) uint8 RGB) lie over
    `APART` in Lab from all four of their neighbours `STEP` px away left, right, above and below (the frame's edge
    repeated beyond it)."""
    x0, y0, x1, y1 = box
    lab = cv2.cvtColor(frame.astype(np.float32) / 255.0, cv2.COLOR_RGB2LAB)
    lab = np.pad(lab, ((STEP, STEP), (STEP, STEP), (0, 0)), mode="edge")
    centre = lab[y0 + STEP:y1 + STEP, x0 + STEP:x1 + STEP]
    apart = np.ones(centre.shape[:2], bool)
    for dy, dx in ((0, -STEP), (0, STEP), (-STEP, 0), (STEP, 0)):
        other = lab[y0 + STEP + dy:y1 + STEP + dy, x0 + STEP + dx:x1 + STEP + dx]
        apart &= np.linalg.norm(centre - other, axis=2) > APART
    return int(apart.sum())
