"""Row streaks: hair drawn past a photo's cut side as streaks along the rows (issue #9).

A portrait cut at the frame's side (lp_s1 cut at x 320-1145, y 150-1145: her near ear and hair off the left edge)
turned by preset:turn: the head layer's map read past the crop's edge, where the remap repeats the edge's column
along each row, and drew horizontal brown streaks over x 0-100, y 200-500 (frame 10). `row_streaks` is the mean
grey step down the columns over the mean grey step along the rows in a box: about 1 for a texture with no
direction, below 1 for a wall with vertical structure, high for streaks along the rows. From the frame alone; the
source repeated is its baseline (lp_s1 cut: 0.76).
"""

from __future__ import annotations

import cv2
import numpy as np


def row_streaks(frame: np.ndarray, box: tuple[int, int, int, int]) -> float:
    """Mean |vertical| over mean |horizontal| grey step (unitless) of `frame` ((h, w, 3) uint8 RGB) in `box`
    (x0, y0, x1, y1) px."""
    x0, y0, x1, y1 = box
    grey = cv2.cvtColor(frame[y0:y1, x0:x1], cv2.COLOR_RGB2GRAY).astype(np.float32)
    down = np.abs(np.diff(grey, axis=0)).mean()
    along = np.abs(np.diff(grey, axis=1)).mean()
    return float(down / max(along, 1e-6))
