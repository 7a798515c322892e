"""Wall line: a thin pale vertical line drawn on the wall beside a moved ear (issue #9).

sr_4 (whole, or cut to 9:16 at x 560-965 with its ear 10 px from the right edge) x lp_d11 180-224 (docs/status.md
"## Next", h31-fresh5's find (6)): the head mask holds the dark wall and the pillar's lit soft edge right of the ear
at alpha ~1; `edge_matte` lowered that carried background but for a 3-4 px strip of the pillar's edge whose colour is
as near the ear's skin as the plate's, which moved with the head and showed as a pale line on the wall (frame 20,
x ~387, y 100-264 of the cut). `wall_line` reads, in a box of the frame, the pixels at least `pale_streak.LIFT` grey
levels lighter than both pixels `pale_streak.APART` px left and right of them (`pale_streak` across the columns: a
line 1-5 px wide running down) and gives the longest run of them down one column, in px: a long straight line, not
the short slanted hair wisps beside the head (the source repeated: 31 px in the box the test reads), the pillar's
own soft edge nor the ear's rim against the wall.
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.composite import grey_image
from facereel.engines.mesh.figures.pale_streak import APART, LIFT


def wall_line(frame: np.ndarray, box: tuple[int, int, int, int]) -> int:
    """The longest run down one column (px) of the pixels of `frame` ((H, W, 3) uint8 RGB) inside `box` (x0, y0, x1,
    y1 px, end excluded; at least `pale_streak.APART` px from the frame's sides) lighter than both pixels
    `pale_streak.APART` px left and right of them by `pale_streak.LIFT` grey levels or more."""
    x0, y0, x1, y1 = box
    grey = grey_image(frame[y0:y1, x0 - APART:x1 + APART])
    middle = grey[:, APART:-APART]
    lighter = (middle - grey[:, :-2 * APART] >= LIFT) & (middle - grey[:, 2 * APART:] >= LIFT)
    longest = 0
    for column in lighter.T:
        edges = np.flatnonzero(np.diff(np.r_[0, column.astype(np.int8), 0]))
        if edges.size:
            longest = max(longest, int((edges[1::2] - edges[::2]).max()))
    return longest
