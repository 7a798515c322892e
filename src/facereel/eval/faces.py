"""Per-frame face measurements that the metrics share: landmarks, head pose, canonical shape, features."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from facereel.face import landmark_ids as ids
from facereel.face.pose import canonical_template, estimate_pose
from facereel.face.face_track import FaceTrack
from facereel.motion.features import expression_features
from facereel.motion.motion import Motion

MOTION_SCALE = 100.0  # pixels per canonical unit of the notional face drawn for a motion template
MOTION_CENTRE = (256.0, 256.0, 0.0)  # where that face sits, pixels
NOSE_BASE = 2  # mediapipe landmark under the nose tip


@dataclass(frozen=True)
class FaceSeries:
    """One face through T frames, in the forms the metrics compare.

    Attributes:
        landmarks: (T, 478, 3) image-space landmarks, pixels.
        valid: (T,) bool, True where the face was found.
        rotation: (T, 3, 3) head rotation canonical -> camera.
        scale: (T,) head scale, pixels per canonical unit.
        canonical: (T, 478, 3) pose-free landmarks, canonical units (inter-ocular distances).
        features: (T, F) expression features (`facereel.motion.features.FEATURE_NAMES`).
    """

    landmarks: np.ndarray
    valid: np.ndarray
    rotation: np.ndarray
    scale: np.ndarray
    canonical: np.ndarray
    features: np.ndarray

    @classmethod
    def from_track(cls, track: FaceTrack) -> "FaceSeries":
        """Measure pose, canonical shape and expression features of a tracked face."""
        pose, canonical, _ = estimate_pose(track.landmarks)
        return cls(track.landmarks, track.valid, pose.rotation, pose.scale, canonical, expression_features(canonical))

    @classmethod
    def from_motion(cls, motion: Motion) -> "FaceSeries":
        """The face a motion template or preset describes: the canonical template moved by its expression
        and head motion, drawn at `MOTION_SCALE` pixels per canonical unit around `MOTION_CENTRE` (so a
        driver without a video can be compared with re-tracked outputs, in relative terms)."""
        canonical = canonical_template()[None].astype(np.float64) + motion.expression
        scale = MOTION_SCALE * motion.scale.astype(np.float64)
        origin = np.asarray(MOTION_CENTRE) + MOTION_SCALE * motion.translation
        landmarks = scale[:, None, None] * np.einsum("tnj,tij->tni", canonical, motion.rotation) + origin[:, None]
        return cls(landmarks.astype(np.float32), motion.valid.copy(), motion.rotation, scale,
                   canonical.astype(np.float32), motion.features)

    def __len__(self) -> int:
        return int(self.landmarks.shape[0])

    def jaw_drop(self) -> np.ndarray:
        """(T,) the chin's height below the nose base, canonical units: grows as the jaw drops (an opening
        mouth), unlike the features' inner-lip gap, which parted lips alone also widen."""
        return (self.canonical[:, ids.CHIN, 1] - self.canonical[:, NOSE_BASE, 1]).astype(np.float64)

    def head(self, count: int) -> "FaceSeries":
        """The first `count` frames."""
        return FaceSeries(*(getattr(self, name)[:count] for name in self.__dataclass_fields__))

    def lost(self) -> "FaceSeries":
        """The same geometry with every frame flagged as lost (stands in for an output without a face)."""
        return FaceSeries(self.landmarks, np.zeros_like(self.valid), self.rotation, self.scale,
                          self.canonical, self.features)
