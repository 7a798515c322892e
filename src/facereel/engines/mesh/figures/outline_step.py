"""Outline step: the largest jump of a drawn outline between two neighbouring rows beyond its own slope (issue #9).

sr_4 at 640 x lp_d3 310-350 (with or without `--body`), frames 25-39: the far temple's outline on the dark hair
jumped 2-4 px sideways between two rows (rows 138/139 at frame 33, 140/141 at 39), where the turn spread the inner
points packed onto the photo's outline (`geometry.packed_outline`). `outline_step` reads the outline's crossing on
each row of a box (`outline_kinks.crossings`: where the grey first reaches a level from the background's side,
sub-pixel), takes the change from each row to the next, and returns the largest departure of one change from the
median of the `SPAN` changes on each side of it: a straight or evenly curved outline reads ~0 however steep it is
(the photo's temple 0.3 px), a stair step reads its height. No alignment by the head's motion is needed: each frame
is read against its own neighbouring rows.

On a light wall it reads the frame inverted (the wall as the dark background): lp_s1 at 512 x lp_d12 140-179, frame
24, her neck's image-left outline under the hair's end stepped back ~2 px under a flat top where
`shifted_wall.past_neck` laid the wall from `RISE` up over its slant (h49-s5tint 1.40, main 0.36; mended by
h49-s1step, `shifted_wall.LIFT`; tests/mesh/test_neck_corner_step.py).
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.figures.outline_kinks import crossings

SPAN = 3
"""Rows: the changes on each side of a row's change that give the outline's own slope there."""


def outline_step(frame: np.ndarray, box: tuple[int, int, int, int], level: float, side: int) -> float:
    """Px: the largest row-to-row change of `frame`'s ((H, W, 3) uint8 RGB) outline crossing in `box` (x0, y0, x1,
    y1 px, end excluded; `level` grey levels; `side` -1: the background on the left, +1: on the right) off the median
    of the `SPAN` changes above and below it; rows near one that never reaches `level` are not read (0.0 if none
    is)."""
    change = np.diff(crossings(frame, box, level, side))
    steps = [abs(change[i] - np.median(np.concatenate([change[i - SPAN:i], change[i + 1:i + 1 + SPAN]])))
             for i in range(SPAN, len(change) - SPAN)
             if not np.isnan(change[i - SPAN:i + 1 + SPAN]).any()]
    return float(max(steps, default=0.0))
