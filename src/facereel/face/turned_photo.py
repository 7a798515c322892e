"""A photo lying on its side or upside down (turned in an editor, or a phone's picture saved without the EXIF
orientation that would set it upright): the face tracker finds upright faces (rolled up to ~45 deg), so such a
portrait read "no face found" with nothing to say why (h32-fresh6: lp_s1 turned 90 deg or 180 deg). The one error
line then names the turn that shows the face upright, found by tracking the photo turned each way."""

from __future__ import annotations

import cv2
import numpy as np

from facereel.face.tracking import FaceTracker

TURNS: tuple[tuple[int, str], ...] = (
    (cv2.ROTATE_90_CLOCKWISE, "the face lies on its side: turn the photo 90 deg clockwise"),
    (cv2.ROTATE_90_COUNTERCLOCKWISE, "the face lies on its side: turn the photo 90 deg anticlockwise"),
    (cv2.ROTATE_180, "the face is upside down: turn the photo 180 deg"),
)
"""(cv2 rotation, what to tell the user when a face is found only so), tried in this order: a photo on its side
is the common case (a phone held sideways)."""


def upright_turn(image: np.ndarray) -> str | None:
    """What to do with an (H, W, 3) uint8 RGB photo in which no face was found: the hint of the first of `TURNS`
    under which the tracker (detector, then face mesh) finds a face, else None. The mesh must confirm: the
    detector alone finds face-like texture in some turned pictures (scikit-image's coffee upside down at 0.70, its
    rocket at 0.63-0.72) where it scores a real upright face 0.89-0.91. Costs up to three tracker runs; it runs
    only on the way to a "no face found" error."""
    with FaceTracker(video=False) as tracker:
        for turn, hint in TURNS:
            if tracker(np.ascontiguousarray(cv2.rotate(image, turn))) is not None:
                return hint
    return None
