"""The forehead's skin above the face outline kept up to its hairline, read from a rendered frame (issue #9 / #12).

lp_s3 `edit --pitch -25` (chin up): the face's outline moved up while the rings above it held, and the photo's
forehead skin between the tracker's outline and the hairline was squeezed to a sliver: the hairline drawn as the
oval's straight segments across the forehead's top (`geometry/forehead_band`). `forehead_kept` reads, in each
column over the outline's top (between the oval points of `ARCH`), the rows of skin straight above the outline
(the rows up from the outline's topmost pixel in that column while a pixel's grey level lies nearer the forehead's
skin than the hair; `forehead_greys`), as a share of the face size; its median over the columns, in the frame with
the frame's outline over the photo's with the photo's: the source repeated reads 1.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import face_size, grey_image
from facereel.face import landmark_ids as ids

ARCH = (67, 297)
"""The oval points (mediapipe ids) over the brows' outer thirds: the columns between them are the forehead's top."""
SKIN_BAND = (0.02, 0.08)
"""Face sizes below the outline's top: the photo's forehead skin (`forehead_greys`)."""
HAIR_BAND = (0.2, 0.3)
"""Face sizes above the outline's top: the photo's hair over the forehead (`forehead_greys`; a portrait whose
hairline lies this high, or with no hair there, is not one this figure reads)."""


def outline_tops(shape: tuple[int, int], landmarks: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(columns (C,) int, rows (C,) int): each column between the `ARCH` points' x and the topmost row the face
    outline of `landmarks` ((478, 2+) px) fills in it, in an image of `shape` (H, W)."""
    oval = landmarks[list(ids.FACE_OVAL), :2]
    filled = np.zeros(shape, np.uint8)
    cv2.fillPoly(filled, [np.round(oval).astype(np.int32)], 1)
    x0, x1 = sorted(int(np.rint(landmarks[i, 0])) for i in ARCH)
    columns = np.arange(max(x0, 0), min(x1 + 1, shape[1]))
    return columns, np.argmax(filled[:, columns] > 0, axis=0)


def forehead_greys(photo: np.ndarray, landmarks: np.ndarray) -> tuple[float, float]:
    """(skin, hair) grey levels 0-255 of the photo (H, W, 3) uint8 RGB with its face's `landmarks` (478, 2+) px:
    the medians over the `ARCH` columns of `SKIN_BAND` under the outline's top and `HAIR_BAND` above it."""
    grey = grey_image(photo)
    columns, tops = outline_tops(grey.shape, landmarks)
    face = face_size(landmarks)
    top = int(np.median(tops))

    def band(start: float, end: float) -> float:
        rows = slice(max(top + round(start * face), 0), max(top + round(end * face), 0))
        return float(np.median(grey[rows, columns]))

    return band(*SKIN_BAND), band(-HAIR_BAND[1], -HAIR_BAND[0])


def skin_above(image: np.ndarray, landmarks: np.ndarray, greys: tuple[float, float]) -> float:
    """Face sizes: the median over the `ARCH` columns of the skin rows straight above the outline of `landmarks`
    ((478, 2+) px) in `image` (H, W, 3) uint8 RGB, a row being skin while its grey level lies nearer `greys`' skin
    than its hair."""
    grey = grey_image(image)
    skin, hair = greys
    columns, tops = outline_tops(grey.shape, landmarks)
    heights = []
    for x, top in zip(columns, tops):
        above = grey[:top, x][::-1]
        hairy = np.abs(above - hair) < np.abs(above - skin)
        heights.append(int(np.argmax(hairy)) if hairy.any() else len(above))
    return float(np.median(heights)) / face_size(landmarks)


def forehead_kept(frame: np.ndarray, photo: np.ndarray, source_landmarks: np.ndarray,
                  target_landmarks: np.ndarray) -> float:
    """The frame's skin above its outline over the photo's (`skin_above`), >= 0 (1: as much; nan: the photo shows
    none). frame, photo: (H, W, 3) uint8 RGB, the frame drawn with the face moved from `source_landmarks` to
    `target_landmarks` ((478, 2+) px each, the outline as drawn)."""
    greys = forehead_greys(photo, source_landmarks)
    shown = skin_above(photo, source_landmarks, greys)
    return float("nan") if shown == 0 else skin_above(frame, target_landmarks, greys) / shown
