"""Skin on the dress: the moved neck drawn on over the dark dress beside it under `--body` (issue #9).

lp_s3 (a half-body painting, a black dress) at 384 `--body` x lp_d12 140-180, frames 29-30: the head shaken ~37 px
sideways carries its neck (with body following the neck is in the head layer); where the moved head's rings end the
map cut that neck, and the cut was carried down as if it were hanging hair (`head_edge.carried_ends`): a pale block
with a straight top and a vertical side over the black dress right of the neck (x ~190-215, y 133-165); x sr_1 40-80,
frames 13-15, alike over the dress left of the neck (x ~70-115, y 138-188). `skin_on_dress` is the share of the dress
in a box (where the photo moved by the torso's motion alone, `BodyWarp.apply` of the source, is at most `DARK` grey)
that the frame draws pale (at least `PALE` grey): the source repeated reads 0, a neck that goes with the head and
hands over to the torso below it 0.001-0.03 (its edge over the dress's), the blocks 0.10-0.32.
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.composite import grey_image

DARK = 60.0
"""Grey levels: a pixel of the moved photo at or under this is the dress (lp_s3's black satin 15-55 with its sheen;
the wall beside it ~100, her skin 150-235)."""
PALE = 150.0
"""Grey levels: a frame's pixel at or over this is skin (lp_s3's neck in its shadow ~150, lit 200-235)."""


def skin_on_dress(frame: np.ndarray, moved: np.ndarray, box: tuple[int, int, int, int]) -> float:
    """Share in [0, 1] of the pixels of `box` (x0, y0, x1, y1 px, end excluded) dark in `moved` ((H, W, 3) uint8 RGB:
    the photo moved by the torso's motion alone, where the dress goes; grey at most `DARK`) that `frame` ((H, W, 3)
    uint8 RGB) draws pale (grey at least `PALE`); 0 where `moved` shows no dress in the box."""
    x0, y0, x1, y1 = box
    dress = grey_image(moved[y0:y1, x0:x1]) <= DARK
    if not dress.any():
        return 0.0
    return float((dress & (grey_image(frame[y0:y1, x0:x1]) >= PALE)).sum() / dress.sum())
