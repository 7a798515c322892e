"""A second chin edge under a video-to-video clip's raised chin: the clip's own chin left below the moved one
(issue #12 item 1).

sr_1 (frames 30-70) as the clip, `-d lp_d19 (frames 20-32) --loop-driver`: on frames 35-37 the jaw drawn up ~16 px
from the clip's open mouth, and under its right side a dark line with the paler neck below it (x 330-360, y 298-310).
Those frames reused the setup of key frame 34 (`frame_setup`), whose jaw stood 5.5 px higher: the frame's own chin
below the key's head alpha lay in the plate, and the neck laid under the raised jaw carried its edge up.

`chin_rise`: in each column within `chin_edge.SPAN` face sizes of the chin, from the head alpha's lower outline
(`chin_edge.lower_outline`) to `REACH` face sizes under it, the largest rise of the frame's grey level going down
`APART` px; the largest over the columns, grey levels. Under a chin the grey level falls going down (lit chin,
shadowed neck) or stays, so the clip's own frame with its own alpha and chin (the source repeated) reads 1-2 there;
an edge left under the moved chin rises past it. (sr_1's pale pendant, 13-15 px under her chin, lies past `REACH`.)
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.composite import grey_image
from facereel.engines.mesh.figures.chin_edge import lower_outline

APART = 3
"""Px down over which a rise is read (a line 1-3 px thick)."""
REACH = 0.04
"""Face sizes under the head alpha's lower outline that are read (~9 px at sr_1's 240 px face)."""


def chin_rise(frame: np.ndarray, alpha: np.ndarray, chin: np.ndarray, face_px: float) -> float:
    """Grey levels: the largest rise going down `APART` px of `frame`'s ((h, w, 3) uint8 RGB) grey level under the
    lower outline of the head alpha `alpha` ((h, w) float32 in [0, 1], as drawn on `frame`), in the columns of the
    chin `chin` ((2,) px), down to `REACH` face sizes (`face_px`) below the outline; 0 where nothing rises."""
    grey = grey_image(frame)
    reach = max(APART + 1, round(REACH * face_px))
    rises = [0.0]
    for x, y in lower_outline(alpha, chin, face_px):
        column = grey[y:min(y + reach, grey.shape[0]), x]
        if len(column) > APART:
            rises.append(float((column[APART:] - column[:-APART]).max()))
    return max(rises)
