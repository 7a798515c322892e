"""A lighter strip on the moved neck under the hanging hair's end (issue #9).

lp_s1 at 512 x preset:turn 36-48: the turned head lifts her near hair's end off the neck's side, and the moved neck
under it shows a lighter, pinker strip (x ~186-214, y ~294-312; grey 120-200 on the neck's ~113) down to a step at
the moved neck's top: its left part the wall / neck edge read on a slant by the neck layer (a soft ramp 140-200 grey
~6 px wide, crisp below the step), its middle the neck band's push-pull fill from the person below and the jaw's skin
the plate keeps under the hair (`plate_fill/hair_side`), where the shadowed neck tone hardly lays
(`NeckWarp.below_jaw`). `lifted_share` is the share of a box's pixels that the drawn head leaves bare (its alpha under
`neck_wall_mix.BARE`) whose grey lies `LIFT` or more over the photo's neck and `neck_wall_mix.GAP` or more under its
wall: the source repeated reads 0 (the hair covers the box), a moved neck of the photo's own tone with a 1-2 px edge
to the wall only that edge.
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.composite import grey_image
from facereel.engines.mesh.figures.neck_wall_mix import BARE, GAP

LIFT = 10.0
"""Grey levels over the photo's neck median from which a pixel is lighter than the neck (lp_s1's moved neck below
the strip, x 196-212, y 312-328 at 512, stays within ~8 of it: 105-120 on 112.6)."""


def lifted_share(frame: np.ndarray, alpha: np.ndarray, box: tuple[int, int, int, int], wall: float, neck: float
                 ) -> float:
    """Share in [0, 1] of the pixels of `frame` ((H, W, 3) uint8 RGB) in `box` (x0, y0, x1, y1 px, end excluded)
    where the drawn head's `alpha` ((H, W) float32 on the frame's grid) is under `BARE` and the grey lies over
    `neck` + `LIFT` and under `wall` - `GAP` (grey levels: the photo's neck median below, its wall's beside it)."""
    x0, y0, x1, y1 = box
    grey = grey_image(frame[y0:y1, x0:x1])
    lifted = (grey > neck + LIFT) & (grey < wall - GAP)
    return float(((alpha[y0:y1, x0:x1] < BARE) & lifted).mean())
