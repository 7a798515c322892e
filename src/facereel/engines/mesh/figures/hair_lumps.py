"""Dark lumps grown from the hair's edge into the cheek (issue #9: h32-look2's (5), lp_s1 x preset:turn at 512).

`head_edge.fold_holes` filled, on an ordinary turn, the crack a point fold of the map opens between the cheek's soft
lower edge and a strand of hair where the hair meets the jaw, with the colour of the opaque pixels round it, the
hair's: 3 x 3 px hair-coloured lumps bulging into the cheek, 60-96 levels darker than it (frame 42 of the turn, x
304-317 y 281-293). `hair_lumps` reads them from a frame's pixels: the pixels of a box at least `DEPTH` darker than the
grey closing of their lightness over a disc `WIDTH` face sizes in radius (dark features narrower than about twice
that with lighter pixels round them: a lump stuck on the hair's edge has the cheek on three sides) where that closing
is on the light side of the box (over its Otsu split of lightness: skin, not the hair's own strands and the gaps
between them, which read alike inside the hair).
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import disc_kernel

WIDTH = 0.012
"""Face sizes: the closing disc's radius (lp_s1's lumps 3 x 3 px at 512 px, face size 170 px: a 2 px radius)."""

DEPTH = 0.4
"""Of the closed lightness: a pixel at least this much darker than it is a lump (the hair's lumps 60-96 levels under
the cheek's ~200 of 255; the anti-aliased edge's steps stay under it)."""


def hair_lumps(frame: np.ndarray, box: tuple[int, int, int, int], size: float) -> int:
    """How many pixels of `box` ((x0, y0, x1, y1) px, ends exclusive) of `frame` ((H, W, 3) uint8 RGB) lie at least
    `DEPTH` darker in CIE L* than the grey closing of their neighbourhood over `WIDTH` face sizes (`size`: the face
    size, px) where that closing is over the box's Otsu split of L* (module docstring)."""
    x0, y0, x1, y1 = box
    r = max(1, round(WIDTH * size))
    lightness = cv2.cvtColor(np.ascontiguousarray(frame), cv2.COLOR_RGB2LAB)[..., 0]
    disc = disc_kernel(r)
    closed = cv2.morphologyEx(lightness, cv2.MORPH_CLOSE, disc, borderType=cv2.BORDER_REPLICATE)[y0:y1, x0:x1]
    inside = np.ascontiguousarray(lightness[y0:y1, x0:x1])
    split, _ = cv2.threshold(inside, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    lumps = (inside.astype(np.float32) < (1 - DEPTH) * closed.astype(np.float32)) & (closed > split)
    return int(lumps.sum())
