"""A driver's slit stretched down its columns into a taller opening (issue #9), read on a rendered frame and its
(478, 3) px landmarks.

The contours' affine map stretched lp_d19's thin grin (0.12-0.13 of its width open) into the child's open mouth of
lp_d11's frame 124 as a still (0.30-0.42) 3.1-3.3 times over its width's scale: its teeth's 1-px edges and gaps became
vertical stripes the opening's height, a khaki-grey block (`open_mouth/slit_stretch.py`). Real openings hold teeth,
tongue and shadow whose edges run along the lips as much as across them. `column_streaks`: inside the inner-lip
contour (eroded `EDGE_PX` px, the lips' edge left out), the mean absolute grey step between neighbours along the rows
over the mean down the columns, both in grey levels a px (a ratio: 1 is no direction, over 1 stripes down the
columns); 0 where the opening holds under `MIN_PX` px.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import box_around, polygon_mask
from facereel.engines.mesh.geometry.mesh_topology import INNER_LIP_CONTOUR
from facereel.engines.mesh.open_mouth.lip_corners import grey_level

EDGE_PX = 2
"""px eroded off the opening (its lips' anti-aliased edge and the lips' own vertical step left out)."""
MIN_PX = 20
"""px: an opening with fewer pixels left reads 0 (a closed mouth, a slit)."""


def column_streaks(frame: np.ndarray, landmarks: np.ndarray) -> float:
    """Steps along the rows over steps down the columns inside (H, W, 3) uint8 RGB `frame`'s inner-lip contour
    (module docstring)."""
    pts = np.asarray(landmarks, np.float32)[:, :2]
    x0, y0, x1, y1 = box_around(pts[INNER_LIP_CONTOUR], 2, (frame.shape[1], frame.shape[0]))
    if y1 - y0 < 3 or x1 - x0 < 3:
        return 0.0
    opening = (polygon_mask([pts[INNER_LIP_CONTOUR]], (y1 - y0, x1 - x0), (x0, y0)) > 0.5).astype(np.uint8)
    inside = cv2.erode(opening, np.ones((2 * EDGE_PX + 1,) * 2, np.uint8)) > 0
    if inside.sum() < MIN_PX:
        return 0.0
    grey = grey_level(frame[y0:y1, x0:x1].astype(np.float32))
    across = np.abs(np.diff(grey, axis=1))[inside[:, 1:] & inside[:, :-1]]
    down = np.abs(np.diff(grey, axis=0))[inside[1:] & inside[:-1]]
    return float(across.mean() / max(float(down.mean()), 1e-3))
