"""A thin pale ring just inside the lips round an open mouth (issue #9), read on a rendered frame and its (478, 3) px
landmarks.

sr_4 (a turned face, its mouth 19 px wide at 512 px) driven by lp_d18's wide-open frames 66-94 (`--mouth driver`): the
driver's interior, mapped by the affine map of the two inner-lip contours (`mouth_driver.driver_interior`), fell
short of the turned target's opening by a px along a side and the top; there the synthetic interior showed, its lip
rolled into the mouth (0.75 of the lip colour) a pale 1-px line between the lips and the carried interior. Real
open mouths go from the lips straight into the mouth's shade.

`mouth_ring`: over the opening's pixels within `EDGE_PX` of the inner-lip contour, how much lighter each is than
the lighter of the two pixels `STEP_PX` away across the contour (outward on the lips, inward in the opening), 0
where it is not, averaged, over the skin's grey level (cheeks, `mouth_shape.skin_colour`). A frame whose opening is
under `teeth_band.TALKING` mouth widths scores NaN.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import box_around, polygon_mask
from facereel.engines.mesh.figures.teeth_band import TALKING, teeth_band_reads
from facereel.engines.mesh.geometry.mesh_topology import INNER_LIP_CONTOUR
from facereel.engines.mesh.open_mouth.lip_corners import grey_level
from facereel.engines.mesh.open_mouth.mouth_shape import skin_colour

EDGE_PX = 1.5
"""Pixels inside the inner-lip contour read as the opening's edge."""
STEP_PX = 1.5
"""How far across the contour (along the opening's distance gradient) each edge pixel's neighbours are read."""


def mouth_ring(frame: np.ndarray, landmarks: np.ndarray) -> float:
    """Mean lightness of the opening's edge pixels over both neighbours across the contour, / skin grey level, of
    (H, W, 3) uint8 RGB `frame` with (478, 3) px `landmarks` (module docstring); NaN below a talking opening or
    where the skin or the edge holds no pixel."""
    skin = skin_colour(frame, landmarks)
    if skin is None or not teeth_band_reads(landmarks, TALKING):
        return float("nan")
    pts = np.asarray(landmarks, np.float32)[:, :2]
    x0, y0, x1, y1 = box_around(pts[INNER_LIP_CONTOUR], 2 * STEP_PX + 1, (frame.shape[1], frame.shape[0]))
    shape = (y1 - y0, x1 - x0)
    opening = (polygon_mask([pts[INNER_LIP_CONTOUR]], shape, (x0, y0)) > 0.5).astype(np.uint8)
    depth = cv2.distanceTransform(opening, cv2.DIST_L2, 5)
    edge = (opening > 0) & (depth <= EDGE_PX)
    if not edge.any():
        return float("nan")
    dy, dx = np.gradient(cv2.GaussianBlur(depth, (0, 0), 1.0))  # inward across the contour
    norm = np.hypot(dx, dy) + 1e-6
    rows, cols = np.mgrid[:shape[0], :shape[1]].astype(np.float32)
    grey = grey_level(frame[y0:y1, x0:x1].astype(np.float32))
    step_x, step_y = (STEP_PX * dx / norm).astype(np.float32), (STEP_PX * dy / norm).astype(np.float32)
    inward, outward = (cv2.remap(grey, cols + sign * step_x, rows + sign * step_y, cv2.INTER_LINEAR,
                                 borderMode=cv2.BORDER_REPLICATE) for sign in (1, -1))
    lighter = np.maximum(grey - np.maximum(inward, outward), 0)[edge]
    return float(lighter.mean() / max(float(grey_level(skin)), 1.0))
