"""How far a mouth opens for its width (issue #9): the re-tracked inner-lip gap over the mouth's corner-to-corner
width, both canonical (`motion.features` "mouth_open" / "mouth_width"), so faces of any size and pose compare.

sr_4 x lp_d18 (frames 66-94, the driver's mouth wide open): relative retargeting added the driver's lip offsets as
lengths, so sr_4's mouth, 0.82 of the driver's width, opened to 1.1 of its width against the driver's 0.8 and
narrowed from 29 to 22 px: a narrow O with the lower lip's thin corner parts on its sides. A driven mouth should
open for its width as the driver's does (`motion.retarget.MOUTH_SCALE_RANGE`).

`jaw_and_gap` (issue #12, a still photo as the driver): the same scale on the chin's vertical motion dropped a
narrower mouth's jaw short (the `open` pair lp_d18 0 -> 80, re-tracked jaw drop 0.54 of the driver's over the
shared portraits, 0.60 since `retarget._chin_depth`): the re-tracked chin's drop below the nose base beside the inner-lip gap, so a jaw that drops
short shows against a mouth that opens.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from facereel.eval.faces import FaceSeries
from facereel.face.pose import estimate_pose
from facereel.face.tracking import track_frames, track_image
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


def jaw_and_gap(image: np.ndarray) -> tuple[float, float]:
    """(jaw drop, inner-lip gap) of the face re-tracked in `image` (H, W, 3) uint8, canonical units: the chin's
    height below the nose base (`FaceSeries.jaw_drop`) and the features' "mouth_open"."""
    face = FaceSeries.from_track(track_image(image))
    return float(face.jaw_drop()[0]), float(face.features[0, INDEX["mouth_open"]])
