"""Synthetic driving videos with known motion, made from real photos (importable by any test folder;
`conftest` module names clash across folders)."""

from __future__ import annotations

import cv2
import numpy as np


def moving_head_frames(image: np.ndarray, count: int, max_angle: float = 8.0) -> list[np.ndarray]:
    """A real photo rotated/shifted a little per frame: a synthetic driving video with known motion."""
    h, w = image.shape[:2]
    frames = []
    for k in range(count):
        angle = max_angle * np.sin(2 * np.pi * k / max(count, 1))
        m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
        m[0, 2] += 6 * np.sin(2 * np.pi * k / max(count, 1))
        frames.append(cv2.warpAffine(image, m, (w, h), borderMode=cv2.BORDER_REFLECT))
    return frames
