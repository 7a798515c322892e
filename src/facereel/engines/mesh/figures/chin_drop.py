"""The chin's drop read on the pixels, beside the tracker's reading (issue #12, a still photo as the driver).

The relative photo jaw re-tracks short: the `open` pair (lp_d18 frame 0 -> 80) on the shared portraits reads
0.60 of the driver's jaw drop (`mouth_aspect.jaw_and_gap`). Not the motion (every portrait's target chin drops
1.46x the driver's re-tracked drop) and not the drawing: the tracker hardly follows a chin moved on the pixels.
On a real open mouth it puts the chin landmark (152) 17-19 px above the visible chin edge (the `open` truth at
512 px: the landmark 28 px below the neutral frame's, the chin patch 39 px), and the drawn still's chin stretched
20 px further down moves its landmark 0.5 px. `pixel_chin_drop` reads the drop from the pixels instead: the portrait's chin patch (the edge with skin
above and neck below) found again in the output, so a real pair (neutral -> expression frame) and a drawn
one compare alike; `stretch_chin` moves a chin on the pixels alone, to see how far the tracker follows.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import grey_image
from facereel.eval.landmarks import inter_ocular
from facereel.face import landmark_ids as ids

PATCH = (0.12, 0.3)
"""Half height, half width of the chin patch about the chin landmark, inter-ocular distances."""
REACH = (0.1, 0.8)
"""How far above and below the portrait's chin the patch is looked for, inter-ocular distances."""
HOLD = 0.25
"""How far below the chin landmark `stretch_chin` moves the rows by the whole drop, inter-ocular distances."""


def pixel_chin_drop(before: np.ndarray, after: np.ndarray, landmarks: np.ndarray) -> tuple[float, float]:
    """(drop, score): how far the chin patch of `before` (H, W, 3) uint8, centred on the chin of its
    `landmarks` (478, 3) px, lies lower in `after` (the same size), in `before`'s inter-ocular distances
    (+ = down), and the match's normalised cross-correlation (near 1: the patch found as it was)."""
    iod = float(inter_ocular(landmarks))
    x, y = np.round(landmarks[ids.CHIN, :2]).astype(int)
    half_h, half_w = round(PATCH[0] * iod), round(PATCH[1] * iod)
    top, side = y - half_h - round(REACH[0] * iod), x - half_w - round(REACH[0] * iod)
    patch = grey_image(before)[y - half_h:y + half_h, x - half_w:x + half_w]
    window = grey_image(after)[top:y + half_h + round(REACH[1] * iod), side:x + half_w + round(REACH[0] * iod)]
    score = cv2.matchTemplate(window, patch, cv2.TM_CCOEFF_NORMED)
    row, _ = np.unravel_index(int(np.argmax(score)), score.shape)
    return float(top + row + half_h - y) / iod, float(score.max())


def stretch_chin(image: np.ndarray, landmarks: np.ndarray, drop: float) -> np.ndarray:
    """`image` (H, W, 3) with its chin moved `drop` px down on the pixels alone: the rows' downward shift rises
    linearly from 0 halfway between the lower lip (17) and the chin (152) to `drop` where the chin lands, holds for
    `HOLD` inter-ocular distances below it (an open mouth's visible chin edge lies up to 0.2 below the landmark),
    then falls back to 0 over as far again or 2 `drop`, whichever is longer (the neck squeezed); over the face's
    width, fading out over half a face width beside it. Every slope is under 1 px a row: no row folds over."""
    height, width = image.shape[:2]
    lip, chin = float(landmarks[ids.LOWER_LIP_BOTTOM, 1]), float(landmarks[ids.CHIN, 1])
    start, hold = (lip + chin) / 2, HOLD * float(inter_ocular(landmarks))
    rows, cols = np.mgrid[0:height, 0:width].astype(np.float32)
    rise = (rows - start) / (chin + drop - start)
    fall = 1.0 - (rows - chin - drop - hold) / max(hold, 2.0 * drop)
    shift = drop * np.clip(np.minimum(rise, fall), 0.0, 1.0)
    left, right = float(landmarks[:, 0].min()), float(landmarks[:, 0].max())
    across = np.clip(1.5 - np.abs(cols - (left + right) / 2) / ((right - left) / 2), 0.0, 1.0)
    return cv2.remap(image, cols, rows - shift * across, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT)
