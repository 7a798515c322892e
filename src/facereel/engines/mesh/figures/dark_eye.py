"""An eye opened over a shut one, drawn as a flat dark almond: `dark_share` (issue #9, h50-fresh's sweep).

lp_d6 frames 200-240 as a video source x lp_d3 310-354 (`facereel animate --size 512`), frames 7-9 and 19-22: where
the clip's eyes are shut (a wink, then a squeeze) and the driver's are open, the drawn opening is a flat dark-brown
almond with no white and no iris, a speck of light at its edge (/tmp/h50-fresh/v2v_4_8_20.png). `dark_share` is,
per eye, the share of the opening's pixels (inside the lid contour of the frame's landmarks) darker (CIELAB L*) than
half-way between an open eye's iris and its white (`iris_share.IrisShare`'s thresholds, read on a frame of the same
face with its eyes open): an open eye shows its iris, a part of the opening (lp_d6's own 0.3-0.5); the dark almond
nearly all of it. Each a (2,) array, the image-left eye first.
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.figures.iris_share import EYES, _opening


def dark_share(frame: np.ndarray, landmarks: np.ndarray, thresholds: list[float]) -> np.ndarray:
    """(2,) float: the share of each eye's opening in `frame` (H, W, 3) uint8 RGB, its lid contour from `landmarks`
    (478, >=2) px, darker in L* than that eye's threshold (`IrisShare.thresholds`); NaN for an empty opening."""
    shares = []
    for (upper, lower, _), threshold in zip(EYES, thresholds):
        light = _opening(frame, landmarks, upper, lower)[0]
        inside = ~np.isnan(light)
        shares.append(float((light[inside] < threshold).mean()) if inside.any() else float("nan"))
    return np.array(shares)
