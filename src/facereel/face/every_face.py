"""Landmarks of every face in a still image, counted from the left (a group photo, several portraits)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from facereel.errors import InputError
from facereel.face.exposure import no_face_in
from facereel.face.tracking import group_faces


def track_faces(image: np.ndarray, what: str | Path = "image") -> np.ndarray:
    """(F, 478, 3) float32 landmarks (image px) of every face of a group in an (H, W, 3) uint8 RGB image
    (`tracking.group_faces`: small faces included, a detection the face mesh finds no face in left out), ordered
    left to right (the order `--face-index` and `--driving N=...` count in). InputError naming `what` when there
    is no face, or when a face's mesh lands on another face (two faces too close to tell apart)."""
    found = group_faces(image)
    if not found:
        raise no_face_in(image, what)
    for index, ((x0, y0, x1, y1, _), points) in enumerate(found):
        cx, cy = points[:, :2].mean(0)
        if not (x0 <= cx <= x1 and y0 <= cy <= y1):
            raise InputError(f"face {index} (from the left) could not be told apart from its neighbour", what)
    return np.stack([points for _, points in found]).astype(np.float32)
