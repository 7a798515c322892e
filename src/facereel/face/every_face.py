"""Landmarks of every face in a still image, counted from the left (a group photo, several portraits)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from facereel.errors import InputError
from facereel.face.exposure import no_face_in
from facereel.face.tracking import group_faces
from facereel.face.turned_photo import found_turned


def track_faces(image: np.ndarray, what: str | Path = "image") -> np.ndarray:
    """(F, 478, 3) float32 landmarks (image px) of every face of a group in an (H, W, 3) uint8 RGB image
    (`tracking.group_faces`: small faces included, a detection the face mesh finds no face in left out), ordered
    left to right (the order `--face-index` and `--driving N=...` count in); where none shows upright, the faces of
    the image turned (`turned_photo.found_turned`), left to right as they stand upright. InputError naming `what`
    when there is no face, or when a face's mesh lands on another face (two faces too close to tell apart)."""
    faces = _told_apart(image, what)
    if not faces:
        faces = found_turned(image, lambda turned: _told_apart(turned, what))
    if not faces:
        raise no_face_in(image, what)
    return np.stack(faces).astype(np.float32)


def _told_apart(image: np.ndarray, what: str | Path) -> list[np.ndarray]:
    """The (478, 3) px landmarks of `group_faces(image)`; InputError naming `what` when a face's mesh centre lies
    outside its detection box (it landed on a neighbour)."""
    found = group_faces(image)
    for index, ((x0, y0, x1, y1, _), points) in enumerate(found):
        cx, cy = points[:, :2].mean(0)
        if not (x0 <= cx <= x1 and y0 <= cy <= y1):
            raise InputError(f"face {index} (from the left) could not be told apart from its neighbour", what)
    return [points for _, points in found]
