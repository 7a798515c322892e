"""The dark column down a lower lip's end beside an opened mouth's corner (issue #9), read from a rendered frame.

lp_s12 (a moustache hanging over his closed mouth's corners) `facereel edit --mouth-open 1` at his own size: the
lower lip's end below each corner is a 1-2 px sliver of the photo's corner shadow (the lower lip's points there lie
within ~1.5 px of the corner), which the opened target spreads 10-14 px down; the warp draws that shadow as a dark
column from the corner to the lower lip (`lip_corners.py` lifted it towards his lips' median in shade, darkened
by the moustache's shade on his upper lip; now towards his lower lip's colour there).

`lip_end_dark`: in each corner band (`lip_corners.corner_bands`) the pixels below the inner corner (the lower lip's
end), outside the opening (grown `GROW` px) and darker than `LEVEL` of the grey level of the photo's lip colour
(`mouth_shape.lip_colour`), counted in squared mouth widths of the frame; the darker corner's count.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import box_around, grey_image, polygon_mask
from facereel.engines.mesh.geometry.mesh_topology import INNER_LIP_CONTOUR
from facereel.engines.mesh.open_mouth.lip_corners import corner_bands, grey_level
from facereel.engines.mesh.open_mouth.mouth_shape import lip_colour
from facereel.face import landmark_ids as ids

LEVEL = 0.7
"""Share of the photo's lip colour's grey level under which a pixel of a lower lip's end reads dark (lp_s12's lips
grey 82: his lower lip's body beside the column 65-95, the column 45-55)."""
GROW = 1
"""px: the opening grown by this before its outside is read (the mouth layer's soft edge). The lower lip's end beside
the opening is 2-4 px wide, so this reads the column's inner edge too: lp_s1 and sr_4 `edit --mouth-open 1`, their
lips' ends lip-coloured and the cavity dark beside them when looked at (5x / 7x), read 0.012 / 0.009 (photos 0.005 /
0.001): compare a portrait with itself, not across portraits."""


def lip_end_dark(frame: np.ndarray, points: np.ndarray, photo: np.ndarray, photo_points: np.ndarray) -> float:
    """Squared mouth widths: the larger of the two corners' dark areas of the lower lip's end in `frame` (H, W, 3)
    uint8 RGB drawn on landmarks `points` (478, 2+) px, the threshold `LEVEL` of the grey level of the lip colour of
    `photo` (landmarks `photo_points`); 0 without lips."""
    lip = lip_colour(photo, photo_points)
    if lip is None:
        return 0.0
    pts = np.asarray(points, np.float32)[:, :2]
    h, w = frame.shape[:2]
    bands = corner_bands(pts)
    x0, y0, x1, y1 = box_around(np.vstack(bands), 2, (w, h))
    if x1 <= x0 or y1 <= y0:
        return 0.0
    shape = (y1 - y0, x1 - x0)
    opening = cv2.dilate((polygon_mask([pts[INNER_LIP_CONTOUR]], shape, (x0, y0)) > 0).astype(np.uint8),
                         np.ones((2 * GROW + 1, 2 * GROW + 1), np.uint8)) > 0
    dark = grey_image(frame[y0:y1, x0:x1]) < LEVEL * float(grey_level(lip))
    rows = np.arange(y0, y1, dtype=np.float32)[:, None]
    width = float(np.linalg.norm(pts[ids.MOUTH_CORNERS[0]] - pts[ids.MOUTH_CORNERS[1]]))
    counts = []
    for band, corner in zip(bands, (ids.INNER_UPPER_LIP[0], ids.INNER_UPPER_LIP[-1])):
        below = (polygon_mask([band], shape, (x0, y0)) > 0.5) & (rows > pts[corner, 1])
        counts.append(float((below & ~opening & dark).sum()))
    return max(counts) / max(width, 1.0) ** 2
