"""The eyeball's white carried across the iris's hole, row by row (`EyeRenderer`'s plate).

The plate an iris moves over is the source eye with its iris disc filled in. Inpainted from all round (Telea), the fill
takes in the dark lashes above and the lower lid's line below, and its edge, the disc's rim, stayed in the white as a
faint dark arc where the gaze moved the iris off it (sr_8 x lp_d11: the photo's limbus read as left behind). The white
goes on across the eye beside the iris, not from the lids: each row of the hole inside the opening takes the straight
blend between the white on its left and on its right (the nearest `SIDE` pale px either side, their means), or the one
side's where only one has white; rows with no white beside them (only the lids' lines: darker than `PALE` of the
white) keep the inpainted fill.
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.composite import LUMA

SIDE = 2  # px of white either side of a row's hole whose mean colour it is blended from: the nearest ...
REACH = 4  # ... within this many px of the hole ...
PALE = 0.75  # ... at least this share of the white's upper quartile luminance (not the lids' lines)


def fill_white(plate: np.ndarray, opening: np.ndarray, hole: np.ndarray) -> np.ndarray:
    """(h, w, 3) uint8: `plate` (h, w, 3) uint8 RGB, the eye with its iris inpainted, with the pixels of `hole` (h, w)
    bool that lie in `opening` (h, w) bool (the eye's lid contour) filled row by row from the opening's pixels outside
    the hole on the same row (the white): a straight blend from the mean of the SIDE pale px nearest the row's hole on
    its left (within REACH px; PALE of the white's upper quartile luminance or more) to those on its right, one side's
    colour where only one has them. Rows with none beside the hole are left as they are."""
    out = plate.copy()
    luma = plate.astype(np.float32) @ LUMA
    white = opening & ~hole
    if not white.any():
        return out
    pale = white & (luma >= PALE * float(np.percentile(luma[white], 75)))
    for row in np.flatnonzero((hole & opening).any(1)):
        cols = np.flatnonzero(hole[row] & opening[row])
        c0, c1 = int(cols[0]), int(cols[-1])
        seen = np.flatnonzero(pale[row])
        left = seen[(seen < c0) & (seen >= c0 - REACH)][-SIDE:]
        right = seen[(seen > c1) & (seen <= c1 + REACH)][:SIDE]
        if not len(left) and not len(right):
            continue
        a, b = (plate[row, side].astype(np.float32).mean(0) if len(side) else None for side in (left, right))
        if a is None or b is None:
            colour = np.broadcast_to(a if b is None else b, (len(cols), 3))
        else:
            x0, x1 = float(left.mean()), float(right.mean())
            colour = a + ((cols - x0) / (x1 - x0))[:, None] * (b - a)
        out[row, cols] = np.clip(np.round(colour), 0, 255).astype(np.uint8)
    return out
