"""Shade spread: the photo's painted side shade drawn wider than the lit cheek beside it on a big turn (issue #9).

lp_s3 at 512 px x preset:turn frames 10-14 (yaw 43-45 deg towards her image-right cheek; h40-sweep, h42-s3far): the
nearly frontal painting shows that cheek's side foreshortened, a lit cheek (grey ~190 on row 135 at x 212) shading
through a mid-brown band (x 226-236, grey 130 -> 50) to a dark rim and the ear. The turn unfolds the side to its 3D
width and the map opens the photo's side with it: the brown band is drawn ~2x its size across the cheek, its painted inner
edge a vertical step from the eye to the jaw. `drawn_area` reads how large a frame's backward map draws a box of the
photo: the output px whose read position lies in the box, per px of the box. The source repeated (the identity map)
draws every box 1.0; a turn opening the side draws the lit cheek and its shade each larger, and `rim_shadow`'s rule (a
marked shade keeps its size, `RIM_STRETCH`, the lit skin beside it takes the stretch) asks the shade no larger than
the lit cheek.
"""

from __future__ import annotations

import numpy as np


def drawn_area(read_x: np.ndarray, read_y: np.ndarray, box: tuple[int, int, int, int]) -> float:
    """Output px per photo px: how many pixels of a frame read a photo position inside `box` (x0, y0, x1, y1 photo px,
    end excluded), over the box's area. read_x, read_y: (H, W) float32, the photo column and row (px) each output
    pixel reads (the backward map); 1.0 for the identity map on a box inside it."""
    x0, y0, x1, y1 = box
    inside = (read_x >= x0) & (read_x < x1) & (read_y >= y0) & (read_y < y1)
    return float(inside.sum()) / float((x1 - x0) * (y1 - y0))
