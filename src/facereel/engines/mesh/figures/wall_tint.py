"""Wall tint: a flat skin-tinted patch of the plate shown on a light wall where a moved head's ear stood (issue #9).

lp_s5 at 512 x lp_d12 140-179 (`animate --size 512`; h48-fresh), frames 24-25: the head moves right and uncovers the
plate left of its moved ear, and a translucent flat beige patch with a square outline stands on the light grey wall
(x ~200-222, y ~184-212), where the photo's ear and the hair beside it were: the plate's fill of the head's hole there
is skin-coloured (the person mask takes that place in; `layers.HeadLayer`'s `filled`, RGB ~(183, 166, 140) against
the wall's ~(200, 197, 190)). `wall_tint` is the share of a box's pixels that the drawn head leaves bare (its alpha
under `pale_block.BARE`) and whose colour lies over `TINT` from the wall's (OpenCV 8-bit CIELAB distance; the wall's
colour the photo's median over a box of wall beside): the source repeated reads 0 (its ear covers the box), a plate
showing the wall ~0. Unlike `pale_block` (lighter than a dark wall) it reads a patch darker or tinted on a light one.
Mended by h49-s5tint (`neck_layer.shifted_wall.past_neck`: the wall under the ears, high above the hole's end): frames
24 / 25 0.46 / 0.24 -> 0.069 / 0.014.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.figures.pale_block import BARE

TINT = 15.0
"""OpenCV 8-bit CIELAB distance from the wall's colour over which a bare pixel counts as tinted (lp_s5's grey wall
varies within ~6 round its median beside the ear; the patch lies 20-30 off it, darker and yellower)."""


def wall_colour(photo: np.ndarray, wall: tuple[int, int, int, int]) -> np.ndarray:
    """(3,) float32: the median OpenCV 8-bit CIELAB colour of (H, W, 3) uint8 RGB `photo` in box `wall` (x0, y0, x1,
    y1) px, end excluded."""
    x0, y0, x1, y1 = wall
    lab = cv2.cvtColor(np.ascontiguousarray(photo[y0:y1, x0:x1]), cv2.COLOR_RGB2LAB)
    return np.median(lab.reshape(-1, 3), axis=0).astype(np.float32)


def wall_tint(frame: np.ndarray, alpha: np.ndarray, box: tuple[int, int, int, int], wall: np.ndarray) -> float:
    """Share 0-1 of `box`'s (x0, y0, x1, y1 px, end excluded) pixels of (H, W, 3) uint8 RGB `frame` that the drawn
    head alpha `alpha` ((H, W) float32) leaves under `BARE` and whose CIELAB colour lies over `TINT` from `wall` ((3,)
    OpenCV 8-bit CIELAB, `wall_colour`)."""
    x0, y0, x1, y1 = box
    lab = cv2.cvtColor(np.ascontiguousarray(frame[y0:y1, x0:x1]), cv2.COLOR_RGB2LAB).astype(np.float32)
    tinted = (alpha[y0:y1, x0:x1] < BARE) & (np.linalg.norm(lab - wall, axis=2) > TINT)
    return float(tinted.mean())
