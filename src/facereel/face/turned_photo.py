"""A photo lying on its side or upside down (turned in an editor, or a phone's picture saved without the EXIF
orientation that would set it upright): the face detector finds upright faces (rolled up to ~45 deg), so such a
portrait read "no face found" with nothing to say why (h32-fresh6: lp_s1 turned 90 deg or 180 deg). The one error
line then names the turn that shows the face upright, found by detecting faces on the photo turned each way."""

from __future__ import annotations

import cv2
import numpy as np

from facereel.face.tracking import detect_faces

TURNS: tuple[tuple[int, str], ...] = (
    (cv2.ROTATE_90_CLOCKWISE, "the face lies on its side: turn the photo 90 deg clockwise"),
    (cv2.ROTATE_90_COUNTERCLOCKWISE, "the face lies on its side: turn the photo 90 deg anticlockwise"),
    (cv2.ROTATE_180, "the face is upside down: turn the photo 180 deg"),
)
"""(cv2 rotation, what to tell the user when a face is found only so), tried in this order: a photo on its side
is the common case (a phone held sideways)."""


def upright_turn(image: np.ndarray) -> str | None:
    """What to do with an (H, W, 3) uint8 RGB photo in which no face was found: the hint of the one of `TURNS`
    under which the face detector is surest of a face, when it is surer so than of the photo as it is (the detector
    finds some turned faces weakly, scores 0.6-0.76 where the same face upright scores 0.89-0.91, though the face
    mesh then finds none), else None (no face any way). Costs four detections (`tracking.detect_faces`); it runs
    only on the way to a "no face found" error."""
    best = _surest(image)
    hint = None
    for turn, what in TURNS:
        score = _surest(np.ascontiguousarray(cv2.rotate(image, turn)))
        if score > best:
            best, hint = score, what
    return hint


def _surest(image: np.ndarray) -> float:
    """The face detector's highest score on an (H, W, 3) uint8 RGB image, 0 when it finds no face."""
    return max((score for *_, score in detect_faces(image)), default=0.0)
