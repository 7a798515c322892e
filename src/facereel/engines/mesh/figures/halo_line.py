"""The light line along a back face's moved hair, read from a rendered frame (issue #12): the photo's light
halo round the hair (the matte running a few px past the hair into the wall) carried by the back head's layer
over something darker than the wall (the still copy of its cut hair, its uncovered plate).

`halo_line` reads, on the pixels of a zone (`back_tear.tear_zone`: the back face's head near its region's
cut) that are a thin light ridge in the frame (lighter by over `RIDGE` grey levels of luma than the pixels
`SPAN` px away on both sides along a row or a column) and lighter than the photo there by over
`back_tear.LIGHTER` (neither the still photo nor a broad patch of wall, which `back_tear` counts), how much
lighter than its sides each is: summed, the line's length times its contrast. The source repeated reads 0.
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.composite import LUMA
from facereel.engines.mesh.figures.back_tear import LIGHTER

RIDGE = 15
"""Grey levels of luma: a pixel this much lighter than both its neighbours `SPAN` px away is on a light line."""
SPAN = 3
"""Px: how far across the line its darker sides are looked for (the line is 1-4 px wide)."""


def halo_line(frame: np.ndarray, photo: np.ndarray, zone: np.ndarray) -> np.ndarray:
    """(H, W) float32 grey levels of luma: on the pixels of `zone` ((H, W) bool) where `frame` ((H, W, 3)
    uint8 RGB) is a thin light ridge (over `RIDGE` above the pixels `SPAN` px each side along a row or a
    column) and lighter than `photo` ((H, W, 3) uint8 RGB) there by over `LIGHTER`, how much lighter than its
    sides it is; 0 elsewhere."""
    here = frame.astype(np.float32) @ LUMA
    padded = np.pad(here, SPAN, mode="edge")
    height, width = here.shape

    def beside(dy: int, dx: int) -> np.ndarray:
        return padded[SPAN + dy:SPAN + dy + height, SPAN + dx:SPAN + dx + width]

    ridge = np.maximum(here - np.maximum(beside(-SPAN, 0), beside(SPAN, 0)),
                       here - np.maximum(beside(0, -SPAN), beside(0, SPAN)))
    line = zone & (ridge > RIDGE) & (here - photo.astype(np.float32) @ LUMA > LIGHTER)
    return np.where(line, ridge, 0).astype(np.float32)
