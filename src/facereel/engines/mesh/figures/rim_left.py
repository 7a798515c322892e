"""The photo's broken dark rim left on the wall beside a jaw moved sideways (issue #9; docs/status.md h39-wall's left).

lp_s6 (a statue on a white wall) at 384 px x lp_d12 140-180, frames 18-20: the shake carries the head ~10 px left, and
the upper half of the crescent it uncovers between the moved jaw and the collar (x 220-235, y 196-216 of the crop) is
the wall, with the photo's own broken dark outline standing on it: the strands of the hair's edge between the fingers of
the photo's head alpha (under 0.5 there), which the plate keeps as the photo in its hole's margin (the fade to the
fill) and which the wall mixed in beside the moved jaw (`neck_layer.shifted_wall`) had left out.

`rim_left` reads the pixels of the photo's rim (off the photo's head, under `UNCOVERED`, on the person, within `RIM`
face sizes of the head) not under the drawn head (as `wall_smear.uncovered_beside` leaves the drawn head out) that are
darker than half-way from the wall's colour to the head's (`DARK`) and lie within `NEAR` face sizes of an uncovered
pixel paler than `PALE` of that way: dark strands on the wall the moved head uncovered.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import disc_kernel
from facereel.engines.mesh.figures.wall_smear import UNCOVERED, beside_pale

RIM = 0.05
"""Face sizes past the photo's head alpha (from `UNCOVERED`) in which its rim lies (lp_s6's strands beside the jaw
1-5 px out at 384 px, face size 104 px)."""
NEAR = 0.03
"""Face sizes from a pale uncovered pixel within which a dark rim pixel stands on the wall (a strand beside it)."""
PALE = 0.3
"""The share of the way from the wall's colour to the head's under which an uncovered pixel is the wall (lp_s6's
crescent 0.0-0.2)."""
DARK = 0.5
"""The share of that way over which a rim pixel reads as a dark strand (lp_s6's strands 1.0-1.4 against its median
clay; the wall mixed over them half-way reads 0.5)."""


def rim_left(frame: np.ndarray, photo: np.ndarray, alpha: np.ndarray, drawn: np.ndarray, person: np.ndarray,
             face_px: float) -> float:
    """Square face sizes: the area of `frame` ((h, w, 3) uint8 RGB on the crop) on the photo's rim (`alpha`, the photo's
    head alpha, under `UNCOVERED` within `RIM` face sizes (`face_px` px) of it; `person` ((h, w) in [0, 1]) from 0.5),
    off the drawn head (`drawn` under `CLEAR`, `EDGE_PX` px off it; (h, w) float32 each), over `DARK` of the way from
    the wall's colour to the head's (medians of `photo`, (h, w, 3) uint8 RGB) and within `NEAR` of a pixel the moved
    head uncovered (`wall_smear.uncovered_beside`) under `PALE` of it. 0 where nothing is uncovered."""
    found = beside_pale(frame, photo, alpha, drawn, person, face_px, PALE, NEAR)
    if found is None:
        return 0.0
    share, beside = found
    head = (alpha >= UNCOVERED).astype(np.uint8)
    rim = (cv2.dilate(head, disc_kernel(max(1, round(RIM * face_px)))) > 0) & (head == 0) & (person >= 0.5)
    left = rim & beside & (share > DARK)
    return float(np.count_nonzero(left)) / (face_px * face_px)
