"""The dark line where a dubbed shut mouth's lips meet (issue #12 part 1), read on a rendered frame and the (478, 3)
px landmarks it was drawn to.

sr_1's clip x lp_d19 frames 20-60, `--regions lips`: on frames 22-24 the driver's shut mouth was drawn with a dark
line and a pale one under it where the lips meet: the steadied source track's jitter term (`video_retarget`) had
crossed the inner lips by ~3 px (`video_retarget.lips_moved_alike`). `shut_line`: per column within `SIDE` mouth widths
of the mouth's middle, the brightest grey level within `BELOW` px under the darkest row within `NEAR` px of the line
the inner lips meet on, less that darkest one: a thin dark line with a pale one under it reads high, a shut mouth's
own crease (dark over ~5 px, fading) lower; averaged over the columns.
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.composite import box_around, grey_image
from facereel.face import landmark_ids as ids

SIDE = 0.25
"""Mouth widths either side of the mouth's middle whose columns are read (the corners' shadows left out)."""
NEAR = 2.0
"""Px either side of the line the inner lips meet on read for the line's darkest grey level (a ~1.5 px jitter)."""
BELOW = 3
"""Rows under the line's darkest row read for the pale line (the artefact's ran 1-2 px under the dark one)."""


def _contour(points: np.ndarray, xs: np.ndarray) -> np.ndarray:
    """(len(xs),) y of the polyline (K, 2) px at columns xs, linear between its points sorted by x."""
    order = np.argsort(points[:, 0], kind="stable")
    return np.interp(xs, points[order, 0], points[order, 1])


def shut_line(frame: np.ndarray, landmarks: np.ndarray) -> float:
    """Grey levels: the mean over the columns near the mouth's middle of (H, W, 3) uint8 RGB `frame`'s step from the
    darkest row within `NEAR` px of where the inner lips meet up to the brightest `BELOW` rows under it (higher: a
    sharper dark line with a pale one under it); 0 where no column is read."""
    points = np.asarray(landmarks, np.float64)[:, :2]
    corners = points[list(ids.MOUTH_CORNERS)]
    width = float(np.linalg.norm(corners[0] - corners[1]))
    lips = points[list(ids.OUTER_UPPER_LIP + ids.OUTER_LOWER_LIP)]
    x0, y0, x1, y1 = box_around(lips, 1, (frame.shape[1], frame.shape[0]))
    middle = float(corners[:, 0].mean())
    xs = np.arange(max(x0, int(np.ceil(middle - SIDE * width))), min(x1, int(middle + SIDE * width) + 1))
    if not len(xs) or y1 - y0 < 3:
        return 0.0
    line = (_contour(points[list(ids.INNER_UPPER_LIP)], xs) + _contour(points[list(ids.INNER_LOWER_LIP)], xs)) / 2 - y0
    grey = grey_image(frame[y0:y1, x0:x1])
    steps = []
    for column, y in zip(grey[:, xs - x0].T, line):
        rows = np.arange(max(int(np.ceil(y - NEAR)), 0), min(int(y + NEAR) + 1, len(column) - BELOW))
        if len(rows):
            darkest = rows[np.argmin(column[rows])]
            steps.append(float(column[darkest + 1:darkest + 1 + BELOW].max() - column[darkest]))
    return float(np.mean(steps)) if steps else 0.0
