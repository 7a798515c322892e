"""Far hood: the black clothes under a turned face's far jaw moved with the head, or hidden under it (issue #9).

sr_8 scaled to 400 px high and cut to x 150-550 (its face ~250 px, turned 34 deg, in a black hood) x lp_d11 105-140
(docs/status.md, h36-fresh's find (1); h37-chin): the head mask's far-cheek zone (`head_proxy._under_jaw`: on a turned
face the far cheek below the oval's jaw line, down to the chin's height, stays head) held the hood under the far jaw,
whose near-black has the chroma of the blue-lit skin. Moved with the head it was a black trapezoid with straight
edges over the wall and the jaw (frames 13-20, box (143, 280, 221, 312)); under a raised chin its straight lower edge
(the zone's) and the plate's fill of its hole lay where the photo shows the hood, a second chin (frames 26-30, box
(150, 290, 245, 330)). `black_px` counts, in a box of a frame, the pixels at most `BLACK` grey levels: the hood's own
count (the source repeated) is what a frame should show where only the head moved over it; far more is the hood
carried over what was lighter, far fewer the hood covered by what the head left behind.
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.composite import grey_image

BLACK = 10.0
"""Grey levels (OpenCV's grey of 8-bit RGB): a pixel this dark is the hood's black (sr_8's hood 2-9 where unlit; the
wall beside it 25-40, the shadowed skin of the jaw 15 and more)."""


def black_px(frame: np.ndarray, box: tuple[int, int, int, int]) -> int:
    """The pixels of `frame` ((H, W, 3) uint8 RGB) inside `box` (x0, y0, x1, y1 px, end excluded) whose grey level is
    `BLACK` or less."""
    x0, y0, x1, y1 = box
    return int((grey_image(frame[y0:y1, x0:x1]) <= BLACK).sum())
