"""Wall sliver: the light wall seen between the hair beside the face and the moved jaw (issue #9).

On lp_s1 x lp_d12 (frames 78, 121-127, 176-182) the carried hair (`carried_ends`) stopped 3-10 px short of the moved
jaw: beside a run's end its source reached the photo's face oval (no hair there), and the fade of the jaw's own cut
(`soft_ends`) thinned the hair carried beside it. `wall_sliver` counts, in the two boxes beside the frame's face (the
target's `hair_pops.side_boxes`, from the eyes down), the pixels outside the target's face oval within `NEAR` face
sizes of it that are as light as the wall (grey at least `WALL` and the source's hair level) with a pixel darker than
that level (hair) within `NEAR` face sizes in the same row: wall between hair and the face. The source repeated
reads 1 (lp_s1), the photo moved by the head's similarity 0-2 on those frames.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import face_size, polygon_mask
from facereel.engines.mesh.figures.hair_pops import side_boxes
from facereel.face import landmark_ids as ids

NEAR = 0.06
"""Face sizes: a sliver pixel lies at most this far outside the face oval, and hair at most this far beside it."""
WALL = 200
"""Grey level: a sliver pixel is at least this light (lp_s1's wall 235-245, her skin under 200 in grey)."""


def wall_sliver(frame: np.ndarray, target: np.ndarray, level: float) -> int:
    """Pixels of wall (grey at least `WALL` and `level`, the source's `light_line.hair_level`) between hair (grey under
    `level`, within `NEAR` face sizes in the row) and the face oval of `target` ((478, 2+) px; outside it, within
    `NEAR`) in the boxes beside that face, on `frame` ((h, w, 3) uint8 RGB)."""
    grey = cv2.cvtColor(frame, cv2.COLOR_RGB2GRAY)
    near = max(1, round(NEAR * face_size(target)))
    oval = polygon_mask([target[list(ids.FACE_OVAL), :2]], grey.shape, (0.0, 0.0)) > 0.5
    outside = cv2.distanceTransform((~oval).astype(np.uint8), cv2.DIST_L2, 3)
    hair = cv2.dilate((grey < level).astype(np.uint8), np.ones((1, 2 * near + 1), np.uint8)) > 0
    sliver = (outside > 0) & (outside <= near) & (grey >= max(level, WALL)) & hair
    boxes = side_boxes(target, grey.shape, (ids.RIGHT_PUPIL, ids.LEFT_PUPIL))
    return int(sum(np.count_nonzero(sliver[b]) for b in boxes))
