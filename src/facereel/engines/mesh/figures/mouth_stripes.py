"""Thin light and dark lines across an open mouth (issue #9), read on a rendered frame and its (478, 3) px landmarks.

A driver's mouth opened wider than the target's (its height over its width; sr_1 opens while it speaks from its
first frame on, the reference, so the retargeted openings are flatter than its own) was pressed into the target's
opening by the contours' affine map (`mouth_driver.driver_interior`): its rows of teeth, cavity and tongue became
1-px stripes, a white slash outlined in black between the lips (sr_4 and lp_s12 at 512 x sr_1). Real open mouths'
teeth, tongue and shadow are several px tall and soft-edged. `mouth_stripes`: the pixels inside the inner-lip
contour (both vertical neighbours inside too) lighter or darker than both vertical neighbours by more than
`LINE_CONTRAST` grey levels, counted per mouth width (px): how many mouth widths of 1-px lines the opening holds.
sr_1's and lp_d12's own mouths read 0 on every frame; a closed mouth (no pixel inside) reads 0.
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.composite import box_around, polygon_mask
from facereel.engines.mesh.geometry.mesh_topology import INNER_LIP_CONTOUR
from facereel.engines.mesh.open_mouth.lip_corners import grey_level
from facereel.engines.mesh.open_mouth.mouth_shape import mouth_gap

LINE_CONTRAST = 40.0
"""Grey levels by which a pixel stands out from both its upper and lower neighbour to read as a 1-px line."""


def mouth_stripes(frame: np.ndarray, landmarks: np.ndarray) -> float:
    """Mouth widths of 1-px light or dark lines inside (H, W, 3) uint8 RGB `frame`'s inner-lip contour (module
    docstring); 0 where the opening holds no pixel with both vertical neighbours inside."""
    pts = np.asarray(landmarks, np.float32)[:, :2]
    x0, y0, x1, y1 = box_around(pts[INNER_LIP_CONTOUR], 2, (frame.shape[1], frame.shape[0]))
    if y1 - y0 < 3 or x1 <= x0:
        return 0.0
    opening = polygon_mask([pts[INNER_LIP_CONTOUR]], (y1 - y0, x1 - x0), (x0, y0)) > 0.5
    inside = opening[1:-1] & opening[:-2] & opening[2:]
    grey = grey_level(frame[y0:y1, x0:x1].astype(np.float32))
    above, below = grey[1:-1] - grey[:-2], grey[1:-1] - grey[2:]
    lines = inside & ((np.minimum(above, below) > LINE_CONTRAST) | (np.maximum(above, below) < -LINE_CONTRAST))
    return float(lines.sum()) / max(mouth_gap(landmarks)[1], 1.0)
