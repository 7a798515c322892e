"""Lip colour drawn under the lower lip (issue #12 part 1), read on a rendered frame and the (478, 3) px landmarks it
was drawn to.

lp_d6 200-240 as a video source x lp_d3 310-354: where the clip's mouth is wide open (its lower lip pulled down, the
fold under it flattened onto the lip's edge by the tracker) and the target shuts it, the band from the target's outer
lower lip to the fold was drawn from the clip's one row of the lip's edge: a flat pink block under the shut lips, the
lower lip drawn about twice its height (frames 13-15, 27-29, 34-39; `geometry.chin_columns`); on 34-39 also a second
lower lip where the tracker put the skin points under the lip on it, the photo's column folded (`chin_columns.unfold`).
`lip_below`: in the columns within `SIDE` mouth widths of the mouth's middle, the share of the pixels from the drawn
outer lower lip down to the chin's upper half (`FOLD`) whose CIELAB a* (red) is the drawn lower lip's (`QUANTILE`).
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import box_around
from facereel.engines.mesh.open_mouth.mouth_synthetic import by_x
from facereel.face import landmark_ids as ids

SIDE = 0.2
"""Mouth widths either side of the mouth's middle whose columns are read (the corners' shade left out)."""
FOLD = 199
"""mediapipe's midline point on the chin's upper half: the rows from the outer lower lip down to it are read."""
QUANTILE = 0.25
"""A pixel reads as lip where its CIELAB a* (red) is at least this quantile of the drawn lower lip's: lp_d6's lower
lip reads a* 152-156 (of 255), the skin under it 147-152 and its shaded chin 144-146 (lightness does not part them:
the chin's shade is as dark as the lip)."""


def lip_below(frame: np.ndarray, landmarks: np.ndarray) -> float:
    """0-1: the share of the pixels from (H, W, 3) uint8 RGB `frame`'s outer lower lip down to the chin's upper half
    (`FOLD`; drawn to (478, 2+) px `landmarks`) as red as its lower lip (`QUANTILE`), in the columns within `SIDE`
    mouth widths of the middle; 0 where nothing is read."""
    points = np.asarray(landmarks, np.float64)[:, :2]
    corners = points[list(ids.MOUTH_CORNERS)]
    width = float(np.linalg.norm(corners[0] - corners[1]))
    middle = float(corners[:, 0].mean())
    lips = np.vstack([points[list(ids.OUTER_LOWER_LIP)], points[[FOLD]]])
    x0, y0, x1, y1 = box_around(lips, 1, (frame.shape[1], frame.shape[0]))
    xs = np.arange(max(x0, int(np.ceil(middle - SIDE * width))), min(x1, int(middle + SIDE * width) + 1))
    if not len(xs) or width < 1:
        return 0.0
    lab = cv2.cvtColor(np.ascontiguousarray(frame[y0:y1, x0:x1]), cv2.COLOR_RGB2LAB).astype(np.float32)[:, xs - x0]
    rows = np.arange(y0, y1, dtype=np.float64)[:, None]
    inner = np.maximum(np.interp(xs, *by_x(points[list(ids.INNER_LOWER_LIP)])),  # crossed lips: the lower one's
                       np.interp(xs, *by_x(points[list(ids.INNER_UPPER_LIP)])))  # band starts under the upper
    outer = np.interp(xs, *by_x(points[list(ids.OUTER_LOWER_LIP)]))
    lip = (rows >= inner + 1) & (rows < outer - 1)
    read = (rows >= outer + 1) & (rows < points[FOLD, 1])
    if not lip.any() or not read.any():
        return 0.0
    red = lab[..., 1] >= np.quantile(lab[..., 1][lip], QUANTILE)
    return float((red & read).sum() / read.sum())
