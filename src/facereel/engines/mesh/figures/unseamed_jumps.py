"""Hard steps where the drawn map jumps beside the seam: the pairs of neighbouring pixels across a jump of the map
as drawn (`warp.MeshWarp.full_size` with the frame's seam) of which one pixel or both are off the seam
(`warp.Seam`), so `edge_coverage` never anti-aliased them, whose strong edge steps in one pixel
(`edge_steps`' `STRONG`, `ONE_PIXEL`): a 1-px staircase along a fold's outline. lp_d11 as a video source x lp_d19
190-230, frame 8: the cheek drawn over its hair, the pixels past the jump cells in cells whose corners the
rasteriser labels with the front triangle while each pixel's exact cover is the one behind it (the seam's sliver
guard, `map_kernels.agreeing_pixels`, left them bilinear until `map_kernels.uncovered_jumps` made such cells jump
cells, h40-stair: 10 -> 0). The source repeated has no map and no jump: 0.
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.composite import grey_image
from facereel.engines.mesh.figures.edge_steps import DRAWN_JUMP, ONE_PIXEL, STRONG
from facereel.engines.mesh.geometry.warp import Seam


def unseamed_hard_pairs(frame: np.ndarray, disp: np.ndarray, seam: Seam | None, origin: tuple[int, int],
                        box: tuple[int, int, int, int]) -> int:
    """How many pairs (p, n: n right of or below p) of neighbouring crop pixels whose drawn backward maps (`disp`
    (h, w, 2) float32 crop px; the crop at `origin` (x, y) image px) differ by more than `DRAWN_JUMP` px, with p
    inside `box` (x0, y0, x1, y1 image px) and p or n off `seam`, step hard in `frame` ((H, W, 3) uint8 RGB): the
    grey step over the four pixels around the pair at least `STRONG` levels, the pair's own step at least
    `ONE_PIXEL` of it."""
    on = np.zeros(disp.shape[:2], bool)
    if seam is not None:
        on[seam.rows, seam.cols] = True
    grey = grey_image(frame)
    height, width = grey.shape
    x0, y0, x1, y1 = box
    hard = 0
    for axis, (dy, dx) in ((1, (0, 1)), (0, (1, 0))):
        ys, xs = np.nonzero(np.linalg.norm(np.diff(disp, axis=axis), axis=-1) > DRAWN_JUMP)
        py, px = ys + origin[1], xs + origin[0]
        keep = (px >= x0) & (px < x1) & (py >= y0) & (py < y1) & ~(on[ys, xs] & on[ys + dy, xs + dx])
        ys, xs, py, px = ys[keep], xs[keep], py[keep], px[keep]
        one = grey[py + dy, px + dx] - grey[py, px]
        across = (grey[np.clip(py + 2 * dy, 0, height - 1), np.clip(px + 2 * dx, 0, width - 1)]
                  - grey[np.clip(py - dy, 0, height - 1), np.clip(px - dx, 0, width - 1)])
        hard += int(((np.abs(across) >= STRONG) & (np.abs(one) >= ONE_PIXEL * np.abs(across))).sum())
    return hard
