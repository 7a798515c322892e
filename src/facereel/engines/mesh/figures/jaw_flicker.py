"""The jaw's flicker over a video's frames (a jittering source track): the mean frame-to-frame change in a
band along the lower face's outline. Reads 0 on the source repeated (a still video)."""

from __future__ import annotations

import cv2
import numpy as np

from facereel.face import landmark_ids as ids

BAND = 0.08
"""The band's width, in face widths (the oval's width in the frame)."""


def jaw_band(shape: tuple[int, int], landmarks: np.ndarray) -> np.ndarray:
    """(h, w) bool: a band `BAND` face widths wide along the face oval of `landmarks` ((478, 2+) px) below
    its eye corners, in a frame of `shape` (h, w)."""
    oval = landmarks[list(ids.FACE_OVAL), :2]
    below = oval[:, 1] > landmarks[list(ids.LEFT_EYE_CORNERS + ids.RIGHT_EYE_CORNERS), 1].mean()
    band = np.zeros(shape, np.uint8)
    cv2.polylines(band, [np.round(oval[below]).astype(np.int32)], False, 1, max(1, int(BAND * np.ptp(oval[:, 0]))))
    return band > 0


def flicker(frames: list[np.ndarray], region: np.ndarray) -> float:
    """Mean absolute frame-to-frame change of `frames` ((h, w, 3) uint8) inside `region` ((h, w) bool),
    grey levels."""
    return float(np.mean([np.abs(a.astype(int) - b)[region].mean() for a, b in zip(frames, frames[1:])]))
