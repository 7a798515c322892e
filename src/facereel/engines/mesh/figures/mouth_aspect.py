"""How far a mouth opens for its width (issue #9): the re-tracked inner-lip gap over the mouth's corner-to-corner
width, both canonical (`motion.features` "mouth_open" / "mouth_width"), so faces of any size and pose compare.

sr_4 x lp_d18 (frames 66-94, the driver's mouth wide open): relative retargeting added the driver's lip offsets as
lengths, so sr_4's mouth, 0.82 of the driver's width, opened to 1.1 of its width against the driver's 0.8 and
narrowed from 29 to 22 px: a narrow O with the lower lip's thin corner parts on its sides. A driven mouth should
open for its width as the driver's does (`motion.retarget.MOUTH_SCALE_RANGE`).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from facereel.face.pose import estimate_pose
from facereel.face.tracking import track_frames
from facereel.motion.features import INDEX, expression_features


def opening_per_width(landmarks: np.ndarray) -> np.ndarray:
    """(T,) inner-lip gap over mouth width of (T, 478, 3) px landmarks (canonical lengths)."""
    features = expression_features(estimate_pose(landmarks)[1])
    return features[:, INDEX["mouth_open"]] / features[:, INDEX["mouth_width"]]


def retracked_opening_per_width(frames: Iterable[np.ndarray], fps: float) -> np.ndarray:
    """(T,) `opening_per_width` of rendered frames (H, W, 3) uint8, re-tracked in order as a video; NaN where
    the tracker finds no face."""
    track = track_frames(iter(frames), fps)
    return np.where(track.valid, opening_per_width(track.landmarks), np.nan)
