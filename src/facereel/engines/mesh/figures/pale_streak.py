"""Pale streak: a short line lighter than the skin round it drawn on the neck under a moved ear lobe (issue #9).

sr_4 under a side light (its jaw in shadow, its neck lit; docs/status.md "## Next", h30-fresh4's find (3)): the head
layer's soft fringe below the ear lobe lies on the lit neck (photo ~170 grey levels) over the plate's fill, pushed in
from the shadowed neck (~113); unmixed against it the fringe's colour is far past 255, and laid over the moved neck
plate (~160) it drew a pale white crescent (~215) under the lobe (lp_d19 20-50, frames 10-20). `pale_streak` counts,
in a box of the frame, the pixels at least `LIFT` grey levels lighter than both pixels `APART` px above and below
them: a light line 1-5 px thick across the rows, not the neck's own shading, the wall's light ramp along the rows nor
the hair's vertical edge. The source repeated reads its own such pixels (sr_4 lit under its lobe: 0).
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.composite import grey_image

LIFT = 20.0
"""Grey levels: a streak pixel is at least this much lighter than both its neighbours across the streak."""
APART = 3
"""Px: the neighbours across the streak lie this far above and below it (a streak up to ~5 px thick)."""


def pale_streak(frame: np.ndarray, box: tuple[int, int, int, int]) -> int:
    """The pixels of `frame` ((H, W, 3) uint8 RGB) inside `box` (x0, y0, x1, y1 px, end excluded; at least `APART`
    px from the frame's top and bottom) at least `LIFT` grey levels lighter than both pixels `APART` px above and
    below them."""
    x0, y0, x1, y1 = box
    return int(np.count_nonzero(lift_across(grey_image(frame[y0 - APART:y1 + APART, x0:x1]), APART) >= LIFT))


def lift_across(grey: np.ndarray, apart: int) -> np.ndarray:
    """(h - 2 `apart`, w) float32: how much lighter each pixel of `grey` ((h, w) float32 grey levels) `apart` rows
    or more from its top and bottom is than the lighter of the two pixels `apart` px above and below it."""
    middle = grey[apart:-apart]
    return np.minimum(middle - grey[:-2 * apart], middle - grey[2 * apart:])
