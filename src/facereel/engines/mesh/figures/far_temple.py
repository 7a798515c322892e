"""The dark hair beside a turned face's far temple kept, read from a rendered frame (issue #9, h31-farcut).

A face that fills its head (lp_d6 frame 230, the hair tight beside the temples) turned 20 deg: its far side swung
out over the hair, cut along the face oval's straight segment against the wall, the hair and ear beyond it gone.
`far_temple_kept` counts dark pixels (OpenCV Lab lightness below `DARK`) beside the face's far side (outside the
convex hull of its 468 mesh points grown by `_GROW` face sizes, within `REACH` face sizes of it, from the oval's
top down to `BELOW` face sizes under the far eye's outer corner, beyond the oval's middle), in the frame with the
frame's landmarks and in the photo with the photo's, and reads the frame's count over the photo's: the source
repeated reads 1. `facereel`'s hair colour model (`cut_hair.photo_hair`) takes in lp_d6's grey wall, so the hair is
told by lightness alone: a figure for dark hair over a lighter wall.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import face_size
from facereel.engines.mesh.figures.far_hair import far_eye_corner, side_band
from facereel.face import landmark_ids as ids

DARK = 90
"""OpenCV Lab lightness (0-255): darker is hair (lp_d6's dark brown hair 30-80, her skin 150-200, the wall ~200)."""
REACH = 0.15
"""Face sizes outside the (grown) face hull: the band where the hair beside the far temple is looked for."""
BELOW = 0.15
"""Face sizes below the far eye's outer corner: the band's lower end (the temple and the hair beside the eye)."""
_GROW = 0.02  # face sizes: the hull grown by this is the face (its rim, the lashes at the eye's corner)


def far_temple_band(shape: tuple[int, int], landmarks: np.ndarray, left: bool) -> np.ndarray:
    """(H, W) bool: the band beside the face's far temple (`left`: the image's left) of an image `shape` with face
    `landmarks` ((478, 2+) px): `far_hair.side_band` from the oval's top to `BELOW` under the far eye's corner."""
    bottom = far_eye_corner(landmarks, left)[1] + BELOW * face_size(landmarks)
    return side_band(shape, landmarks, left, _GROW, REACH, (landmarks[list(ids.FACE_OVAL), 1].min(), bottom))


def far_temple_kept(frame: np.ndarray, photo: np.ndarray, source_landmarks: np.ndarray,
                    target_landmarks: np.ndarray) -> float:
    """The frame's dark pixels beside the far temple over the photo's, >= 0 (1: as many; nan: the photo shows none).

    frame, photo: (H, W, 3) uint8 RGB, the frame rendered from the photo with the face moved from
    `source_landmarks` to `target_landmarks` ((478, 2+) px each). The far side is the side the frame's nose tip
    points to from the oval's middle."""
    oval = target_landmarks[list(ids.FACE_OVAL), :2]
    left = bool(target_landmarks[ids.NOSE_TIP, 0] < oval[:, 0].mean())

    def dark_in_band(image: np.ndarray, landmarks: np.ndarray) -> int:
        lightness = cv2.cvtColor(image, cv2.COLOR_RGB2LAB)[..., 0]
        return np.count_nonzero(far_temple_band(lightness.shape, landmarks, left) & (lightness < DARK))

    shown = dark_in_band(photo, source_landmarks)
    return float("nan") if shown == 0 else dark_in_band(frame, target_landmarks) / shown
