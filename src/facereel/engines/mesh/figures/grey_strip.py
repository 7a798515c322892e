"""Grey strip: a light grey wall carried inside a turned face's far outline (issue #9 item 2).

sr_18 (own size) x preset:turn frame 24: the head mask holds the light grey streak below his far ear opaque, 10-15 px
beyond the cheek's colour edge; the turn carries it with the head and stretches it ~2x, a grey strip 20-25 px wide
between the cheek's outline and the dark background (x 1172-1195, y 395-470 at own size). `grey_pixels` counts a
box's pixels that read that grey: CIELAB L* at least `LIGHT` (not the dark background or hair) and chroma at most
`GREY` (not skin). From the frame alone; the source repeated over the same box (his cheek) reads 0.
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.figures.wall_strip import lab

LIGHT = 35.0
"""CIELAB L*: a pixel at least this light is not the dark background or hair beside sr_18's far cheek (13-26 in the
photo; the grey streak 44-62)."""
GREY = 10.0
"""CIELAB chroma: a pixel at most this coloured is grey (the streak 2-8 in the photo; the cheek's skin beside it
~35)."""


def grey_pixels(frame: np.ndarray, box: tuple[int, int, int, int]) -> int:
    """How many pixels of `frame` ((H, W, 3) uint8 RGB) in `box` (x0, y0, x1, y1 px) are light grey (`LIGHT`,
    `GREY`)."""
    x0, y0, x1, y1 = box
    colour = lab(frame[y0:y1, x0:x1])
    chroma = np.hypot(colour[..., 1], colour[..., 2])
    return int(((colour[..., 0] >= LIGHT) & (chroma <= GREY)).sum())
