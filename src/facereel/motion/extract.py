"""Driving face track -> `Motion` (pose + canonical expression offsets, identity removed)."""

from __future__ import annotations

from typing import Literal

import numpy as np

from facereel.face.pose import estimate_pose
from facereel.face.face_track import FaceTrack
from facereel.motion.features import INDEX, expression_features
from facereel.motion.motion import Motion

Reference = Literal["first", "neutral"]


def neutral_frame(features: np.ndarray, valid: np.ndarray) -> int:
    """Index of the most neutral valid frame: mouth closed, eyes and brows at their median."""
    med = np.median(features[valid], axis=0)
    score = (np.abs(features[:, INDEX["mouth_open"]])
             + np.abs(features[:, [INDEX["eye_open_right"], INDEX["eye_open_left"]]] - med[[INDEX["eye_open_right"], INDEX["eye_open_left"]]]).sum(1)
             + np.abs(features[:, [INDEX["brow_height_right"], INDEX["brow_height_left"]]] - med[[INDEX["brow_height_right"], INDEX["brow_height_left"]]]).sum(1))
    score[~valid] = np.inf
    return int(np.argmin(score))


def extract_motion(track: FaceTrack, reference: Reference = "first") -> Motion:
    """Per-frame motion of a driving track; offsets are measured from its first valid or most neutral frame."""
    pose, canonical, _ = estimate_pose(track.landmarks)
    features = expression_features(canonical)
    ref = int(np.flatnonzero(track.valid)[0]) if reference == "first" else neutral_frame(features, track.valid)
    return Motion(
        rotation=pose.rotation,
        translation=((pose.translation - pose.translation[ref]) / pose.scale[ref]).astype(np.float32),
        scale=(pose.scale / pose.scale[ref]).astype(np.float32),
        expression=(canonical - canonical[ref]).astype(np.float32),
        features=features,
        valid=track.valid.copy(),
        fps=track.fps,
        reference=ref,
    )
