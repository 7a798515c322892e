"""Shoulder tracking: mediapipe pose -> the two shoulder points of the person in a frame, image px.

Pose landmarks 12 = the subject's right shoulder, 11 = the subject's left (the subject's right is on the
image's left). The mesh engine's body following (`engines/mesh/body.py`) moves the torso with them.
"""

from __future__ import annotations

import numpy as np

from facereel.face.mp_runtime import mediapipe

RIGHT_SHOULDER, LEFT_SHOULDER = 12, 11  # mediapipe pose indices (subject's right is on the image's left)
MIN_VISIBILITY = 0.5

Shoulders = np.ndarray  # (2, 2) float32 px: [subject's right shoulder, subject's left shoulder]


class ShoulderTracker:
    """Shoulder points of the person in RGB frames (mediapipe pose, full model).

    video=True follows a person through consecutive frames (faster, steadier); False treats each call as
    an independent photo.
    """

    def __init__(self, video: bool = True) -> None:
        self._pose = mediapipe().solutions.pose.Pose(static_image_mode=not video, model_complexity=1,
                                                     enable_segmentation=False)

    def __call__(self, image: np.ndarray) -> Shoulders | None:
        """(2, 2) px of the two shoulders, or None unless both are visible in this frame."""
        result = self._pose.process(image)
        if result.pose_landmarks is None:
            return None
        points = result.pose_landmarks.landmark
        right, left = points[RIGHT_SHOULDER], points[LEFT_SHOULDER]
        if min(right.visibility, left.visibility) < MIN_VISIBILITY:
            return None
        h, w = image.shape[:2]
        return np.array([[right.x * w, right.y * h], [left.x * w, left.y * h]], dtype=np.float32)

    def close(self) -> None:
        self._pose.close()

    def __enter__(self) -> ShoulderTracker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def detect_shoulders(image: np.ndarray) -> Shoulders | None:
    """The shoulders of a still portrait, (2, 2) px, or None when they are not both visible."""
    with ShoulderTracker(video=False) as tracker:
        return tracker(image)
