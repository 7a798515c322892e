"""Landmarks of every face in a still image, counted from the left (a group photo, several portraits)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from facereel.errors import InputError
from facereel.face.tracking import detect_faces, track_image


def track_faces(image: np.ndarray, what: str | Path = "image") -> np.ndarray:
    """(F, 478, 3) float32 landmarks (image px) of every face the detector finds in an (H, W, 3) uint8 RGB
    image, ordered left to right (the order `--face-index` and `--driving N=...` count in). InputError naming
    `what` when there is no face, or when a face's mesh lands on another face (two faces too close to tell
    apart)."""
    boxes = detect_faces(image)
    if not boxes:
        raise InputError("no face found", what)
    faces = np.stack([track_image(image, face_index=index, what=what).landmarks[0] for index in range(len(boxes))])
    for index, (x0, y0, x1, y1, _) in enumerate(boxes):
        cx, cy = faces[index, :, :2].mean(0)
        if not (x0 <= cx <= x1 and y0 <= cy <= y1):
            raise InputError(f"face {index} (from the left) could not be told apart from its neighbour", what)
    return faces
