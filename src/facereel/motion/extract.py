"""Driving face track -> `Motion` (pose + canonical expression offsets, identity removed)."""

from __future__ import annotations

from typing import Literal

import numpy as np

from facereel.face.pose import HeadPose, canonical_pose
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


def frame_motion(landmarks: np.ndarray) -> tuple[HeadPose, np.ndarray, np.ndarray]:
    """(T, 478, 3) image px -> each frame's head pose, canonical landmarks (T, 478, 3) and expression
    features (T, F): what `relative_motion` measures against a reference frame."""
    pose, canonical = canonical_pose(landmarks)
    return pose, canonical, expression_features(canonical)


def relative_motion(pose: HeadPose, canonical: np.ndarray, features: np.ndarray, reference: tuple[HeadPose, np.ndarray],
                    valid: np.ndarray, fps: float, index: int) -> Motion:
    """`frame_motion`'s frames as a `Motion` measured from `reference` (the reference frame's one-frame pose
    and (1, 478, 3) canonical landmarks; `index`: its index in the motion, kept as `Motion.reference`)."""
    ref_pose, ref_canonical = reference
    return Motion(
        rotation=pose.rotation,
        translation=((pose.translation - ref_pose.translation[0]) / ref_pose.scale[0]).astype(np.float32),
        scale=(pose.scale / ref_pose.scale[0]).astype(np.float32),
        expression=(canonical - ref_canonical[0]).astype(np.float32),
        features=features,
        valid=valid,
        fps=fps,
        reference=index,
    )


def extract_motion(track: FaceTrack, reference: Reference = "first") -> Motion:
    """Per-frame motion of a driving track; offsets are measured from its first valid or most neutral frame."""
    pose, canonical, features = frame_motion(track.landmarks)
    ref = int(np.flatnonzero(track.valid)[0]) if reference == "first" else neutral_frame(features, track.valid)
    ref_pose = HeadPose(pose.rotation[ref:ref + 1], pose.scale[ref:ref + 1], pose.translation[ref:ref + 1])
    return relative_motion(pose, canonical, features, (ref_pose, canonical[ref:ref + 1]), track.valid.copy(),
                           track.fps, ref)
