"""Small dark marks of the photo left still beside a moved head, read from a rendered frame (issue #9): the
tip of lp_s5's hanging lock, kept in the plate as the photo, showed as a still dark dash beside the moved jaw
(lp_d12 frames 36-38 and 47-50, `facereel edit --roll 20`; `head_mask.lock_ends`).

`left_marks` finds the frame's small dark marks (connected parts darker than the frame's local median by
`DARK` grey levels, of at most `AREA` face sizes squared) that are still the photo (within `STILL` grey levels)
while the photo beside them changed by `MOVED` or more, lighter (within `REACH` face sizes): a piece of the
photo the moved head left where it was. The source repeated changes nothing: 0. Features inside the face that
happen to keep their grey on a small move count too, so the figure is read over a box beside the head.
"""

from __future__ import annotations

import cv2
import numpy as np

DARK = 25.0
"""Grey levels under the frame's local median (over `MEDIAN` face sizes) that make a pixel dark."""
MEDIAN = 0.14
"""Face sizes: the width of the local median's window."""
AREA = 0.004
"""Face sizes squared: a dark part larger than this is not a mark (hair, a feature)."""
STILL = 4.0
"""Grey levels: a frame pixel this close to the photo's is the photo, unmoved."""
MOVED = 40.0
"""Grey levels: the photo beside the mark is this much lighter in the frame where the head moved off it."""
REACH = 0.04
"""Face sizes: how near the mark the photo changed."""


def left_marks(frame: np.ndarray, photo: np.ndarray, face_px: float) -> np.ndarray:
    """(H, W) bool: the pixels of `frame` ((H, W, 3) uint8 RGB) in small dark marks that are still the `photo`
    ((H, W, 3) uint8 RGB, the source at the frame's size) beside photo pixels the frame shows `MOVED` lighter.
    face_px: the face size, px (`composite.face_size`)."""
    grey = frame.astype(np.float32).mean(2)
    window = 2 * max(1, round(MEDIAN * face_px / 2)) + 1
    median = cv2.medianBlur(frame, window).astype(np.float32).mean(2)
    dark = (grey <= median - DARK).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(dark, connectivity=8)
    small = stats[:, cv2.CC_STAT_AREA] <= AREA * face_px ** 2
    small[0] = False
    change = grey - photo.astype(np.float32).mean(2)
    reach = 2 * max(1, round(REACH * face_px)) + 1
    beside = cv2.dilate((change >= MOVED).astype(np.uint8), np.ones((reach, reach), np.uint8)) > 0
    return small[labels] & (np.abs(change) < STILL) & beside
