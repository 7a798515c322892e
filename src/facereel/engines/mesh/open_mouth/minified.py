"""A driver's mouth layer rid of the detail a map that shrinks it cannot carry (issue #9, mouths at small sizes).

`mouth_driver.driver_interior` maps the driver's mouth pixels onto the target opening by an affine map sampled
bilinearly, which reads the 2 x 2 driver pixels round each target pixel's place. Where the map shrinks the driver's
mouth to half or less, those places lie 2 px or more apart and whole columns of it are never read: sr_8 at 320 px x
lp_d19's grin (a 96 px driver mouth in a 37 px opening, 0.38 target px a driver px) read every 2.6th column of its
teeth, whose 1-2 px dark gaps and lit edges came out or not by chance: a smeared block of vertical streaks
(`figures/teeth_streaks.py`). There the layer is first area-averaged (`cv2.INTER_AREA`) to the map's scale and
brought back to its size (bilinear), so the map samples a layer holding no detail finer than its own step, mixed in
as the map shrinks over `MINIFIED`. A map that shrinks less reads the layer as before, bit for bit: lp_d18's thin
dim lower teeth at 0.66-0.75 (lp_s1, lp_s5, lp_s12 at 512), averaged in full, lost a tenth of their light against
the cavity round them (`figures/teeth_band.lower_light` 0.75 -> 0.71 of the driver's on lp_s1).
"""

from __future__ import annotations

import cv2
import numpy as np

MINIFIED = (0.65, 0.5)
"""Target px per driver px: the layer averaged to the map's scale is mixed in as the map's scale falls from the
first (bilinear's samples 1.5 px apart: every driver pixel read, in part) to the second (2 px apart: every other
column unread), in full below. Maps on ../shared/data: lp_s1 at 512 x lp_d18 0.66-0.75 (not averaged), sr_8 at 512 x
lp_d19 0.58-0.63, at 320 0.36-0.39, sr_4 at 384 x lp_d12 0.31-0.38."""


def minified(layer: np.ndarray, scale: float) -> np.ndarray:
    """The (h, w, c) float32 `layer` a map of `scale` (target px per layer px) samples: as given where `scale` is
    at least `MINIFIED`'s first, else mixed (over `MINIFIED`) with itself area-averaged to `scale` and brought back
    to (h, w) bilinearly."""
    share = float(np.clip((MINIFIED[0] - scale) / (MINIFIED[0] - MINIFIED[1]), 0, 1))
    if share <= 0:
        return layer
    h, w = layer.shape[:2]
    small = cv2.resize(layer, (max(1, round(w * scale)), max(1, round(h * scale))), interpolation=cv2.INTER_AREA)
    smooth = cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR).reshape(layer.shape)
    return smooth if share >= 1 else (1 - share) * layer + share * smooth
