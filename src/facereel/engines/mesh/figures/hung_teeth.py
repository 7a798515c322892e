"""A driver's upper teeth hung above a flatter target opening's upper lip (issue #9), read on rendered frames.

sr_4 at 256 px x lp_d12 140-180 (frames 24-30): the clip's reference frame has its mouth open, so the target opens
0.45-0.7 as flat as the driver, and the driver's interior, kept at its height for its width
(`mouth_driver.unsqueezed_map`), was hung half-way between its centre and its upper lip: lp_d12's band of upper
teeth landed above the target's upper lip, behind it, a purple opening where the driver laughs with its teeth.
`upper_teeth`: over the frames, the mean share of the opening's upper `black_slot.UPPER_BAND` that reads as teeth
(`black_slot.teeth_light`) on the rendered frames, over the same on the driver's frames, each area-averaged to the
rendered mouth's width (`teeth_streaks.at_width`): what the driver's own mouth shows there at that size. 1: as
many teeth under the upper lip as the driver's mouth shows; 0: none.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from facereel.engines.mesh.figures.black_slot import UPPER_BAND, teeth_light
from facereel.engines.mesh.figures.teeth_streaks import at_width
from facereel.engines.mesh.open_mouth.mouth_shape import mouth_gap


def upper_teeth(frames: Sequence[np.ndarray], landmarks: Sequence[np.ndarray], drivers: Sequence[np.ndarray],
                driver_landmarks: Sequence[np.ndarray]) -> float:
    """Rendered (H, W, 3) uint8 RGB `frames` with their (478, 3) px `landmarks`, and the driving frames that drove
    them with theirs: the upper band's teeth share on the frames over the drivers' (module docstring); 0 where the
    drivers' mouths show no teeth there."""
    drawn = [teeth_light(frame, lm, UPPER_BAND) for frame, lm in zip(frames, landmarks)]
    own = [teeth_light(*at_width(driver, dlm, mouth_gap(lm)[1]), UPPER_BAND)
           for driver, dlm, lm in zip(drivers, driver_landmarks, landmarks)]
    return float(np.mean(drawn) / np.mean(own)) if np.mean(own) > 0 else 0.0
