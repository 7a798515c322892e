"""A driver's mouth layer area-averaged before a map that shrinks it to half or less, blurred along its rows before one
that shrinks it less (issue #9, mouths at small sizes).

`mouth_driver.driver_interior` maps the driver's mouth pixels onto the target opening by an affine map sampled
bilinearly, which reads the 2 x 2 driver pixels round each target pixel's place. Where the map shrinks the driver's
mouth to half or less, those places lie 2 px or more apart and whole columns of it are never read: sr_8 at 320 px x
lp_d19's grin (a 96 px driver mouth in a 37 px opening, 0.38 target px a driver px) read every 2.6th column of its
teeth, whose 1-2 px dark gaps and lit edges came out or not by chance: a smeared block of vertical streaks
(`figures/teeth_streaks.py`). There the layer is first area-averaged (`cv2.INTER_AREA`) along its rows to the map's
scale there (`row_scale`) and the map taken from the averaged layer: every driver column counts by its share. Along
the rows only: the streaks run across them, and averaged down its columns too lp_d18's dim lower teeth rows on lp_s5
at 512 (0.34) mixed into the cavity round them (`figures/dim_teeth.lower_teeth_area` 16.5 -> 4.7 at frame 85). Mixed
in as the map shrinks over `MINIFIED`; a map that shrinks less reads the layer blurred along its rows by as much
as it shrinks them (`row_prefiltered`; sr_8 at 512 x lp_d19, 0.58-0.63, kept specks and streaks of its teeth),
one that does not shrink them as before, bit for bit.
"""

from __future__ import annotations

import cv2
import numpy as np

MINIFIED = (0.5, 0.4)
"""Target px per driver px along the driver's rows: the map from the row-averaged layer is mixed in as that scale
falls from the first (bilinear's samples 2 px apart: every other column unread) to the second (2.5 px apart), in
full below. Maps on ../shared/data: sr_8 at 320 x lp_d19 0.38, lp_s5 at 512 x lp_d18 0.34, sr_4 at 384 x lp_d12
0.31-0.38 averaged; lp_s12 at 512 x lp_d18 0.52, lp_s1 0.73, sr_8 at 512 x lp_d19 0.58-0.63 as before. With the
ramp from 0.65, lp_s12's lower teeth row (`figures/teeth_band.lower_light`) fell from 0.87 to 0.84 of the driver's
(the bar of `tests/mesh/test_lower_teeth.py`)."""

ROW_BLUR = 1.0
"""px of Gaussian sigma along the driver's rows per (1 / row scale - 1): a map that shrinks them less than
`MINIFIED` reads them blurred so by bilinear sampling (sigma 0.67 px at sr_8 at 512 x lp_d19's 0.6, 0.92 at lp_s12 at
512 x lp_d18's 0.52): bilinear's 1.7 px steps read the teeth's 1-2 px gaps and lit edges by chance, specks and
streaks along the rows (`figures/teeth_streaks.streaks` at frames 37-39 2.02 / 1.57 / 1.71 -> 1.50 / 1.19 / 1.21).
At 1.5 (1.17 / 0.89 / 0.86) lp_s12's lower teeth row (`figures/teeth_band.lower_light`) fell to 0.838 of the
driver's, under the bar of `tests/mesh/test_lower_teeth.py` 0.84; here 0.856 (0.884 unblurred). The box average
(`minified`) from 0.7 instead: 0.81 there."""
_LEAST_SIGMA = 0.05  # px: a blur under this (a map shrinking the rows under 5 %) left out


def row_scale(affine: np.ndarray) -> float:
    """Target px per driver px along the driver's rows under the (2, 3) map `affine` (its first column's length)."""
    return float(np.hypot(*np.asarray(affine, np.float64)[:, 0]))


def minified_share(affine: np.ndarray) -> float:
    """0-1: how far the (2, 3) map `affine` reads the layer averaged along its rows (`row_scale` over `MINIFIED`)."""
    return float(np.clip((MINIFIED[0] - row_scale(affine)) / (MINIFIED[0] - MINIFIED[1]), 0, 1))


def minified(layer: np.ndarray, affine: np.ndarray, points: np.ndarray
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The (h, w, c) float32 `layer` area-averaged along its rows by the (2, 3) map `affine`'s `row_scale` (under 1),
    the map from the averaged layer's px to the same target px, and the (n, 2) layer px `points` on it (pixel centres
    kept, as `cv2.resize` places them)."""
    h, w = layer.shape[:2]
    size = (max(1, round(w * row_scale(affine))), h)
    factor = size[0] / w
    small = cv2.resize(layer, size, interpolation=cv2.INTER_AREA).reshape(h, size[0], -1)
    # the coverage sampled, not averaged: its edge kept (averaged, the lower teeth along a slanted lower lip fell under
    # `mouth_driver._FULL` and took the cavity's colour: lp_s12's lower row 0.87 -> 0.72 of the driver's light with the
    # ramp from 0.65)
    small[..., -1] = cv2.resize(np.ascontiguousarray(layer[..., -1]), size, interpolation=cv2.INTER_LINEAR)
    shift = 0.5 * factor - 0.5
    moved = np.array(affine, np.float64)
    moved[:, 0] /= factor
    moved[:, 2] -= moved[:, 0] * shift
    out = np.array(points, np.float32)
    out[:, 0] = out[:, 0] * factor + shift
    return small, moved, out


def row_prefiltered(layer: np.ndarray, affine: np.ndarray) -> np.ndarray:
    """The (h, w, c) float32 `layer` (its last channel the coverage) with its colour blurred along its rows by a
    Gaussian of `ROW_BLUR` x (1 / `row_scale` - 1) px under the (2, 3) map `affine` that shrinks them; the coverage
    and a map that shrinks nothing (or by under 5 %) as they are."""
    scale = row_scale(affine)
    sigma = ROW_BLUR * (1 / scale - 1) if scale < 1 else 0.0
    if sigma < _LEAST_SIGMA:
        return layer
    size = 2 * int(np.ceil(3 * sigma)) + 1
    out = layer.copy()
    colour = np.ascontiguousarray(layer[..., :-1])
    out[..., :-1] = cv2.GaussianBlur(colour, (size, 1), sigma).reshape(colour.shape)
    return out
