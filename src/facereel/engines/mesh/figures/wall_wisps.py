"""Wall wisps: a short light-and-dark squiggle drawn on a smooth wall beside the moved hair (issue #9).

sr_4 under a warm side light (`tests/mesh/test_pale_streak.side_lit`; docs/status.md "## Next", h30-fresh4's find
(3)) at 768 px x lp_d19 20-50: the wall right of the dark hair band behind the neck is a light ramp across the columns
that goes on unchanged down the rows. `head_halo.skin_rim` took the warm-tinted hair band for skin and 1-2 px of that
ramp for its edge, so they moved with the head, unmixed against the plate's brighter fill: a loop of light and dark
strands (frame 20, x 576-580, y 184-191). `wall_wisps` counts, in a box of the frame, the pixels whose grey level
differs by at least `WISP` from the mean of the pixels `pale_streak.APART` px above and below them: marks that change
along the rows, not the ramp across the columns nor the hair band's straight vertical edge. The source repeated
reads its own (sr_4 lit beside the band: 0).
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.composite import grey_image
from facereel.engines.mesh.figures.pale_streak import APART

WISP = 12.0
"""Grey levels: a wisp pixel is at least this much lighter or darker than the mean of its neighbours `APART` px above
and below (the loop's strands at frame 20: 12-24; the lit wall's grain there: under 3)."""


def wall_wisps(frame: np.ndarray, box: tuple[int, int, int, int]) -> int:
    """The pixels of `frame` ((H, W, 3) uint8 RGB) inside `box` (x0, y0, x1, y1 px, end excluded; at least `APART` px
    from the frame's top and bottom) whose grey level is at least `WISP` off the mean of the pixels `APART` px above
    and below them."""
    x0, y0, x1, y1 = box
    grey = grey_image(frame[y0 - APART:y1 + APART, x0:x1])
    across = (grey[:-2 * APART] + grey[2 * APART:]) / 2
    return int(np.count_nonzero(np.abs(grey[APART:-APART] - across) >= WISP))
