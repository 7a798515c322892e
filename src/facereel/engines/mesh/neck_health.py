"""How far the visible neck's texture is stretched in a frame (the neck smear of issue #9).

The plate's neck (`layers.HeadLayer`) is warped every frame to meet the moved jaw; where that warp
stretches the neck's skin a lot, the frame shows a smeared band under the chin (a raised chin pulling
the jaw's shadow or the collar up into a streak). `neck_stretch` reads the largest local stretch of that
warp over the neck pixels the frame shows, on a grid of samples; 1 = not stretched (the source itself).
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.warp import local_distortion

_SAMPLES = 48  # samples across the neck field's longer side
_PERCENTILE = 99.0  # of the visible samples' stretch: the smear's peak, not one stray sample


def neck_stretch(field: tuple[np.ndarray, np.ndarray] | None) -> float:
    """The 99th percentile of the local stretch (`warp.local_distortion`, 1 = none) of a neck warp over
    the samples where the neck shows. field: (n, m, 2) float32 backward displacement px and (n, m) bool
    where the neck shows (`HeadLayer.neck_field`); None or no visible sample: 1.0."""
    if field is None:
        return 1.0
    disp, visible = field
    step = max(1, round(max(disp.shape[:2]) / _SAMPLES))
    coarse, shown = disp[::step, ::step], visible[::step, ::step][1:-1, 1:-1]
    if min(coarse.shape[:2]) < 3 or not shown.any():
        return 1.0
    _, stretch = local_distortion(coarse, (float(step), float(step)))
    return float(np.percentile(stretch[shown], _PERCENTILE))
