"""The dark streak at a wide-open mouth's corner (issue #9), read from a rendered frame.

The lips taper to nothing at a closed mouth's corners, where the photo shows the dark slit between them
(lp_s1: a 2 px dark commissure). A wide-open driver parts the lips there too: the few px between the inner
and the outer lip corners open into a band several times taller (lp_s1 x lp_d18 frames 95, 115-145), and
the warp draws the slit's shadow magnified across it, a dark crease beside the mouth (`lip_corners.py`).

`corner_shadow`: the area of the lips' band round both corners (`lip_corners.corner_bands`: between the
outer and the inner lip contour, from each corner to the third lip point from it) darker than `SHADOW` of
the photo's lips' grey level, in excess of the photo's own dark area there, in squared mouth widths. The
source repeated scores 0.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import box_around, grey_image, polygon_mask
from facereel.engines.mesh.geometry.mesh_topology import INNER_LIP_CONTOUR
from facereel.engines.mesh.open_mouth.lip_corners import corner_bands, grey_level
from facereel.engines.mesh.open_mouth.mouth_shape import lip_colour
from facereel.face import landmark_ids as ids

SHADOW = 0.6
"""Share of the photo's lip colour's grey level under which a pixel of the corner's band is in shadow (the
slit's and the mouth's; a lip's own shade is lighter)."""


def _dark_area(image: np.ndarray, points: np.ndarray, level: float) -> float:
    """Px: the pixels of the corner bands of `image` (H, W, 3) uint8 RGB with landmarks `points` (478, 2+)
    px darker than `level` grey levels (the mouth's opening, painted, left out)."""
    pts = points[:, :2]
    h, w = image.shape[:2]
    x0, y0, x1, y1 = box_around(np.vstack(corner_bands(pts)), 2, (w, h))
    if x1 <= x0 or y1 <= y0:
        return 0.0
    shape = (y1 - y0, x1 - x0)
    band = polygon_mask(corner_bands(pts), shape, (x0, y0)) > 0.5
    opening = cv2.dilate((polygon_mask([pts[INNER_LIP_CONTOUR]], shape, (x0, y0)) > 0).astype(np.uint8),
                         np.ones((3, 3), np.uint8)) > 0
    grey = grey_image(image[y0:y1, x0:x1])
    return float((band & ~opening & (grey < level)).sum())


def shadow_level(photo: np.ndarray, photo_points: np.ndarray) -> float | None:
    """Grey levels: `SHADOW` of the grey level of the lip colour (`mouth_shape.lip_colour`) of `photo` ((H, W, 3)
    uint8 RGB, landmarks `photo_points` (478, 2+) px), under which a pixel at the lips is dark; None without lips."""
    lip = lip_colour(photo, photo_points)
    return None if lip is None else SHADOW * float(grey_level(lip))


def corner_shadow(frame: np.ndarray, points: np.ndarray, photo: np.ndarray, photo_points: np.ndarray) -> float:
    """Squared mouth widths (of the frame): the dark area of `frame`'s corner bands (H, W, 3) uint8 RGB, drawn
    on landmarks `points` (478, 2+) px, in excess of that of `photo` (its landmarks `photo_points`), the
    threshold `SHADOW` of the grey level of the photo's lip colour (`mouth_shape.lip_colour`); 0 without lips."""
    level = shadow_level(photo, photo_points)
    if level is None:
        return 0.0
    width = float(np.linalg.norm(points[ids.MOUTH_CORNERS[0], :2] - points[ids.MOUTH_CORNERS[1], :2]))
    excess = _dark_area(frame, points, level) - _dark_area(photo, photo_points, level)
    return max(excess, 0.0) / max(width, 1.0) ** 2
