"""The photo's jaw side traced in the neck's tone under a raised chin: the `side_step` figure (issue #9).

lp_s12 x preset:turn, frames 10-25: where his collar lies against the chin the shadowed neck tone
(`neck.NeckWarp`) took its colours from the band inside the photo's jaw line pixel for pixel, and where the raised
head uncovered that band it showed the band's own features along the photo's jaw outline: at its right end the
dark shadow under his ear as a dark vertical stroke, the hard right edge of a flat block (`neck_tone.along_band`).
`side_step` reads, over the band the moved head uncovers (the photo's head alpha >= 0.5, the drawn one < 0.5,
`GAP` face sizes clear of the drawn head) in the rows `CLEAR` face sizes or more above the photo's chin (the jaw's
sides, not the chin's underside, whose collar and shadow are the photo's), per row the steepest horizontal lightness
step (`neck_ghost._step` across the rows), the `PERCENTILE`th percentile over those rows: L per px. 0 on the source
repeated (nothing uncovered).
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import disc_kernel
from facereel.engines.mesh.figures.neck_ghost import MIN_ROWS, _step

GAP = 0.03
"""Face sizes: pixels this near the drawn head (its alpha >= 0.5) are left out (its own outline)."""
CLEAR = 0.1
"""Face sizes above the photo's chin from which a row is read."""
PERCENTILE = 75.0
"""Percentile of the rows' steepest steps: a stroke down part of the band's side, not one row's."""


def side_step(frame: np.ndarray, alpha: np.ndarray, source_alpha: np.ndarray, chin_row: float,
              face_px: float) -> float:
    """L per px: the uncovered band's steepest horizontal steps (module docstring). frame: (h, w, 3) uint8 RGB crop;
    alpha, source_alpha: (h, w) float32 in [0, 1], the head alpha as drawn on it (`MeshAnimator.drawn_alpha`) and the
    photo's; chin_row: the photo's chin landmark's row in the crop, px; face_px: the face size, px."""
    gap = max(1, round(GAP * face_px))
    near = cv2.dilate((alpha >= 0.5).astype(np.uint8), disc_kernel(gap)) > 0
    band = (source_alpha >= 0.5) & ~near
    band[int(np.ceil(chin_row - CLEAR * face_px)):] = False
    rows = band.sum(1) >= MIN_ROWS
    if not rows.any():
        return 0.0
    step = _step(np.ascontiguousarray(frame.transpose(1, 0, 2)), face_px).T
    return float(np.percentile(np.where(band, step, 0).max(1)[rows], PERCENTILE))
