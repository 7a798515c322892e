"""Hair pops: the hair hanging beside the face shown and cut again from frame to frame (issue #9).

On lp_s1 x lp_d12 the carried hair ends (`carried_ends`) were decided per frame: the long hair left of her face
showed for 2-6 frames, then was cut again. `hair_pops` reads, in two boxes beside the photo's face (`side_boxes`),
the share of dark pixels (`hair_cover`: under the grey level that splits the source's boxes, Otsu) of each frame
and the mean size of its second difference over the frames: a steady change that follows the driver's motion
reads little, a cover that jumps up and back (a pop) reads its jump twice. The source repeated reads 0.

The boxes are fixed on the photo, so a head that moves as a whole reads too: lp_d12 shakes her head 20-50 px left
and right from frame to frame (frames 50-66), and the photo moved by the head's similarity (`hard_ends.aligned_photo`)
reads 9.8 there, more than the carried ends (8.0) or the fade alone (3.3). Given the frames' `targets`, each frame's
cover is read less that of the photo so moved (`rigid_cover`): hair that follows the head reads nothing, hair drawn
short or long on some frames only (a cut carried on one frame, squeezed by the map on the next) reads its jumps.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import face_size
from facereel.engines.mesh.figures.hard_ends import aligned_photo
from facereel.face import landmark_ids as ids

WIDE = 0.45
"""Face sizes: each box's width outward from the face oval's side."""
DEEP = 0.35
"""Face sizes: each box's depth below the chin (it starts at the mouth corners' level)."""


def side_boxes(landmarks: np.ndarray, shape: tuple[int, int],
               top_ids: tuple[int, ...] = ids.MOUTH_CORNERS) -> list[tuple[slice, slice]]:
    """Two boxes (rows, columns) of a frame of `shape` (h, w), beside the face of `landmarks` ((478, 2+) px):
    `WIDE` face sizes out from each side of its oval, from the level of its `top_ids` landmarks (the mouth
    corners) to `DEEP` below its chin."""
    oval = landmarks[list(ids.FACE_OVAL), :2]
    size = face_size(landmarks)
    top = int(landmarks[list(top_ids), 1].mean())
    rows = slice(max(0, top), min(shape[0], int(landmarks[ids.CHIN, 1] + DEEP * size)))
    left, right, wide = int(oval[:, 0].min()), int(oval[:, 0].max()), int(WIDE * size)
    return [(rows, slice(max(0, left - wide), left)), (rows, slice(right, min(shape[1], right + wide)))]


def hair_cover(frame: np.ndarray, box: tuple[slice, slice], level: float) -> float:
    """Share in [0, 1] of `box` of `frame` ((h, w, 3) uint8 RGB) darker than the grey `level`."""
    return float(np.mean(cv2.cvtColor(np.ascontiguousarray(frame[box]), cv2.COLOR_RGB2GRAY) < level))


def rigid_cover(source: np.ndarray, landmarks: np.ndarray, target: np.ndarray, boxes: list[tuple[slice, slice]],
                level: float) -> list[float]:
    """`hair_cover` of each of `boxes` on the `source` ((h, w, 3) uint8) moved by the head's similarity from its
    `landmarks` onto `target` ((478, 2+) px each; the source itself where they are equal)."""
    moved = source if np.array_equal(landmarks, target) else aligned_photo(source, landmarks, target)
    return [hair_cover(moved, b, level) for b in boxes]


def hair_pops(frames: list[np.ndarray], source: np.ndarray, landmarks: np.ndarray,
              targets: list[np.ndarray] | None = None) -> float:
    """Percent of a box: the mean absolute second difference over `frames` ((h, w, 3) uint8 RGB, in order) of
    the `hair_cover` of the `side_boxes` of the `source` ((h, w, 3) uint8) face's `landmarks` ((478, 2+) px),
    over both boxes and all frames (at least 3). targets: each frame's landmarks ((478, 2+) px): the cover is
    read less the cover of the source moved by the head's similarity onto them (the pops beyond the head's
    own motion)."""
    boxes = side_boxes(landmarks, source.shape[:2])
    grey = np.concatenate([cv2.cvtColor(np.ascontiguousarray(source[b]), cv2.COLOR_RGB2GRAY).ravel() for b in boxes])
    level, _ = cv2.threshold(grey[None], 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    cover = np.array([[hair_cover(f, b, level) for b in boxes] for f in frames])  # (frames, 2)
    if targets is not None:
        cover -= [rigid_cover(source, landmarks, t, boxes, level) for t in targets]
    return float(100 * np.abs(np.diff(cover, 2, axis=0)).mean())
