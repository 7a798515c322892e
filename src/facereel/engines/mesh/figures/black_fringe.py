"""Pure black pixels on the dark hair beside a moved head (issue #9; h36-fresh's find (3)).

The head layer carries its soft edge's colour premultiplied, unmixed against the plate it was set up over
(`head_edge.unmix`): where the photo's dark hair edge lies over a hole fill lighter than it, that colour is below 0,
and laid over darker hair than that fill it summed below 0 and saturated to black: a 1 px hooked line on lp_d11's
hair beside the jaw (frame 124 as a still at 320 x lp_d19 195-230, frames 21-34). `black_on_photo` reads them
from the frame: pixels all but black where the photo is not. The source repeated reads none.
"""

from __future__ import annotations

import numpy as np

BLACK = 25
"""Grey levels summed over R, G and B under which a frame's pixel is black."""
NOT_BLACK = 80
"""Grey levels summed over R, G and B over which the photo's pixel at the same place is not black (lp_d11's dark
hair there: ~96)."""


def black_on_photo(frame: np.ndarray, photo: np.ndarray, box: tuple[int, int, int, int] | None = None) -> int:
    """How many pixels of `frame` ((H, W, 3) uint8 RGB) in `box` ((x0, y0, x1, y1) px; None: the whole frame) sum
    under `BLACK` over R, G and B where the `photo` ((H, W, 3) uint8 RGB, the source at the frame's size) sums over
    `NOT_BLACK`."""
    x0, y0, x1, y1 = box if box is not None else (0, 0, frame.shape[1], frame.shape[0])
    here = frame[y0:y1, x0:x1].astype(np.int32).sum(2)
    there = photo[y0:y1, x0:x1].astype(np.int32).sum(2)
    return int(((here < BLACK) & (there > NOT_BLACK)).sum())
