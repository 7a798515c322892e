"""A dark line along the lower lip's inner edge (issue #9), read on a rendered frame and its (478, 3) px landmarks.

preset:talk / preset:laugh with the synthetic interior (lp_s5, astronaut, grace_hopper at 512 px): the
interior's rim shade drew a thin, near-black line along the whole lower inner lip, like a pen outline; in real
open mouths (lp_d18, lp_d11, lp_d12) the lower lip meets the lower teeth or the tongue with a soft shadow.
`rim_line`: per column within `SIDE` mouth widths of the mouth's middle, the largest vertical black top-hat
(grey levels: the frame's closing by a vertical line of `LINE` face sizes minus the frame; thin dark lines
lying across the face) within half `LINE` face sizes of the lower inner lip, averaged over the columns.
A frame whose opening is under `teeth_band.TALKING` mouth widths (a closed mouth: the source repeated) scores 0.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import box_around, face_size, grey_image
from facereel.engines.mesh.figures.teeth_band import TALKING, teeth_band_reads
from facereel.face import landmark_ids as ids

LINE = 0.025
"""Face sizes: the top-hat's vertical kernel; half of it is read above and below the lower inner lip."""
SIDE = 0.3
"""Mouth widths either side of the lower inner lip's middle (14) whose columns are read."""


def rim_line(frame: np.ndarray, landmarks: np.ndarray) -> float:
    """Grey levels: the mean over the columns near the mouth's middle of (H, W, 3) uint8 RGB `frame`'s largest
    vertical black top-hat within half `LINE` face sizes of the lower inner lip; 0 below a talking opening."""
    if not teeth_band_reads(landmarks, TALKING):
        return 0.0
    lower = landmarks[list(ids.INNER_LOWER_LIP), :2].astype(np.float64)
    corners = landmarks[list(ids.MOUTH_CORNERS), :2]
    width = float(np.linalg.norm(corners[0] - corners[1]))
    reach = max(1, round(LINE * face_size(landmarks) / 2))
    x0, y0, x1, y1 = box_around(lower, 3 * reach, (frame.shape[1], frame.shape[0]))
    if x1 - x0 < 2 or y1 - y0 < 2 * reach + 1:
        return 0.0
    grey = grey_image(frame[y0:y1, x0:x1])
    tophat = cv2.morphologyEx(grey, cv2.MORPH_BLACKHAT, np.ones((2 * reach + 1, 1), np.uint8))
    order = np.argsort(lower[:, 0], kind="stable")
    middle = lower[5, 0]
    xs = np.arange(max(x0, int(np.ceil(middle - SIDE * width))), min(x1, int(middle + SIDE * width) + 1))
    if not len(xs):
        return 0.0
    edge = np.interp(xs, lower[order, 0], lower[order, 1]) - y0
    rows = np.arange(y1 - y0)[:, None]
    near = np.abs(rows - edge[None, :]) <= reach
    return float(np.where(near, tophat[:, xs - x0], 0.0).max(0).mean())
