"""How dark the crease between the lips stays at a mouth's corners (issue #12 part 1), read on a rendered frame and
the (478, 3) px landmarks tracked on it.

lp_s1 (a photo showing her teeth, so `ShutLips` runs) at 512 px driven by lp_d12's frames 140-179, frames 1-8: her
corner slits, where the tracked upper-lip band is 1-2 px tall, read as a missed upper lip and `_OverLip` filled the
frame's corner crease from the lips round it, leaving a pale smudge where the dark line between the lips ends.
`corner_crease`: at each corner, over the `SPAN` mouth widths from the outer corner inward along the line the inner
lips meet on (the corners' ends joined to the midpoints of the inner upper and lower lips), the mean over columns of
1 - (the darkest grey within `HALF` px of that line) / (the lower lip's median grey); the weaker corner's value.
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.composite import box_around, grey_image, polygon_mask
from facereel.engines.mesh.open_mouth.mouth_synthetic import by_x
from facereel.face import landmark_ids as ids

SPAN = 0.2
"""Mouth widths from each outer corner inward read (lp_s1's wiped smudge ran ~0.2 of her ~80 px mouth at 512)."""
HALF = 3
"""px: rows each side of the meeting line searched for the crease's darkest pixel (the tracked meeting line sits
1-2 px off the drawn crease at 512 px)."""


def corner_crease(frame: np.ndarray, landmarks: np.ndarray) -> float:
    """0-1: the weaker of the two corners' crease depths in (H, W, 3) uint8 RGB `frame` (1 - the darkest grey near
    the meeting line / the lower lip's median grey, averaged over the `SPAN` mouth widths next to the corner); higher
    is a darker crease, 0 where there is no lower lip to compare with."""
    pts = np.asarray(landmarks, np.float64)[:, :2]
    corners = pts[list(ids.MOUTH_CORNERS)]
    corners = corners[np.argsort(corners[:, 0])]
    width = float(corners[1, 0] - corners[0, 0])
    upper, lower = pts[list(ids.INNER_UPPER_LIP)], pts[list(ids.INNER_LOWER_LIP)]
    meeting = np.vstack([corners[:1], (upper + lower) / 2, corners[1:]])
    lips = np.vstack([pts[list(ids.OUTER_LOWER_LIP)], lower[::-1]])
    x0, y0, x1, y1 = box_around(lips, 1, (frame.shape[1], frame.shape[0]))
    grey = grey_image(frame)
    lip = polygon_mask([lips], (max(y1 - y0, 0), max(x1 - x0, 0)), (x0, y0)) > 0.5
    if width < 1 or not lip.any():
        return 0.0
    ref = float(np.median(grey[y0:y1, x0:x1][lip]))
    depths = []
    for start, step in ((corners[0, 0], 1), (corners[1, 0], -1)):
        xs = np.arange(round(start), round(start + step * SPAN * width), step)
        xs = xs[(xs >= 0) & (xs < frame.shape[1])]
        rows = np.round(np.interp(xs, *by_x(meeting))).astype(int)
        darkest = [grey[max(r - HALF, 0):r + HALF + 1, x].min() for x, r in zip(xs, rows)]
        depths.append(1 - float(np.mean(darkest)) / ref if darkest else 0.0)
    return float(min(depths))
