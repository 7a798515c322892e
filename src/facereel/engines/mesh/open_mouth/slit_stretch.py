"""A driver's slit not stretched up into a taller opening (issue #9, mouths: a photo's own open mouth driven).

The contours' affine map takes the driver's inner-lip contour onto the target's, so a target opening taller for its
width than the driver's stretches the driver's interior down its columns by the ratio of the two: lp_d11's frame 124
as a still (the child, her mouth open, 0.30 of its width) at 320 px x lp_d19 195-230 (a thin grin, 0.12-0.13) opened
3.1-3.3 times as tall as the driver, and lp_d19's teeth came out a khaki-grey block of vertical stripes
(`figures/slit_stretch.py`). Past `_STRETCH` the driver's interior keeps its height for its width instead (the
corners' similarity, hung from the target's upper lip as `mouth_driver.unsqueezed_map` hangs a flatter one) and
what lies below it in the taller opening is the synthetic interior's (its cavity, the photo's own teeth carried with
the upper lip), as `mouth.MouthRenderer.render` mixes the two by the driver's coverage.
"""

from __future__ import annotations

import numpy as np

_STRETCH = (1.5, 2.5)
"""Target opening (gap / corner distance) over the driver's (gap / width): the driver's interior follows the
contours' affine map up to the first (its rows stretched half again at most), keeps its height for its width in
full from the second. Pairs on ../shared/data: a closed-mouth portrait opens as its driver does (about 1; the
flatter side is `mouth_driver._SQUEEZE`'s); lp_d11's frame 124 still x lp_d19 195-230 3.1-3.3."""


def target_opening(target_gap: float, target_contour: np.ndarray, upper: int) -> float:
    """The target opening's gap `target_gap` px over the distance between the corners of its (20, 2)
    `INNER_LIP_CONTOUR` `target_contour` (the first point and the `upper`-th, 1-based, the upper lip's last)."""
    return target_gap / max(float(np.linalg.norm(target_contour[0] - target_contour[upper - 1])), 1e-6)


def stretched_share(driver_open: float, target_open: float) -> float:
    """0-1: how far the driver's interior keeps its height for its width because the target opens taller:
    `target_open` over `driver_open` (gap / width each) ramped over `_STRETCH`."""
    ratio = target_open / max(driver_open, 1e-6)
    return float(np.clip((ratio - _STRETCH[0]) / (_STRETCH[1] - _STRETCH[0]), 0, 1))
