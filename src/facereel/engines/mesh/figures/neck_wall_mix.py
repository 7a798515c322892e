"""Neck and wall mixed: the plate's fill left as a pale block beside the moved neck where hanging hair was (issue #9).

lp_s1 at 512 x lp_d12 150-183, frames 16-22: her hair's lower end hangs over the neck's side (x ~170-190, y ~295-
325); the head moves it up and to the side, and the plate behind it showed a pale pink block with a straight left
edge between the wall (grey ~241) and the moved neck (~115-145): the neck band's fill from the person below mixed
with the ring's wall over two hole margins (~18 px), grey 176-228. A photo's own edge between the two is 1-2 px
wide. `mixed_share` is the share of a box's pixels that the drawn head leaves bare (its alpha under `BARE`) whose grey
lies between the neck's and the wall's, `GAP` grey levels or more from both: the source repeated reads 0 (the hair
covers the box), a plate that keeps the wall up to the moved neck's edge reads its anti-aliased edge only.

It reads the same blend under the near hair's end on lp_s1 512 x preset:turn 36-48 (h43-s1hair,
`plate_fill/hair_side.py`, tests/mesh/test_hair_end_smear.py), where the neck band's own fill from the person below
(grey ~160, lighter than the neck's ~113) beside the mended edge still counts.
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.composite import grey_image

BARE = 0.1
"""The drawn head's alpha under which a pixel shows what lies behind it (the plate: wall, fill or moved neck)."""
GAP = 20.0
"""Grey levels from both the wall's and the neck's grey within which a pixel is either (the wall's grain and the
moved neck's shading stay within ~15 of their medians; the mixed fill lay 30-60 from both)."""


def mixed_share(frame: np.ndarray, alpha: np.ndarray, box: tuple[int, int, int, int], wall: float, neck: float
                ) -> float:
    """Share in [0, 1] of the pixels of `frame` ((H, W, 3) uint8 RGB) in `box` (x0, y0, x1, y1 px, end excluded)
    where the drawn head's `alpha` ((H, W) float32 on the frame's grid) is under `BARE` and the grey lies over
    `neck` + `GAP` and under `wall` - `GAP` (grey levels: the photo's wall beside the neck, its neck's median)."""
    x0, y0, x1, y1 = box
    grey = grey_image(frame[y0:y1, x0:x1])
    mixed = (grey > neck + GAP) & (grey < wall - GAP)
    return float(((alpha[y0:y1, x0:x1] < BARE) & mixed).mean())
