"""A hand in front of the face in the portrait bent with the face (issue #9 / #12, h32-fresh6's find (4)): a hand held
to lp_s1's chin and over her mouth's right half, driven by lp_d6 at `--size 256`, had its finger's edge pushed aside
by the opening mouth and the open mouth drawn over it (`held_hand`).

`hand_bend`: how far a frame's hand is from the photo's hand moved as one piece. The photo's hand (its known mask)
is aligned to the frame by the affine map that best matches its pixels (OpenCV's ECC on grey levels, started from the
identity: the hand may move, turn and scale as a whole at no cost); the frame is read back through that map and
compared with the photo inside the mask eroded by `RIM` px (the rim's interpolation left out). Returned: the share
(0-1) of the hand's pixels whose colour differs by more than `OFF` grey levels (max over R, G, B), and the mean
difference (grey levels). The source repeated reads 0 / 0; a hand bent by the map or drawn over by the mouth reads
the bent or covered share.
"""

from __future__ import annotations

import cv2
import numpy as np

OFF = 40
"""Grey levels (0-255, max over R, G, B): a hand pixel read back further than this from the photo's is drawn wrong;
well above the resampling's few levels on the painted hand's grain, well below a lip or the mouth's dark over skin."""

RIM = 1
"""px: the mask is eroded by this before reading (the rim's pixels mix the hand with what lies behind it)."""


def hand_bend(photo: np.ndarray, frame: np.ndarray, mask: np.ndarray) -> tuple[float, float]:
    """(share 0-1 of the hand drawn more than `OFF` off, mean |difference| grey levels) of `frame` (H, W, 3) uint8
    RGB against `photo` (H, W, 3) uint8 RGB inside the hand's `mask` (H, W) bool on the photo, after the best affine
    alignment of the photo's hand onto the frame (module docstring)."""
    inside = cv2.erode(mask.astype(np.uint8), np.ones((2 * RIM + 1, 2 * RIM + 1), np.uint8))
    grey = [cv2.cvtColor(im, cv2.COLOR_RGB2GRAY).astype(np.float32) for im in (photo, frame)]
    move = np.eye(2, 3, dtype=np.float32)
    criteria = (cv2.TERM_CRITERIA_EPS | cv2.TERM_CRITERIA_COUNT, 100, 1e-5)
    try:
        _, move = cv2.findTransformECC(grey[0], grey[1], move, cv2.MOTION_AFFINE, criteria,
                                       mask.astype(np.uint8), 5)
    except cv2.error:  # no convergence: read the frame where the photo had the hand
        move = np.eye(2, 3, dtype=np.float32)
    back = cv2.warpAffine(frame, move, photo.shape[1::-1], flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
                          borderMode=cv2.BORDER_REPLICATE)
    diff = np.abs(back.astype(np.int16) - photo.astype(np.int16)).max(axis=2)[inside > 0]
    if diff.size == 0:
        return 0.0, 0.0
    return float((diff > OFF).mean()), float(diff.mean())
