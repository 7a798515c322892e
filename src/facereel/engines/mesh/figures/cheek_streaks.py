"""Horizontal streaks along the near side of a turned face, read from a rendered frame (issue #9).

lp_s12 (turned ~10 deg) on preset:turn 34-38 turns back into view the band its photo folds under the near
cheek's silhouette; that band's map reads a few of the photo's pixels per row stretched across it
(`unfolded_fill`), so the photo's grain and its ear's rim were drawn as light and dark horizontal lines.
`cheek_streaks` is the mean, over the pixels inside the face oval within `BAND` face sizes of one side's outline
(of `SIDES`, from the temple down past the jaw angle; by default the near one, farther from the nose tip), of how
much more the grey differs from row to row than from column to column: |the grey averaged along the row over
`ALONG` face sizes minus its blur down the column by `ACROSS` face sizes|, less the same across (grey levels, at
least 0). A line across the row keeps its difference and has none along it; the photo's grain has both alike.
From the frame alone; the source repeated (read on the same side of the face as the frame's) is the baseline.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import face_size, grey_image, polygon_mask
from facereel.face import landmark_ids as ids

SIDES = (ids.FACE_OVAL[7:16], ids.FACE_OVAL[21:30])
"""Face oval landmarks of each side's outline: from the temple (356, 127) down past the jaw angle (the band a turn
unfolds reaches from the ear's top to the jaw)."""
BAND = 0.15
"""Face sizes inside the face oval's outline along the side: where streaks are looked for."""
ALONG = 0.06
"""Face sizes: the grey is averaged along the row (and, for the other direction, the column) over this much."""
ACROSS = 0.02
"""Face sizes: the standard deviation of the blur across those averages they are compared with."""


def near_side(landmarks: np.ndarray) -> int:
    """The index into `SIDES` of the near side for (478, 2+) landmarks px: the one farther from the nose tip."""
    tip = landmarks[ids.NOSE_TIP, 0]
    return max((0, 1), key=lambda side: abs(float(landmarks[list(SIDES[side]), 0].mean()) - tip))


def side_towards(landmarks: np.ndarray, side: int) -> int:
    """The index into `SIDES` of the side of (478, 2+) landmarks px on image side `side` (+1: right) of the nose tip
    (the photo's far side, `outline_skin.far_side`, read on a frame that turned it into view)."""
    tip = landmarks[ids.NOSE_TIP, 0]
    return max((0, 1), key=lambda k: side * (float(landmarks[list(SIDES[k]), 0].mean()) - tip))


def _differences(grey: np.ndarray, along: int, sigma: float) -> np.ndarray:
    """(h, w) float32: |`grey` (h, w) float32 averaged over `along` px along its rows minus that blurred down its
    columns by `sigma` px|."""
    rows = cv2.blur(grey, (along, 1))
    return np.abs(rows - cv2.GaussianBlur(rows, (1, 0), 1e-3, sigmaY=sigma))


def cheek_streaks(frame: np.ndarray, landmarks: np.ndarray, side: int | None = None) -> float:
    """Grey levels (module doc): the mean excess of row-to-row over column-to-column differences of `frame`
    ((H, W, 3) uint8 RGB) inside the face oval of `landmarks` ((478, 2+) px) within `BAND` face sizes of the
    outline of `SIDES[side]` (None: the near side, `near_side`)."""
    size = face_size(landmarks)
    grey = grey_image(frame)
    along, sigma = max(1, round(ALONG * size)), max(0.5, ACROSS * size)
    excess = _differences(grey, along, sigma) - _differences(np.ascontiguousarray(grey.T), along, sigma).T
    inside = polygon_mask([landmarks[list(ids.FACE_OVAL), :2]], grey.shape, (0, 0)) > 0.5
    outline = np.zeros(grey.shape, np.uint8)
    points = landmarks[list(SIDES[near_side(landmarks) if side is None else side]), :2]
    cv2.polylines(outline, [np.round(points).astype(np.int32)], False, 1, max(1, round(2 * BAND * size)))
    region = (outline > 0) & inside
    return float(np.maximum(excess, 0)[region].mean()) if region.any() else 0.0
