"""The photo's lit chin tip left where it was under a raised chin: a second chin (issue #9, h25-sr8chin).

sr_8 at 512 (the face rolled ~40 deg), `facereel edit --pitch -15`: under the raised chin the frame showed the
photo's own lit chin tip, stretched by the neck layer, as a second chin (x 230-260, y 190-215) with a dark gash
across it: the region behind the near jaw angle that leaves the head (`head_mask.neck_side`) reached across the
chin, so its lower part stayed on the plate.

`chin_tip` is the photo's lit chin tip: within `ACROSS` face sizes either side of the chin landmark, from `ABOVE`
face sizes above it to `BELOW` below, the pixels lighter (grey levels) than the photo's neck under it (the median
`NECK` face sizes below the chin in those columns) by `LIGHTER`. `still_chin` is the share of those pixels a frame
whose chin moved by `chin_ghost.MOVED` face sizes or more still shows as the photo (within `still_copy.STILL` grey
levels, largest channel): the chin tip left behind. 0 on the source repeated (the chin has not moved) and where the
moved head took its tip along.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.figures.chin_ghost import MOVED
from facereel.engines.mesh.figures.still_copy import STILL

ACROSS = 0.12
"""Face sizes either side of the chin landmark: the chin tip's columns."""
ABOVE, BELOW = 0.04, 0.08
"""Face sizes above and below the chin landmark: the chin tip's rows (the photo's edge may lie below it)."""
NECK = (0.1, 0.16)
"""Face sizes below the chin landmark: the photo's neck whose median grey level the tip is read against."""
LIGHTER = 15.0
"""Grey levels by which a pixel is lighter than the neck to count as lit chin skin."""


def _grey(image: np.ndarray) -> np.ndarray:
    """(h, w) float32 grey levels of an (h, w, 3) uint8 RGB image."""
    return cv2.cvtColor(image, cv2.COLOR_RGB2GRAY).astype(np.float32)


def chin_tip(photo: np.ndarray, chin: np.ndarray, face_px: float) -> np.ndarray:
    """(h, w) bool: the photo's lit chin tip. photo: (h, w, 3) uint8 RGB; chin: (2,) px, the chin landmark in it;
    face_px: the face size, px."""
    grey = _grey(photo)
    h, w = grey.shape
    x0, x1 = (int(np.clip(round(chin[0] + s * ACROSS * face_px), 0, w)) for s in (-1, 1))
    neck = grey[int(min(h - 1, chin[1] + NECK[0] * face_px)):int(min(h, chin[1] + NECK[1] * face_px)) + 1, x0:x1]
    level = float(np.median(neck)) if neck.size else float("inf")
    tip = np.zeros((h, w), bool)
    y0, y1 = (int(np.clip(round(chin[1] + d * face_px), 0, h)) for d in (-ABOVE, BELOW))
    tip[y0:y1, x0:x1] = grey[y0:y1, x0:x1] > level + LIGHTER
    return tip


def still_chin(frame: np.ndarray, chin: np.ndarray, photo: np.ndarray, source_chin: np.ndarray,
               face_px: float) -> float:
    """Share of the photo's lit chin tip (`chin_tip`) that `frame` ((h, w, 3) uint8 RGB, its chin landmark at
    `chin` (2,) px) still shows unmoved; 0 while the chin moved less than `MOVED` face sizes from `source_chin`
    (the source repeated) or where the photo (same box) shows no lit tip."""
    if np.linalg.norm(np.asarray(chin, float) - np.asarray(source_chin, float)) < MOVED * face_px:
        return 0.0
    tip = chin_tip(photo, source_chin, face_px)
    if not tip.any():
        return 0.0
    still = np.abs(frame.astype(np.int16) - photo.astype(np.int16)).max(-1) <= STILL
    return float((tip & still).sum() / tip.sum())
