"""Hair pops: the hair hanging beside the face shown and cut again from frame to frame (issue #9).

On lp_s1 x lp_d12 the carried hair ends (`carried_ends`) were decided per frame: the long hair left of her face
showed for 2-6 frames, then was cut again. `hair_pops` reads, in two boxes beside the photo's face (`side_boxes`),
the share of dark pixels (`hair_cover`: under the grey level that splits the source's boxes, Otsu) of each frame
and the mean size of its second difference over the frames: a steady change that follows the driver's motion
reads little, a cover that jumps up and back (a pop) reads its jump twice. The source repeated reads 0.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import face_size
from facereel.face import landmark_ids as ids

WIDE = 0.45
"""Face sizes: each box's width outward from the face oval's side."""
DEEP = 0.35
"""Face sizes: each box's depth below the chin (it starts at the mouth corners' level)."""


def side_boxes(landmarks: np.ndarray, shape: tuple[int, int]) -> list[tuple[slice, slice]]:
    """Two boxes (rows, columns) of a frame of `shape` (h, w), beside the face of `landmarks` ((478, 2+) px):
    `WIDE` face sizes out from each side of its oval, from its mouth corners' level to `DEEP` below its chin."""
    oval = landmarks[list(ids.FACE_OVAL), :2]
    size = face_size(landmarks)
    top = int(landmarks[list(ids.MOUTH_CORNERS), 1].mean())
    rows = slice(max(0, top), min(shape[0], int(landmarks[ids.CHIN, 1] + DEEP * size)))
    left, right, wide = int(oval[:, 0].min()), int(oval[:, 0].max()), int(WIDE * size)
    return [(rows, slice(max(0, left - wide), left)), (rows, slice(right, min(shape[1], right + wide)))]


def hair_cover(frame: np.ndarray, box: tuple[slice, slice], level: float) -> float:
    """Share in [0, 1] of `box` of `frame` ((h, w, 3) uint8 RGB) darker than the grey `level`."""
    return float(np.mean(cv2.cvtColor(np.ascontiguousarray(frame[box]), cv2.COLOR_RGB2GRAY) < level))


def hair_pops(frames: list[np.ndarray], source: np.ndarray, landmarks: np.ndarray) -> float:
    """Percent of a box: the mean absolute second difference over `frames` ((h, w, 3) uint8 RGB, in order) of
    the `hair_cover` of the `side_boxes` of the `source` ((h, w, 3) uint8) face's `landmarks` ((478, 2+) px),
    over both boxes and all frames (at least 3)."""
    boxes = side_boxes(landmarks, source.shape[:2])
    grey = np.concatenate([cv2.cvtColor(np.ascontiguousarray(source[b]), cv2.COLOR_RGB2GRAY).ravel() for b in boxes])
    level, _ = cv2.threshold(grey[None], 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    cover = np.array([[hair_cover(f, b, level) for b in boxes] for f in frames])  # (frames, 2)
    return float(100 * np.abs(np.diff(cover, 2, axis=0)).mean())
