"""Cavity-dark pixels left above a dubbed shut mouth's meeting line (issue #12 part 1), read on a rendered frame and
the (478, 3) px landmarks it was drawn to.

lp_d19's frames 20-49 as the clip dubbed by sr_1 (`--regions lips`), frames 1-3: the clip shows its teeth, the dub
shuts the mouth; at the smiling image-right corner the tracker put the clip's upper lip 4-8 px below the real one, so
the cavity and a tooth above it were warped as upper lip and stayed as a dark wedge over the crease. `upper_cavity`:
the share of the pixels between the line the inner lips meet on and the outer upper lip raised by `REACH` mouth
widths, between the corners, whose grey level is under `DARK` of the lower lip's median (a shut mouth's own crease
and corner shade read ~0.8 of it, a mouth's cavity under 0.6).
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.composite import box_around, grey_image, polygon_mask
from facereel.face import landmark_ids as ids

REACH = 0.06
"""Mouth widths above the tracked outer upper lip the zone reaches (lp_d19's wedge ran ~4-8 px, 0.04-0.07 of its
~110 px mouth, above it)."""
DARK = 0.65
"""Share of the lower lip's median grey under which a pixel reads as cavity (lp_d19's cavity 43-91 against its lips'
~120; its shut crease ~95)."""


def upper_cavity(frame: np.ndarray, landmarks: np.ndarray) -> float:
    """0-1: the share of (H, W, 3) uint8 RGB `frame`'s zone between the inner lips' meeting line and the outer upper
    lip raised `REACH` mouth widths that reads cavity-dark (under `DARK` of the lower lip's median grey); 0 where the
    zone is empty."""
    pts = np.asarray(landmarks, np.float64)[:, :2]
    corners = pts[list(ids.MOUTH_CORNERS)]
    width = float(np.linalg.norm(corners[0] - corners[1]))
    upper, lower = pts[list(ids.INNER_UPPER_LIP)], pts[list(ids.INNER_LOWER_LIP)]
    outer = pts[list(ids.OUTER_UPPER_LIP)] - [0.0, REACH * width]
    zone = np.vstack([outer, ((upper + lower) / 2)[::-1]])
    lips = np.vstack([pts[list(ids.OUTER_LOWER_LIP)], lower[::-1]])
    x0, y0, x1, y1 = box_around(np.vstack([zone, lips]), 1, (frame.shape[1], frame.shape[0]))
    if x1 <= x0 or y1 <= y0:
        return 0.0
    grey = grey_image(frame[y0:y1, x0:x1])
    inside = polygon_mask([zone], grey.shape, (x0, y0)) > 0.5
    lip = polygon_mask([lips], grey.shape, (x0, y0)) > 0.5
    if not inside.any() or not lip.any():
        return 0.0
    return float((grey[inside] < DARK * np.median(grey[lip])).mean())
