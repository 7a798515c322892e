"""The head mask along the lower face's outline, decided by colour: the background beside the cheek and jaw
is not head, and neither is the neck's skin beside and below the jaw angles.

The head mask is the person (segmentation, grown for the hair's fringe) inside the head zone, minus the
region below the jaw line (`head_proxy._under_jaw`). Along the lower face two strips of it are wrong:

- *Background beside the cheek and jaw.* The grown segmentation reaches ~0.05 face sizes past the skin's
  edge; that strip of background moves with the head. Over the same background nothing shows, but where a
  turn carries it over the plate's lighter fill it is a dark band round the jaw (sr_4 turned towards its
  hidden side). Here head pixels outside the face oval, below the nose, whose colour is the background's
  beside them (a Gaussian in Lab of the pixels off the person) rather than the face's skin (a Gaussian of
  the oval below the nose) or the hair's, are background.
- *The neck's skin beside the jaw angles.* Beside and below a jaw angle the region under the jaw line
  widens only slowly, so on a turned face the side of the neck below the ear (sr_18's near side) is head:
  turned rigidly with it, its outline is a jagged skin-coloured step under the ear. Here skin-coloured
  person pixels outside the face oval and below the jaw angle on its own side, joined to the region under
  the jaw line, are neck (on a turned source's far side, where the oval's jaw angle folds inside the
  face, not: that skin is the far cheek).
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.hanging_hair import colour_distance, colour_model
from facereel.face import landmark_ids as ids

CHI2 = 11.3
"""Squared Mahalanobis distance (Lab, 3 dof, 99 %) within which a colour is a model's."""
EDGE_REACH = 0.15
"""Face sizes outside the face oval within which the head's edge is read by colour."""
FRINGE = 0.1
"""Face sizes inside the head mask's outline: the fringe where the segmentation may hold background."""
BACKGROUND_SIGMA = 0.08
"""Face sizes: the reach (Gaussian sigma) of the local background colour (pixels off the person)."""
BACKGROUND_DELTA = 15.0
"""Lab units: a fringe pixel this close to the local background colour (and not skin) is background."""


def _rows(landmarks: np.ndarray, origin: np.ndarray, angles: np.ndarray, shape: tuple[int, int]
          ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For every crop pixel ((h, w) each): its height (px) along the face's axis above the nose tip and above
    the jaw angle on its own side of the axis (`angles`: (2, 2) crop px), and whether it is on the side the
    nose points to (bool: a turned face's far side)."""
    chin, top, nose = (landmarks[i, :2] - origin for i in (ids.CHIN, ids.FOREHEAD, ids.NOSE_TIP))
    axis = (top - chin) / max(float(np.linalg.norm(top - chin)), 1e-6)
    gy, gx = np.mgrid[0:shape[0], 0:shape[1]].astype(np.float32)

    def across(dx: np.ndarray | float, dy: np.ndarray | float) -> np.ndarray:
        return np.sign(axis[0] * dy - axis[1] * dx)

    side = across(gx - chin[0], gy - chin[1])
    first = float(across(*(angles[0] - chin)))
    up = axis[0] * gx + axis[1] * gy
    above_angle = up - np.where(side == first, float(axis @ angles[0]), float(axis @ angles[1]))
    return up - float(axis @ nose), above_angle, side == float(across(*(nose - chin)))


def _near(mask: np.ndarray, px: float) -> np.ndarray:
    """(h, w) bool: within `px` px of `mask` ((h, w) bool)."""
    k = 2 * max(1, round(px)) + 1
    return cv2.dilate(mask.astype(np.uint8), cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k))) > 0


def jaw_edge(crop: np.ndarray, landmarks: np.ndarray, origin: np.ndarray, angles: np.ndarray, head: np.ndarray,
             person: np.ndarray, oval: np.ndarray, under: np.ndarray, far_side: float, face_size: float
             ) -> tuple[np.ndarray, np.ndarray]:
    """How much of the head mask `head` ((h, w) float32 in [0, 1]) of a crop ((h, w, 3) uint8 RGB at `origin`
    px) is kept (0 on the background beside the lower face, else 1), and the region below the jaw line
    `under` ((h, w) float32) with the neck's skin beside the jaw angles added; both (h, w) float32.

    landmarks: (478, 3) image px; angles: the jaw angles, (2, 2) crop px; person, oval: (h, w) float32
    coverage; far_side: in [0, 1], how much the source is turned (`head_proxy.FAR_SIDE_YAW`): its far
    side keeps its skin; face_size: px.
    """
    h, w = head.shape
    lab = cv2.cvtColor(crop, cv2.COLOR_RGB2LAB).astype(np.float32)
    above_nose, above_angle, far = _rows(landmarks, origin, angles, (h, w))
    inside = oval > 0.5
    skin = colour_model(lab, inside & (above_nose < 0))
    if skin is None:
        return np.ones((h, w), np.float32), under
    to_skin = colour_distance(lab, skin)
    hair = colour_model(lab, (head > 0.5) & ~_near(inside, 0.08 * face_size) & (under < 0.5) & (above_nose > 0))
    to_hair = colour_distance(lab, hair) if hair is not None else np.full((h, w), np.inf)
    beside = ~inside & _near(inside, EDGE_REACH * face_size) & (above_nose < 0)

    # The background beside the cheek and jaw: the head's fringe there coloured as the background next to it.
    off = (person < 0.1).astype(np.float32)
    sigma = BACKGROUND_SIGMA * face_size
    reach = cv2.GaussianBlur(off, (0, 0), sigma)
    local = cv2.GaussianBlur(lab * off[..., None], (0, 0), sigma) / np.maximum(reach, 1e-3)[..., None]
    seen = reach > 0.02  # some background within reach
    fringe = _near(head < 0.5, FRINGE * face_size)
    gone = beside & fringe & seen & (head > 0.02) & (to_skin > CHI2)
    gone &= np.linalg.norm(lab - local, axis=2) < BACKGROUND_DELTA
    gone = cv2.morphologyEx(gone.astype(np.uint8), cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
    keep = 1 - cv2.GaussianBlur(gone.astype(np.float32), (0, 0), 1.0)

    # The neck's skin beside and below the jaw angles.
    neck = ~inside & (person > 0.5) & (above_angle < 0) & (to_skin < CHI2) & (to_skin < to_hair)
    if far_side >= 0.5:
        neck &= ~far
    neck = cv2.morphologyEx(neck.astype(np.uint8), cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
    count, labels = cv2.connectedComponents(neck, connectivity=8)
    joined = np.zeros(count, bool)
    joined[np.unique(labels[(neck > 0) & _near(under > 0.5, 2)])] = True
    joined[0] = False
    neck = cv2.GaussianBlur(joined[labels].astype(np.float32), (0, 0), 1.0)
    return keep.astype(np.float32), np.maximum(under, neck).astype(np.float32)
