"""The colour facts of one source crop, made once: its Lab image, the face's axis and its skin's colour.

The head mask reads the crop's colours in several places (the hair hanging below the jaw, `hanging_hair`;
the background in the fringe beside the jaw, `jaw_edge`; the skin behind the jaw angles, `neck_side`). Each
takes them from one `FaceColours`, built once per source in `head_proxy.head_mask`.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from facereel.engines.mesh.head_mask.hanging_hair import colour_model
from facereel.face import landmark_ids as ids


@dataclass(frozen=True)
class FaceColours:
    """lab: (h, w, 3) float32, the crop in Lab (OpenCV's 8-bit scale); axis: (2,) unit vector, image px,
    the face's axis from the chin to the forehead; down: (h, w) float32, px below the eyes (the pupils'
    midpoint) along that axis (< 0 above them); skin: the Lab colour model (`hanging_hair.colour_model`)
    of the face's skin: the face oval below the eye corners' mean row, None when too little of it shows.
    (The skin sampled below the eyes along the axis instead took sr_8's dark hood beside the neck for skin.)"""

    lab: np.ndarray
    axis: np.ndarray
    down: np.ndarray
    skin: tuple[np.ndarray, np.ndarray] | None


def face_axis(landmarks: np.ndarray) -> np.ndarray:
    """(2,) unit vector, image px: the face's axis from the chin to the forehead; landmarks (478, 2+) px."""
    axis = landmarks[ids.FOREHEAD, :2] - landmarks[ids.CHIN, :2]
    return (axis / max(float(np.linalg.norm(axis)), 1e-6)).astype(np.float64)


def below_eyes(shape: tuple[int, int], landmarks: np.ndarray, origin: np.ndarray) -> np.ndarray:
    """(h, w) float32: px below the pupils' midpoint along the face's axis (`face_axis`; < 0 above them) on a box
    of `shape` at `origin` (2,) px; landmarks (478, 2+) image px."""
    h, w = shape
    axis = face_axis(landmarks)
    eyes = landmarks[[ids.RIGHT_PUPIL, ids.LEFT_PUPIL], :2].mean(0) - origin
    gy, gx = np.mgrid[0:h, 0:w].astype(np.float32)
    return (axis[0] * (eyes[0] - gx) + axis[1] * (eyes[1] - gy)).astype(np.float32)


def face_colours(crop: np.ndarray, landmarks: np.ndarray, origin: np.ndarray, oval: np.ndarray) -> FaceColours:
    """The colour facts of a crop ((h, w, 3) uint8 RGB at `origin` (2,) px); landmarks (478, 2+) image px;
    oval: the face oval ((h, w) coverage)."""
    h, w = crop.shape[:2]
    lab = cv2.cvtColor(crop, cv2.COLOR_RGB2LAB).astype(np.float32)
    gy = np.mgrid[0:h, 0:w][0].astype(np.float32)
    row = float(landmarks[list(ids.LEFT_EYE_CORNERS + ids.RIGHT_EYE_CORNERS), 1].mean() - origin[1])
    return FaceColours(lab, face_axis(landmarks), below_eyes((h, w), landmarks, origin),
                       colour_model(lab, (oval > 0.5) & (gy > row)))
