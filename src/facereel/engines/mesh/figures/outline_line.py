"""A faint grey line at the person's outline beside the wall a jaw moved sideways uncovered (issue #9; docs/status.md
h39-crescent's left).

lp_s6 (a statue on a white wall) at 384 px x lp_d12 140-180, frames 22-30: the shake carries the head ~30 px right,
and the wall mixed into the plate's fill beside the old jaw (`neck_layer.shifted_wall`) stood with a thin grey line
down its left side (x 151-155, y 195-210 of the crop), one to three px wide at the person's outline: the fill there
half mixed (L* 10-25 under the wall's), as the weight, softened, fell to half at the outline, and the photo's kept
outline pixels laid over with the plate round them as it was before the wall came in (`kept_photo.KeptPhoto`).

`outline_line` reads the pixels of the person's outline (on the person, within `EDGE` face sizes of its background)
off the drawn head (as `wall_smear.uncovered_beside` leaves it out) within `NEAR` face sizes of a pixel the moved head
uncovered that is the wall (under `PALE` of the way from the wall's colour to the head's), themselves more than `FAINT`
of that way: a line between the background and the wall laid beside it.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.figures.wall_smear import beside_pale

EDGE = 0.05
"""Face sizes inside the person from its background within which a pixel is on its outline (lp_s6's line 1-3 px wide,
1-4 px in from its background at 384 px, face size 104 px)."""
NEAR = 0.05
"""Face sizes from a pale uncovered pixel within which an outline pixel stands beside the wall laid there (lp_s6's
uncovered pixels, under the photo's head alpha from 0.5, begin 2-5 px in from its line)."""
PALE = 0.1
"""The share of the way from the wall's colour to the head's under which an uncovered pixel is the wall (lp_s6's wall
mixed in beside the moved jaw 0.0-0.05; the photo's wall 99 % under 0.07)."""
FAINT = 0.12
"""The share of that way over which an outline pixel reads as a line on the wall (lp_s6's line 0.15-0.3; the wall's
own texture under 0.07)."""


def outline_line(frame: np.ndarray, photo: np.ndarray, alpha: np.ndarray, drawn: np.ndarray, person: np.ndarray,
                 face_px: float) -> float:
    """Square face sizes: the area of `frame` ((h, w, 3) uint8 RGB on the crop) on the person's outline (`person`,
    (h, w) in [0, 1], from 0.5 within `EDGE` face sizes (`face_px` px) of under 0.5), off the drawn head (`drawn`
    under `CLEAR`, `EDGE_PX` px off it; (h, w) float32), over `FAINT` of the way from the wall's colour to the head's
    (medians of `photo`, (h, w, 3) uint8 RGB, off the person and under the photo's head alpha `alpha`, (h, w) float32)
    and within `NEAR` of a pixel the moved head uncovered (`wall_smear.uncovered_beside`) under `PALE` of it. 0 where
    nothing is uncovered."""
    found = beside_pale(frame, photo, alpha, drawn, person, face_px, PALE, NEAR)
    if found is None:
        return 0.0
    share, beside = found
    on = person >= 0.5
    to_background = cv2.distanceTransform(on.astype(np.uint8), cv2.DIST_L2, 5)
    line = on & (to_background <= EDGE * face_px) & beside & (share > FAINT)
    return float(np.count_nonzero(line)) / (face_px * face_px)
