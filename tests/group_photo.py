"""Two-person pictures for the several-faces tests: real portraits placed side by side."""

from __future__ import annotations

import cv2
import numpy as np

from facereel.face import landmark_ids as ids


def side_by_side(images: list[np.ndarray], height: int) -> np.ndarray:
    """(height, W, 3) uint8 RGB: each (H, W, 3) portrait scaled to `height` px, placed left to right."""
    scaled = [cv2.resize(image, (round(image.shape[1] * height / image.shape[0]), height),
                         interpolation=cv2.INTER_AREA) for image in images]
    return np.ascontiguousarray(np.concatenate(scaled, axis=1))


def mouth_opening(landmarks: np.ndarray) -> np.ndarray:
    """(...,) inner-lip gap (landmarks 13-14) over mouth width (61-291) of (..., 478, 3) landmarks."""
    gap = np.linalg.norm(landmarks[..., 13, :2] - landmarks[..., 14, :2], axis=-1)
    width = np.linalg.norm(landmarks[..., ids.MOUTH_CORNERS[0], :2] - landmarks[..., ids.MOUTH_CORNERS[1], :2], axis=-1)
    return gap / width
