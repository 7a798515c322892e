"""Dark streak: a thin dark line the head carried over the background beside a moved jaw (issue #9).

lp_s0 at 512 x preset:turn 37-42 (h42-s0temple's left): under the mask's faint wisp (alpha 0.02-0.13) over the sofa's
olive leaf left of her near cheek, `head_halo.skin_rim` took the leaf's lower edge and its tip by the jaw for a dark
neck side's edge at alpha 0 and raised them (0.3-1); the turned head carried them off, a dark line 1-2 px thick
along a pale wedge pointing left from the jaw. `dark_streak` counts, in a box of the frame, the pixels at least
`pale_streak.LIFT` grey levels darker than both pixels `APART` px above and below them: a dark line 1-3 px thick
across the rows, not the leaf's own broad body nor the cheek's vertical outline. The source repeated reads its own
such pixels (lp_s0's leaf stem in the box the test reads: 3).
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.composite import grey_image
from facereel.engines.mesh.figures.pale_streak import LIFT, lift_across

APART = 2
"""Px: the neighbours across the line lie this far above and below it (a line up to ~3 px thick)."""


def dark_streak(frame: np.ndarray, box: tuple[int, int, int, int]) -> int:
    """The pixels of `frame` ((H, W, 3) uint8 RGB) inside `box` (x0, y0, x1, y1 px, end excluded; at least `APART`
    px from the frame's top and bottom) at least `pale_streak.LIFT` grey levels darker than both pixels `APART` px
    above and below them."""
    x0, y0, x1, y1 = box
    return int(np.count_nonzero(lift_across(-grey_image(frame[y0 - APART:y1 + APART, x0:x1]), APART) >= LIFT))
