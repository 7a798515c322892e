"""Past the edge: a face cut by another person's photo laid over its own, drawn over that photo (issue #12 / #9).

lp_s1's photo laid over lp_s12's from x 300 (his right cheek and ear behind her photo's edge), his face driven by lp_d6
500-545: frames 20-40 his cheek was drawn past the edge over her wall (x 300-322, y 100-300 at frame 30) with a shard of
his hair at its top (x 318-325, y 35-50), the nearest-face rule giving him her wall left of her hair. `drawn_past` counts
the px of a strip of the other photo past the edge whose colour is off the source's by `NEAR` or more: 0 for the source
repeated, his moved cheek and hair where they are drawn there. From the frame and the photo alone.
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.figures.wall_strip import lab

NEAR = 20.0
"""CIELAB distance from the source's pixel over which a pixel of the strip counts as drawn over (her wall's own grain and
the video's coding read under 6; his cheek on her wall 20-40, his hair 60 or more)."""


def drawn_past(frame: np.ndarray, source: np.ndarray, box: tuple[int, int, int, int]) -> int:
    """Px of `box` (x0, y0, x1, y1: a strip of the other photo past the edge) where `frame` ((H, W, 3) uint8 RGB) is off
    the photo `source` ((H, W, 3) uint8 RGB) by `NEAR` or more."""
    x0, y0, x1, y1 = box
    off = np.linalg.norm(lab(frame[y0:y1, x0:x1]) - lab(source[y0:y1, x0:x1]), axis=-1)
    return int((off >= NEAR).sum())
