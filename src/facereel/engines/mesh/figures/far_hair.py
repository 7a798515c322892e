"""The hair beside the far cheek lost on a big turn, read from a rendered frame (issue #9, lp_s1 on preset:turn
frames 10-14: the hair hanging beside the far cheek gone below eye level, the cheek against the wall).

`far_hair_lost` compares the hair-coloured pixels (the colour of `cut_hair.photo_hair`, within `hanging_hair.HAIR_CHI2`) in a band beside
the face's far side (within `REACH` face sizes outside its hull grown by `_OVAL_GROW`, from the far eye's
outer corner's height to the oval's bottom), in the frame with the frame's landmarks and in the photo with the
photo's: 1 - the frame's share of the photo's hair pixels there (0 when it shows as many). The far side is the
side the frame's nose tip points to from the oval's middle. From the frame alone, so every version of the
engine reads the same way; the source repeated reads 0.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import face_size, polygon_mask
from facereel.engines.mesh.head_mask.hanging_hair import HAIR_CHI2, colour_distance, colour_model
from facereel.face import landmark_ids as ids

REACH = 0.12
"""Face sizes outside the (grown) face hull: the band where the hair beside the far cheek is looked for."""
_OVAL_GROW = 0.01  # face sizes: the oval grown by this is the face (its anti-aliased rim is neither hair nor wall)


def side_band(shape: tuple[int, int], landmarks: np.ndarray, left: bool, grow: float, reach: float,
              rows: tuple[float, float]) -> np.ndarray:
    """(H, W) bool: the pixels of an image `shape` beside the face's side (`left`: the image's left; beyond the face
    oval's middle) more than `grow` and at most `grow` + `reach` face sizes outside the face, between `rows` (top,
    bottom) px. The face is the convex hull of the mesh's points of `landmarks` ((478, 2+) px: the oval, and on a
    turn the nose and the far cheek standing past it)."""
    size = face_size(landmarks)
    hull = cv2.convexHull(landmarks[:ids.NUM_LANDMARKS - 10, :2].astype(np.float32))[:, 0]
    face = (polygon_mask([hull], shape, (0, 0)) > 0.5).astype(np.uint8)
    outside = cv2.distanceTransform(1 - face, cv2.DIST_L2, 5)  # px from the face
    band = (outside > grow * size) & (outside <= (grow + reach) * size)
    y = np.arange(shape[0])[:, None]
    band &= (y >= rows[0]) & (y <= rows[1])
    x = np.arange(shape[1])[None, :]
    middle = landmarks[list(ids.FACE_OVAL), 0].mean()
    return band & ((x < middle) if left else (x > middle))


def far_eye_corner(landmarks: np.ndarray, left: bool) -> np.ndarray:
    """(2,) px: the outer corner of the eye on the face's `left` (the image's left) or right side."""
    eye = landmarks[[ids.RIGHT_EYE_CORNERS[0], ids.LEFT_EYE_CORNERS[0]], :2]
    return eye[np.argmin(eye[:, 0]) if left else np.argmax(eye[:, 0])]


def far_band(shape: tuple[int, int], landmarks: np.ndarray, left: bool) -> np.ndarray:
    """(H, W) bool: the band beside the face's far side (`left`: the image's left) of an image `shape` with face
    `landmarks` ((478, 2+) px), within `REACH` face sizes of the face grown by `_OVAL_GROW` (`side_band`), from the
    far eye's outer corner's height to the oval's bottom."""
    rows = (far_eye_corner(landmarks, left)[1], landmarks[list(ids.FACE_OVAL), 1].max())
    return side_band(shape, landmarks, left, _OVAL_GROW, REACH, rows)


def far_hair_lost(frame: np.ndarray, photo: np.ndarray, hair: np.ndarray, source_landmarks: np.ndarray,
                  target_landmarks: np.ndarray) -> float:
    """1 - the share of the photo's hair beside the far cheek that `frame` still shows there, in [0, 1].

    frame, photo: (H, W, 3) uint8 RGB, the frame rendered from the photo with the face moved from
    `source_landmarks` to `target_landmarks` ((478, 2+) px each); hair: (H, W) bool, the photo's hair
    (`cut_hair.photo_hair`, its colour's samples). 0 when the photo shows no hair there."""
    oval = target_landmarks[list(ids.FACE_OVAL), :2]
    left = bool(target_landmarks[ids.NOSE_TIP, 0] < oval[:, 0].mean())
    model = colour_model(cv2.cvtColor(photo, cv2.COLOR_RGB2LAB).astype(np.float32), hair)
    if model is None:
        return 0.0

    def hair_in_band(image: np.ndarray, landmarks: np.ndarray) -> int:
        lab = cv2.cvtColor(image, cv2.COLOR_RGB2LAB).astype(np.float32)
        return np.count_nonzero(far_band(hair.shape, landmarks, left) & (colour_distance(lab, model) < HAIR_CHI2))

    shown = hair_in_band(photo, source_landmarks)
    return 0.0 if shown == 0 else float(max(0.0, 1.0 - hair_in_band(frame, target_landmarks) / shown))
