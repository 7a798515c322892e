"""Column line: a 1 px light line the moved head draws on a dark wall column beside its hair (issue #9).

sr_4 at 640 with `--body` x lp_d3 310-350, frames 33-39: the head mask holds the photo's dark column between the hair
and a lit pillar and the pillar's first lit pixel beyond it (alpha ~1); the head turning towards the column moved that
pixel with the hair's edge over the plate's dark column, as a thin light line along the hair (x 460-470, y 45-110).
`column_line` counts, in a box, the pixels on the drawn head's rim (alpha at least `HALF`, under it within `RIM` px
along the row) that are `LIFT` grey levels lighter than both pixels `APART` px left and right of them, each within
`DARK` of the wall's grey: a light line between two stretches of the dark column, not a lit hair strand inside the
head (no rim beside it) nor the hair's own edge over a light wall. The source repeated reads 0.
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.composite import grey_image

HALF = 0.5  # drawn head alpha from which a pixel is the head's
RIM = 2  # px along the row: a head pixel this near a bare one is on the head's rim
LIFT = 15.0
"""Grey levels a line pixel is lighter than both its sides (the line drawn was 25-30 over the column's ~52; the
column's own grain stays within ~5)."""
APART = 2  # px: the sides are read this far left and right (a line 1-3 px wide)
DARK = 12.0  # grey levels: a side within this of the wall's grey is the dark column


def column_line(frame: np.ndarray, alpha: np.ndarray, box: tuple[int, int, int, int], wall: float) -> int:
    """Pixels of `frame` ((H, W, 3) uint8 RGB) in `box` (x0, y0, x1, y1 px, end excluded, at least `APART` px inside
    the frame) on the rim of the drawn head `alpha` ((H, W) float32 on the frame's grid) and on a light line over the
    dark column whose grey is `wall`."""
    x0, y0, x1, y1 = box
    grey = grey_image(frame)
    head = alpha >= HALF
    bare_near = np.zeros_like(head)
    for step in range(1, RIM + 1):
        bare_near[:, :-step] |= ~head[:, step:]
        bare_near[:, step:] |= ~head[:, :-step]
    centre = grey[y0:y1, x0:x1]
    left, right = grey[y0:y1, x0 - APART:x1 - APART], grey[y0:y1, x0 + APART:x1 + APART]
    line = ((head & bare_near)[y0:y1, x0:x1] & (centre >= np.maximum(left, right) + LIFT)
            & (np.abs(left - wall) <= DARK) & (np.abs(right - wall) <= DARK))
    return int(line.sum())
