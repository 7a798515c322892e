"""A photo's dark smile corner drawn as a hole in an opened mouth's upper lip corner (issue #9), read from a frame.

sr_18 (his own open smile, the dark corners of its opening beside his teeth) at 1024 px x preset:laugh frames 18-36:
the drawn inner corners drop below the outer ones, and the upper lip's corner between them (outer upper lip to inner
upper lip, `lip_corners.REACH` points from the corner) is drawn from the photo's dark corner stretched: a cavity-dark
wedge up to the outer corner, so the opening's near end reads as the outer lower lip's straight vertical edge with a
dark notch. `corner_hole`: per corner, the share of that upper lip corner's pixels (outside the drawn inner-lip
contour) darker than `corner_shadow.SHADOW` of the photo's lips' grey level, less the photo's own share there (its
own landmarks); the larger corner's. sr_18 1024 x preset:laugh 18 / 24: 0.44 / 0.53 before h49-sr18laugh, -0.13 /
-0.15 with `lip_corners.OPENED_SMILE`. lp_s1's dark lipstick corners read in her photo as in the frame (512: 0.02-0.20,
1024: 0.13-0.15); lp_s5, lp_s3 0; the source repeated 0. At 512 an upper lip corner holds ~10 px: read it at 1024.
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.composite import box_around, grey_image, polygon_mask
from facereel.engines.mesh.figures.corner_shadow import shadow_level
from facereel.engines.mesh.geometry.mesh_topology import INNER_LIP_CONTOUR
from facereel.engines.mesh.open_mouth.lip_corners import REACH
from facereel.face import landmark_ids as ids


def upper_corners(points: np.ndarray) -> list[np.ndarray]:
    """The upper lip's two corners (right, then left) of (478, 2+) px landmarks: (2 * `REACH`, 2) px polygons, the
    outer upper lip from the corner to its `REACH`th point, then the inner upper lip back."""
    pts = np.asarray(points, np.float32)[:, :2]
    return [np.vstack([pts[list(ids.OUTER_UPPER_LIP[side])], pts[list(ids.INNER_UPPER_LIP[side])][::-1]])
            for side in (slice(None, REACH), slice(-REACH, None))]


def dark_shares(image: np.ndarray, points: np.ndarray, level: float) -> np.ndarray:
    """(2,) 0-1: per upper lip corner (`upper_corners`) of (H, W, 3) uint8 RGB `image` with (478, 2+) px `points`, the
    share of its pixels outside the inner-lip contour whose grey level is under `level`; 0 for a corner with none."""
    pts = np.asarray(points, np.float32)[:, :2]
    corners = upper_corners(pts)
    x0, y0, x1, y1 = box_around(np.vstack(corners), 2, (image.shape[1], image.shape[0]))
    if x1 <= x0 or y1 <= y0:
        return np.zeros(2)
    shape = (y1 - y0, x1 - x0)
    outside = polygon_mask([pts[INNER_LIP_CONTOUR]], shape, (x0, y0)) <= 0
    dark = grey_image(image[y0:y1, x0:x1]) < level
    shares = []
    for corner in corners:
        lip = (polygon_mask([corner], shape, (x0, y0)) > 0.5) & outside
        shares.append(float((lip & dark).sum()) / max(int(lip.sum()), 1))
    return np.array(shares)


def corner_hole(frame: np.ndarray, points: np.ndarray, photo: np.ndarray, photo_points: np.ndarray) -> float:
    """-1-1: the larger over the two upper lip corners of the dark share (`dark_shares`, under
    `corner_shadow.shadow_level`: `SHADOW` of the grey level of `photo`'s lip colour) in `frame` (H, W, 3) uint8 RGB
    drawn on landmarks `points` (478, 2+) px, less the same read on `photo` with its own `photo_points`; 0 without
    lips."""
    level = shadow_level(photo, photo_points)
    if level is None:
        return 0.0
    return float((dark_shares(frame, points, level) - dark_shares(photo, photo_points, level)).max())
