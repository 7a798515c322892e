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

from facereel.engines.mesh.open_mouth.mouth_shape import mouth_gap
from facereel.face import landmark_ids as ids

_STRETCH = (2.0, 2.5)
"""Target opening over the driver's (gap / 3-D corner distance each): the driver's interior follows the contours'
affine map up to the first (its rows stretched twice over at most), keeps its height for its width in full from the
second. Pairs on ../shared/data at 512 px: a closed-mouthed portrait opens about as its driver (the flatter side is
`mouth_driver._SQUEEZE`'s); the photos with their own openings x lp_d19's grin 157-159 / lp_d18 70-90: lp_s1
1.31-1.40 / 1.12-1.13, sr_18 1.50-1.64 / 1.18-1.19, sr_8 (turned 34 deg: 2.08-2.30 over its corners' 2-D distance)
1.79-1.98 / 1.31-1.32, none kept short; lp_d11's frame 124 still x lp_d19 195-230 3.1-3.2, in full. The second was 3.0:
the CLI's smoothed render of that pair (`facereel animate --size 320`) opens 2.7-2.99 on clip frames 3-10 and its
frame 6 (2.70, share 0.7) drew the teeth half stretched, a grey block down half the opening (the blended map
stretching them 1.5x and 0.3 of the carry-out laid over the synthetic interior below); at 2.5 it is kept in full.
Raised with it: sr_8 x lp_d19 156 0.82 -> 1, x lp_d18 98 0.44 -> 0.88 (a darker cavity under a shorter teeth
row), sr_18 x lp_d19 156 0.24 -> 0.48 (6 grey levels at most)."""


def opening(points: np.ndarray) -> float:
    """The inner-lip gap over the 3-D distance of the inner-lip corners of (478, 3) px landmarks `points` (a turned
    mouth's width not foreshortened)."""
    corners = points[[ids.INNER_UPPER_LIP[0], ids.INNER_UPPER_LIP[-1]]]
    return mouth_gap(points)[0] / max(float(np.linalg.norm(corners[0] - corners[1])), 1e-6)


def stretched_share(driver: np.ndarray, target: np.ndarray) -> float:
    """0-1: how far the driver's interior keeps its height for its width because the target opens taller: the
    `opening` of the (478, 3) px `target` landmarks over that of the `driver`'s ramped over `_STRETCH`."""
    ratio = opening(target) / max(opening(driver), 1e-6)
    return float(np.clip((ratio - _STRETCH[0]) / (_STRETCH[1] - _STRETCH[0]), 0, 1))
