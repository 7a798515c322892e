"""Measurements of a mouth in an image: its opening and its lips' colour."""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.composite import box_around, polygon_mask
from facereel.engines.mesh.geometry.mesh_topology import INNER_LIP_CONTOUR
from facereel.engines.mesh.quantiles import byte_median
from facereel.face import landmark_ids as ids

_CHEEKS = (50, 280)  # mediapipe points on the right and left cheek


def mouth_gap(points: np.ndarray) -> tuple[float, float]:
    """(inner-lip gap, mouth width) in px: mean upper-to-lower inner lip distance; corner distance."""
    up = points[list(ids.INNER_UPPER_LIP[1:-1]), :2]
    lo = points[list(ids.INNER_LOWER_LIP[1:-1]), :2]
    width = np.linalg.norm(points[ids.INNER_UPPER_LIP[0], :2] - points[ids.INNER_UPPER_LIP[-1], :2])
    return float(np.linalg.norm(up - lo, axis=1).mean()), float(width)


def _band_colour(image: np.ndarray, outer: np.ndarray, inner: np.ndarray | None = None) -> np.ndarray | None:
    """(3,) float32 median RGB of (H, W, 3) `image` inside the polygon `outer` (n, 2) px and outside `inner` (m, 2)
    px (if given), or None when no pixel is there."""
    h, w = image.shape[:2]
    x0, y0, x1, y1 = box_around(outer, 1, (w, h))
    if x1 <= x0 or y1 <= y0:
        return None
    shape = (y1 - y0, x1 - x0)
    band = polygon_mask([outer], shape, (x0, y0))
    if inner is not None:
        band = band - polygon_mask([inner], shape, (x0, y0))
    px = image[y0:y1, x0:x1][band > 0.5]
    return byte_median(px) if len(px) else None


def lip_colour(image: np.ndarray, landmarks: np.ndarray) -> np.ndarray | None:
    """(3,) float32 median RGB between the outer and inner lip contours of (478, 3) px landmarks, or None
    when no pixel is there."""
    pts = landmarks[:, :2]
    outer = np.vstack([pts[list(ids.OUTER_UPPER_LIP)], pts[list(ids.OUTER_LOWER_LIP)][::-1]])
    return _band_colour(image, outer, pts[INNER_LIP_CONTOUR])


def lip_bands(image: np.ndarray, landmarks: np.ndarray) -> tuple[np.ndarray | None, np.ndarray | None]:
    """(upper, lower): (3,) float32 median RGB of the upper lip (between its outer and inner contours of (478, 3)
    px landmarks) and of the lower lip, each None when no pixel is there."""
    pts = landmarks[:, :2]
    return tuple(_band_colour(image, np.vstack([pts[list(outer)], pts[list(inner)][::-1]]))
                 for outer, inner in ((ids.OUTER_UPPER_LIP, ids.INNER_UPPER_LIP),
                                      (ids.OUTER_LOWER_LIP, ids.INNER_LOWER_LIP)))


def skin_colour(image: np.ndarray, landmarks: np.ndarray) -> np.ndarray | None:
    """(3,) float32 median RGB of both cheeks (a patch around landmarks 50 and 280), the face's light."""
    h, w = image.shape[:2]
    pts = landmarks[:, :2]
    radius = 0.08 * float(np.linalg.norm(pts[ids.INNER_UPPER_LIP[0]] - pts[ids.INNER_UPPER_LIP[-1]])) + 1
    patches = []
    for i in _CHEEKS:
        x0, y0, x1, y1 = box_around(pts[[i]], radius, (w, h))
        patches.append(image[y0:y1, x0:x1].reshape(-1, 3))
    px = np.vstack(patches)
    return byte_median(px) if len(px) else None

