"""Vertical streaks across a driver's mouth carried into a smaller opening (issue #9), read on a rendered frame.

sr_8 at 320 px x lp_d19's grin (frames 120-160 of it, 37-39): the driver's 96 px mouth was mapped into a 37 px
opening by bilinear sampling, which read every 2.6th column of its teeth: their 1-2 px dark gaps and lit edges came
out or not by chance, a smeared block of vertical streaks (`open_mouth/minified.py`).
`fine_share`: over the pixels inside the inner-lip contour, eroded by `EDGE_PX` (the lips' edge left out), the mean
square of each grey level less the mean of it and its left and right neighbours, over the grey levels' variance:
the share of the opening's contrast that lies in 1-px steps along its rows. `streaks`: that share over the driver's
own mouth's, its frame area-averaged (`cv2.INTER_AREA`) to the target's mouth width: what a filmed mouth of that
size holds. 1 or less: no more fine detail than the driver's mouth has at that size. lp_d19's grin (frames 157-159)
shrunk to 35-37 px by area reads 0.84-1.15 (the read of a px wider or narrower), by nearest pixel 1.5-2.3.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import box_around, disc_kernel, polygon_mask
from facereel.engines.mesh.geometry.mesh_topology import INNER_LIP_CONTOUR
from facereel.engines.mesh.open_mouth.lip_corners import grey_level
from facereel.engines.mesh.open_mouth.mouth_shape import mouth_gap

EDGE_PX = 1
"""px eroded off the opening before it is read: the lips' edge, a step a real mouth has too, left out."""
MIN_PIXELS = 20
"""An opening of fewer pixels (after `EDGE_PX`) holds no streaks to read."""


def fine_share(frame: np.ndarray, landmarks: np.ndarray) -> float | None:
    """0-1: the share of the grey variance inside (H, W, 3) uint8 RGB `frame`'s inner-lip contour ((478, 3) px
    `landmarks`) that lies in 1-px steps along its rows (module docstring); None where the opening, eroded, holds
    under `MIN_PIXELS` pixels or no contrast."""
    pts = np.asarray(landmarks, np.float32)[:, :2]
    x0, y0, x1, y1 = box_around(pts[INNER_LIP_CONTOUR], EDGE_PX + 2, (frame.shape[1], frame.shape[0]))
    if x1 - x0 < 3 or y1 <= y0:
        return None
    opening = (polygon_mask([pts[INNER_LIP_CONTOUR]], (y1 - y0, x1 - x0), (x0, y0)) > 0.5).astype(np.uint8)
    inside = cv2.erode(opening, disc_kernel(EDGE_PX)) > 0
    grey = grey_level(frame[y0:y1, x0:x1].astype(np.float32))
    if inside.sum() < MIN_PIXELS:
        return None
    spread = float(grey[inside].var())
    fine = grey - cv2.blur(grey, (3, 1), borderType=cv2.BORDER_REPLICATE)
    return float((fine[inside] ** 2).mean()) / spread if spread > 0 else None


def at_width(frame: np.ndarray, landmarks: np.ndarray, width: float) -> tuple[np.ndarray, np.ndarray]:
    """(frame area-averaged so its mouth is `width` px wide, its (478, 3) `landmarks` px moved with it: pixel
    centres kept, as `cv2.resize` places them)."""
    s = width / max(mouth_gap(landmarks)[1], 1e-6)
    small = cv2.resize(frame, None, fx=s, fy=s, interpolation=cv2.INTER_AREA)
    moved = np.array(landmarks, np.float32)
    moved[:, :2] = (moved[:, :2] + 0.5) * np.array([small.shape[1] / frame.shape[1], small.shape[0] / frame.shape[0]],
                                                   np.float32) - 0.5
    return small, moved


def streaks(frame: np.ndarray, landmarks: np.ndarray, driver: np.ndarray, driver_landmarks: np.ndarray
            ) -> float | None:
    """`fine_share` of (H, W, 3) uint8 RGB `frame`'s opening (its (478, 3) px `landmarks`) over the driver's own
    (its frame `driver` and `driver_landmarks`) at the frame's mouth width (`at_width`); None where either reads
    none."""
    own = fine_share(*at_width(driver, driver_landmarks, mouth_gap(landmarks)[1]))
    drawn = fine_share(frame, landmarks)
    return None if own is None or drawn is None or own <= 0 else drawn / own
