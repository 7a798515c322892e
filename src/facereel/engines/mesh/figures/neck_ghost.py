"""A jaw-like edge on the neck that a raised, turned head uncovers: the ghost jaw (issue #9).

grace_hopper and astronaut x preset:turn at 512 (frames 35-43, yaw near -45 degrees, then pitch): below the
near jaw the uncovered part of the plate's hole showed a second jaw, the hole's lower edge (the photo's jaw
line) drawn across the neck with the chin's shading above it. `ghost_edge`: over the band the moved head
uncovers (the photo's head alpha >= 0.5, the drawn one < 0.5, from `GAP` face sizes below the drawn head,
grown `RIM` face sizes to take in the hole's rim), per column the steepest vertical lightness step
(OpenCV's 8-bit L, blurred by 0.01 face sizes; up or down), the median over the columns; minus the same read
over the photo's own neck (`GAP` to `chin_ghost.REACH` face sizes below the photo's head outline, same
columns). ~0 where the uncovered neck is as plain as the photo's, > 0 where a jaw-like edge lies on it; 0
while no column has `MIN_ROWS` uncovered rows (the source repeated).
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.figures.chin_ghost import GAP, REACH

RIM = 0.03
"""Face sizes: the uncovered band is grown down this far (the photo's jaw rim just below the hole)."""
MIN_ROWS = 3
"""Uncovered rows a column needs to be read."""


def _step(image: np.ndarray, face_px: float) -> np.ndarray:
    """(h, w) float32: |vertical lightness change| of `image` ((h, w, 3) uint8 RGB), L per px."""
    lightness = cv2.cvtColor(np.ascontiguousarray(image), cv2.COLOR_RGB2LAB)[..., 0].astype(np.float32)
    grey = cv2.GaussianBlur(lightness, (0, 0), max(0.01 * face_px, 0.5))
    step = np.zeros_like(grey)
    step[1:-1] = np.abs(grey[:-2] - grey[2:]) / 2
    return step


def _column_median(step: np.ndarray, band: np.ndarray) -> tuple[float, np.ndarray]:
    """The median over the columns with >= `MIN_ROWS` rows of `band` ((h, w) bool) of `step`'s max there,
    and those columns ((w,) bool). NaN with none."""
    cols = band.sum(0) >= MIN_ROWS
    if not cols.any():
        return float("nan"), cols
    peaks = np.where(band, step, 0).max(0)[cols]
    return float(np.median(peaks)), cols


def ghost_edge(frame: np.ndarray, alpha: np.ndarray, chin: np.ndarray, source: np.ndarray,
               source_alpha: np.ndarray, source_chin: np.ndarray, face_px: float) -> float:
    """Lightness per px: the uncovered band's jaw-like edge (module doc) minus the photo's neck's.

    frame, source: (h, w, 3) uint8 RGB crops; alpha, source_alpha: (h, w) float32 in [0, 1], the head alpha
    as drawn on the frame (`MeshAnimator.drawn_alpha`) and the source's; chin, source_chin: (2,) px, unused
    but for the figures' common call (`bench/chin_edge.py`); face_px: the face size, px. 0 where nothing is
    uncovered.
    """
    head = alpha >= 0.5
    gap = max(1, round(GAP * face_px))
    near_head = cv2.dilate(head.astype(np.uint8), np.ones((2 * gap + 1, 1), np.uint8)).astype(bool)
    uncovered = (source_alpha >= 0.5) & ~head
    # Down only: the rim under the hole's lower edge, not the background beside the head.
    rim = max(1, round(RIM * face_px))
    grown = cv2.dilate(uncovered.astype(np.uint8), np.ones((2 * rim + 1, 1), np.uint8),
                       anchor=(0, 2 * rim)).astype(bool)
    band = grown & ~near_head
    # Only columns whose head lies above (the neck under the jaw, not a cheek's side uncovered).
    band &= np.maximum.accumulate(head, axis=0)
    value, cols = _column_median(_step(frame, face_px), band)
    if not np.isfinite(value):
        return 0.0
    h = source_alpha.shape[0]
    rows = np.arange(h)[:, None]
    inside = source_alpha >= 0.5
    last = h - 1 - np.argmax(inside[::-1], axis=0)  # (w,) the photo head's lowest row per column
    photo = (rows >= last + gap) & (rows < last + max(2, round(REACH * face_px))) & inside.any(0) & cols
    photo_value, _ = _column_median(_step(source, face_px), photo)
    return value - photo_value if np.isfinite(photo_value) else float("nan")
