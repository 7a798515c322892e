"""Side streaks: thin vertical lines drawn beside the face where the photo has none (issue #9).

sr_8 (a face turned ~34 deg, over a dark wall) driven by sr_1 at 512 (frames 50-61: the head turned further to its
hidden side, moved ~0.3 face sizes sideways and grown 1.13x) had its far cheek's side cut by the still rings the head
moved into; `carried_ends` read that steep cut as a hanging hair end and drew each column on straight down from its
own cut point: 1-4 px wide dark and light lines, 0.2-0.4 face sizes tall, over the wall beside the cheek, flickering
from frame to frame. `side_streaks` counts the pixels on such lines: outside the frame's face oval (the target's)
within `REACH` face sizes of it, from the eyes' row down, a pixel on a thin line across the row (a top-hat or
black-hat of the grey along the row, `WIDTH` face sizes wide, at least `CONTRAST` grey levels) that goes on straight
down for `LENGTH` face sizes (an opening down the column). From the frame alone; the source repeated is its
baseline (sr_8: 0).
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import face_size, polygon_mask
from facereel.face import landmark_ids as ids

REACH = 0.4
"""Face sizes: the streaks are read this far outside the face oval."""
WIDTH = 0.04
"""Face sizes: a line across the row narrower than this is read (sr_8's streaks 1-4 px at a face of ~150 px)."""
CONTRAST = 20
"""Grey levels: a line this much lighter or darker than the row beside it."""
LENGTH = 0.1
"""Face sizes: a line goes on straight down at least this far (the photo's texture and a soft edge do not)."""


def side_streaks(frame: np.ndarray, target: np.ndarray) -> int:
    """Pixels on thin vertical lines beside the face of `target` ((478, 2+) px) on `frame` ((h, w, 3) uint8 RGB):
    outside its face oval within `REACH` face sizes, below the pupils' row."""
    grey = cv2.cvtColor(frame, cv2.COLOR_RGB2GRAY)
    size = face_size(target)
    across = np.ones((1, 2 * max(1, round(WIDTH * size / 2)) + 1), np.uint8)
    lines = ((cv2.morphologyEx(grey, cv2.MORPH_TOPHAT, across) >= CONTRAST)
             | (cv2.morphologyEx(grey, cv2.MORPH_BLACKHAT, across) >= CONTRAST)).astype(np.uint8)
    down = np.ones((max(2, round(LENGTH * size)), 1), np.uint8)
    lines = cv2.morphologyEx(lines, cv2.MORPH_OPEN, down)
    oval = polygon_mask([target[list(ids.FACE_OVAL), :2]], grey.shape, (0.0, 0.0)) > 0.5
    outside = cv2.distanceTransform((~oval).astype(np.uint8), cv2.DIST_L2, 3)
    beside = (outside > 0) & (outside <= REACH * size)
    beside[:max(0, int(np.ceil(target[[ids.RIGHT_PUPIL, ids.LEFT_PUPIL], 1].mean())))] = False
    return int(np.count_nonzero(lines.astype(bool) & beside))
