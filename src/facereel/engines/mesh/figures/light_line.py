"""Light line: a thin line as light as the wall drawn across the hair beside the face (issue #9).

Where `carried_ends` lays the photo's hair behind the head's own lower outline, that outline is the photo's hair
outline moved by the map, and the photo's head layer there is 3-4 px of wall-coloured fringe (the person mask is
grown by 2 % of the face height): drawn over the carried hair it showed as a 1-3 px light line across her hair
(lp_s1 x lp_d12 frames 24, 78, 121-123, 175). `light_line` counts, in the two boxes beside the frame's face (the
target's `hair_pops.side_boxes`, from the eyes down), the pixels at least as light as the grey level that splits
the source's hair from its wall (Otsu over the source's boxes) and `LIFT` grey levels lighter than both pixels
`APART` px above and below them, which are both darker than that level: a light line across dark hair, not the
hair's own outline over the wall nor its broad highlights. The source repeated reads its own such pixels (lp_s1: 2).
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.figures.hair_pops import side_boxes
from facereel.face import landmark_ids as ids

LIFT = 60
"""Grey levels: a line pixel is at least this much lighter than both its neighbours across the line."""
APART = 2
"""Px: the neighbours across the line lie this far above and below it (a line 1-3 px thick)."""
_EYES = (ids.RIGHT_PUPIL, ids.LEFT_PUPIL)


def hair_level(source: np.ndarray, landmarks: np.ndarray) -> float:
    """The grey level (Otsu) splitting the dark hair from the light wall in the `side_boxes` (from the eyes down)
    of the `source` ((h, w, 3) uint8 RGB) face's `landmarks` ((478, 2+) px)."""
    boxes = side_boxes(landmarks, source.shape[:2], _EYES)
    grey = np.concatenate([cv2.cvtColor(np.ascontiguousarray(source[b]), cv2.COLOR_RGB2GRAY).ravel() for b in boxes])
    level, _ = cv2.threshold(grey[None], 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return float(level)


def line_pixels(frame: np.ndarray, level: float) -> np.ndarray:
    """(h, w) bool: the pixels of `frame` ((h, w, 3) uint8 RGB) at least `level` grey, `LIFT` lighter than both
    pixels `APART` px above and below, both of them darker than `level` (False on the first and last `APART` rows)."""
    grey = cv2.cvtColor(frame, cv2.COLOR_RGB2GRAY).astype(np.int16)
    line = np.zeros(grey.shape, bool)
    middle = grey[APART:-APART]
    sides = np.maximum(grey[:-2 * APART], grey[2 * APART:])
    line[APART:-APART] = (middle >= level) & (middle - sides >= LIFT) & (sides < level)
    return line


def light_line(frame: np.ndarray, target: np.ndarray, level: float) -> int:
    """Pixels of a light line across the hair (`line_pixels` of `frame`, (h, w, 3) uint8 RGB, at the source's
    `hair_level`) in the two boxes beside the frame's face (`target` (478, 2+) px; `side_boxes` from the eyes
    down)."""
    line = line_pixels(frame, level)
    return int(sum(np.count_nonzero(line[b]) for b in side_boxes(target, frame.shape[:2], _EYES)))
