"""Read fold: the backward map folding along a row across a turned face's unfolding far cheek (issue #9).

sr_8 scaled to 400 px high and cut to x 150-550 x lp_d11 105-140 (docs/status.md, h36-fresh's find (1); h37-chin):
frames 12-22 dark blotches and a comb down the far (image-left) cheek's edge. At frame 16, row 240, the map reads the
photo's x 155-165 in 4 output px, jumps 6 px back and reads the cheek's dark rim (x 158-161) again over the next 9
px: the rim drawn twice, stretched into a blotch. `backward_jump` reads, in a box of a frame's backward map (the photo
column each output pixel reads), the largest drop of that column from one pixel to the next along a row, in photo px:
0 on the source repeated (the identity map), a fold where over 1. Frames 17-22's largest steps in that box were beside
the nose (the nose moved into its right end; h40-cheek): the photo's nose over the cheek beside it, read as cheek and
then as nose again; tests/mesh/test_far_hood.py reads that box (188, 160, 214, 230) apart.
"""

from __future__ import annotations

import numpy as np


def backward_jump(read_x: np.ndarray, box: tuple[int, int, int, int]) -> float:
    """px: the largest `read_x[y, x] - read_x[y, x + 1]` inside `box` (x0, y0, x1, y1 px of `read_x`, end excluded);
    read_x: (H, W) float32, the photo column (px) each output pixel reads. 0 where the reads never go backwards."""
    x0, y0, x1, y1 = box
    rows = read_x[y0:y1, x0:x1]
    return max(float((rows[:, :-1] - rows[:, 1:]).max()), 0.0)
