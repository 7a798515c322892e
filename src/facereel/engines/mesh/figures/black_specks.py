"""Black specks on the head's soft edge (issue #9 item 2: warp health on preset:turn, the rings' fade band).

The head layer's colour is premultiplied and unmixed from the plate behind the photo's head: on its soft edge it holds
the photo's pixel less the plate's share there, below 0 where that plate is lighter than the photo. Laid over a
darker plate than the one it was unmixed against (the neck the plate moves with the head), the edge comes out near
black: a speck a few px across (lp_s0 x preset:turn at 512 frames 10-22, the hair's edge by the ear over the moved
neck, while the rings' fade band was laid out off the head: luma ~1 where the engine before drew ~75).
`black_specks` reads them from the frame: the crop pixels where the head's drawn alpha is soft (over 0, under 0.5)
and the frame's luma is under the photo's own darkest there (its `DARKEST` quantile on the photo's soft edge) by
over `BLACKER` grey levels. The source repeated reads none.
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.animator import MeshAnimator
from facereel.engines.mesh.composite import LUMA

DARKEST = 0.005
"""The quantile of the photo's luma on its head's soft edge taken as its darkest there (a few stray pixels below it)."""
BLACKER = 10.0
"""Grey levels of luma: a soft-edge pixel of the frame this much darker than the photo's darkest there is black
where the photo has no such black (lp_s0's speck: 0-10 against the photo's ~35)."""


def black_specks(frame: np.ndarray, animator: MeshAnimator) -> int:
    """How many pixels of `frame` ((H, W, 3) uint8 RGB, the last `animator.draw`'s) on the crop where the head's
    drawn alpha (`MeshAnimator.drawn_alpha`) is over 0 and under 0.5 have a luma under the photo's darkest on its own
    soft edge (its `DARKEST` quantile; `animator.source`, `animator.layer.alpha`) by over `BLACKER` grey levels."""
    x0, y0, x1, y1 = animator.box
    photo = animator.source[y0:y1, x0:x1].astype(np.float32) @ LUMA
    own = animator.layer.alpha
    darkest = np.quantile(photo[(own > 0) & (own < 0.5)], DARKEST)
    alpha = animator.drawn_alpha()
    here = frame[y0:y1, x0:x1].astype(np.float32) @ LUMA
    return int(((alpha > 0) & (alpha < 0.5) & (here < darkest - BLACKER)).sum())
