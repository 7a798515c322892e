"""The photo's near ear hidden under the moved face (issue #9 part 2; the expression editor at its yaw's end).

sr_18 at 512 `facereel edit --yaw 45 --pitch -30` (the yaw ended at 32 by `slider_room` before h45-yawends, 0.92; at 20
since, 0.29): the turn to 32 brings the face from the photo's ~30 deg past frontal (the nose tip from 0.66 to 0.32 of
the way across the face oval), its ear side (image left) becoming the far side; the cheek is drawn out over the ear and
the frame shows none of it, where a face turned that far still shows part of its far ear beside the cheek. `--yaw 20`
alone hides most of it (0.41); `--pitch -30` alone keeps it (0.10). `hidden_ear` is the share of the photo's near ear
(`near_ear`: the head alpha over 0.5 in the ears' strips, `ear_matte.ear_strips`, on the side that holds more of it)
that no drawn head pixel (drawn alpha 0.5 or more) reads through the head map within `NEAR` px: what of the ear the
frame does not show anywhere. The source repeated reads each pixel itself: 0.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.head_edge.ear_matte import ear_strips
from facereel.face import landmark_ids as ids

NEAR = 1
"""Px: an ear pixel within this of a drawn pixel's read is shown (the reads fall between pixels; a squeezed ear is
read at gaps of about a pixel)."""


def near_ear(alpha: np.ndarray, landmarks: np.ndarray, face_px: float) -> np.ndarray:
    """(H, W) bool: the photo's near ear, the head alpha `alpha` ((H, W) float32 on the image) over 0.5 in the ears'
    strips of `landmarks` ((478, 2+) image px; face size `face_px` px) on the side of the nose tip that holds more of
    it."""
    strips = ear_strips(alpha.shape, landmarks, np.zeros(2, np.float32), face_px) & (alpha >= 0.5)
    left = np.arange(alpha.shape[1])[None] < landmarks[ids.NOSE_TIP, 0]
    sides = (strips & left, strips & ~left)
    return max(sides, key=np.count_nonzero)


def hidden_ear(reads: np.ndarray, drawn: np.ndarray, ear: np.ndarray) -> float:
    """Share in [0, 1] of `ear` ((H, W) bool, `near_ear`) that no pixel with drawn head alpha `drawn` ((H, W)
    float32) of 0.5 or more reads within `NEAR` px; reads: (H, W, 2) float32, the source position (x, y) px each
    pixel reads (`covered_eye.head_reads`). 0 where `ear` is empty."""
    if not ear.any():
        return 0.0
    h, w = ear.shape
    at = np.rint(reads[drawn >= 0.5]).astype(np.int64)
    inside = (at[:, 0] >= 0) & (at[:, 0] < w) & (at[:, 1] >= 0) & (at[:, 1] < h)
    read = np.zeros((h, w), np.uint8)
    read[at[inside, 1], at[inside, 0]] = 1
    read = cv2.dilate(read, np.ones((2 * NEAR + 1,) * 2, np.uint8)) > 0
    return float(np.count_nonzero(ear & ~read)) / float(np.count_nonzero(ear))
