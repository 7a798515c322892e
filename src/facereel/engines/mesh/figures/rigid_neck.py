"""How much neck skin the head layer turns rigidly with the head: the `rigid_neck` figure (issue #9).

The head layer turns rigidly with the head; the neck does not. Skin of the head layer below the jaw
angles, outside the face oval (the side of the neck below the ear, the nape behind the jaw) turned with
it shows as a shelf of skin with a jagged lower edge (sr_18 x preset:turn) or a pale triangle floating
behind the ear (sr_4 x lp_d12). The figure weighs that skin's area by how far the jaw angles move.
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.composite import face_size, polygon_mask
from facereel.engines.mesh.head_mask.face_colours import face_colours
from facereel.engines.mesh.head_mask.hanging_hair import colour_distance, colour_model
from facereel.engines.mesh.head_mask.neck_side import JAW_ANGLES
from facereel.face import landmark_ids as ids

SKIN_REACH = 45.0
"""Squared Mahalanobis distance (Lab) to the face's skin below the eyes within which a pixel may be skin:
four times the 99 % bound (3 dof), as a neck in shadow is darker than the face."""


def neck_skin(crop: np.ndarray, head: np.ndarray, landmarks: np.ndarray, origin: np.ndarray) -> np.ndarray:
    """(h, w) float32 in [0, 1]: the head layer's neck skin: `head` ((h, w) alpha of what turns rigidly with
    the head) outside the face oval and below the line through the jaw angles, on pixels of `crop` ((h, w, 3)
    uint8 RGB at `origin` (2,) px) closer in colour to the face's skin below the eyes than to the head's
    hair (the head above the eyes outside the oval) and within `SKIN_REACH` of the skin (a shadowed
    neck is darker than the face); landmarks (478, 2+) image px."""
    h, w = head.shape
    oval = polygon_mask([landmarks[list(ids.FACE_OVAL), :2]], (h, w), tuple(origin)) > 0.5
    a, b = (landmarks[i, :2] - origin for i in JAW_ANGLES)
    chin = landmarks[ids.CHIN, :2] - origin
    gy, gx = np.mgrid[0:h, 0:w].astype(np.float32)
    side = (b[0] - a[0]) * (gy - a[1]) - (b[1] - a[1]) * (gx - a[0])  # > 0 on the chin's side of the line
    below = side * ((b[0] - a[0]) * (chin[1] - a[1]) - (b[1] - a[1]) * (chin[0] - a[0])) > 0
    colours = face_colours(crop, landmarks, origin, oval.astype(np.float32))
    lab, skin_model = colours.lab, colours.skin
    if skin_model is None:
        return np.zeros((h, w), np.float32)
    to_skin = colour_distance(lab, skin_model)
    skin = to_skin < SKIN_REACH
    eyes = float(landmarks[list(ids.LEFT_EYE_CORNERS + ids.RIGHT_EYE_CORNERS), 1].mean() - origin[1])
    hair_model = colour_model(lab, (head > 0.5) & ~oval & (gy < eyes))  # the hair above the eyes (no ear)
    if hair_model is not None:
        skin &= to_skin < colour_distance(lab, hair_model)
    return (head * (skin & below & ~oval)).astype(np.float32)


def rigid_neck(crop: np.ndarray, head: np.ndarray, source: np.ndarray, target: np.ndarray,
               origin: np.ndarray) -> float:
    """The head layer's neck skin (`neck_skin`; face sizes^2) times how far the jaw angles move from the
    `source` to the `target` landmarks ((478, 2+) image px each; face sizes, their mean): 0 for the source
    repeated and for a head layer without neck skin."""
    size = face_size(source)
    area = float(neck_skin(crop, head, source, origin).sum()) / (size * size)
    moved = float(np.linalg.norm(target[list(JAW_ANGLES), :2] - source[list(JAW_ANGLES), :2], axis=1).mean()) / size
    return area * moved
