"""A driver's mouth layer area-averaged before a map that shrinks it to half or less (issue #9, mouths at small
sizes).

`mouth_driver.driver_interior` maps the driver's mouth pixels onto the target opening by an affine map sampled
bilinearly, which reads the 2 x 2 driver pixels round each target pixel's place. Where the map shrinks the driver's
mouth to half or less, those places lie 2 px or more apart and whole columns of it are never read: sr_8 at 320 px x
lp_d19's grin (a 96 px driver mouth in a 37 px opening, 0.38 target px a driver px) read every 2.6th column of its
teeth, whose 1-2 px dark gaps and lit edges came out or not by chance: a smeared block of vertical streaks
(`figures/teeth_streaks.py`). There the layer is first area-averaged (`cv2.INTER_AREA`) to the map's scale and the map
taken from the averaged layer (about 1 target px a layer px): every driver pixel counts by its share. Mixed in as the
map shrinks over `MINIFIED`; a map that shrinks less reads the layer as before, bit for bit.
"""

from __future__ import annotations

import cv2
import numpy as np

MINIFIED = (0.65, 0.5)
"""Target px per driver px: the map from the averaged layer is mixed in as the map's scale falls from the first
(bilinear's samples 1.5 px apart: every driver pixel read, in part) to the second (2 px apart: every other column
unread), in full below. Maps on ../shared/data: lp_s1 at 512 x lp_d18 0.66-0.78 (as before), lp_s12 at 512 0.52-0.54,
sr_8 at 512 x lp_d19 0.58-0.63, at 320 0.36-0.39, lp_s5 at 512 x lp_d18 0.34, sr_4 at 384 x lp_d12 0.31-0.38."""


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
    shift = 0.5 * factor - 0.5
    moved = np.array(affine, np.float64)
    moved[:, 0] /= factor
    moved[:, 2] -= moved[:, 0] * shift
    out = np.array(points, np.float32)
    out[:, 0] = out[:, 0] * factor + shift
    return small, moved, out
