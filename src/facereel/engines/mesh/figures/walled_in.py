"""The wall seen through the body beside a jaw moved sideways (issue #9; docs/status.md h38-wall's left).

lp_s6 (a statue on a white wall, its chin resting on its collar) at 384 px x lp_d12 140-180, frame 20: the shake carries
the head ~10 px left, and between the moved jaw and the pink collar stood a pale crescent (x 203-233, y 192-232 of the
crop): the wall's colour where the collar stands between it and the wall, a hole through the statue rather than its
neck. The plate's fill there had been given to the wall (`neck_layer.shifted_wall`) on every pixel near the background,
also where the photo's own collar lay between it and the wall along the row.

`walled_in` reads, below a given row (the face's lower half), the pixels the moved head uncovered (as
`wall_smear.wall_smear` reads them) paler than half-way from the wall's colour to the head's, from which along the row
both ways the drawn head or the photo's own person as drawn (under neither head: the collar; in runs of at least `BODY`,
not the thin strands of the photo's rim left beside the old jaw) stands before the background.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.figures.wall_smear import CLEAR, UNCOVERED, uncovered_beside
from facereel.engines.mesh.neck_layer.shifted_wall import open_to

BODY = 0.08
"""Face sizes: the least run along a row of the person shown as the photo that closes a pixel off from the background
(lp_s6's collar, 0.1-0.3 face sizes across; not the photo's own dark rim left beside the old jaw, strands and runs of
1-5 px at 384 px, under 0.05)."""
PALE = 0.5
"""The share of the way from the wall's colour to the head's under which a pixel reads as the wall (lp_s6's crescent
0.0-0.4: the wall's white over the fill's part mix)."""


def walled_in(frame: np.ndarray, photo: np.ndarray, alpha: np.ndarray, drawn: np.ndarray, person: np.ndarray,
              face_px: float, top: int) -> float:
    """Square face sizes: the area of `frame` ((h, w, 3) uint8 RGB on the crop) from row `top` down that the moved head
    uncovered (the photo's head alpha `alpha` from `UNCOVERED`, the drawn alpha `drawn` under `CLEAR` and `EDGE_PX` px
    off the drawn head; (h, w) float32 each) within `BESIDE` face sizes (`face_px` px) of the photo's background
    (`person`, (h, w) in [0, 1], under 0.5), under `PALE` of the way from the wall's colour to the head's (medians of
    `photo`, (h, w, 3) uint8 RGB, off the person and under the head), closed off from the background along its row
    both ways by the drawn head (`drawn` from `CLEAR`) or the person shown as the photo (`person` from 0.5, `alpha`
    under `UNCOVERED`, `drawn` under `CLEAR`) in runs of at least `BODY`. 0 where nothing is uncovered there."""
    found = uncovered_beside(photo, alpha, drawn, person, face_px)
    if found is None:
        return 0.0
    region, wall, step = found
    off, head_drawn = person < 0.5, drawn >= CLEAR
    shown = (~off & (alpha < UNCOVERED) & ~head_drawn).astype(np.uint8)
    body = cv2.morphologyEx(shown, cv2.MORPH_OPEN, np.ones((1, max(1, round(BODY * face_px))), np.uint8)) > 0
    region &= ~open_to(off, body | head_drawn)
    region[:top] = False
    share = (frame[region].astype(np.float32) - wall) @ step / float(step @ step)
    return float(np.count_nonzero(share < PALE)) / (face_px * face_px)
