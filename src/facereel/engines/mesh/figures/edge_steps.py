"""Hard steps along the map's jumps: how much of an outline is drawn as a one-pixel staircase (issue #9's
hard 1-px edges), against the source's own edges.

An edge's across-edge profile, for a pair of neighbouring pixels p, n (n right of or below p): the grey step
d1 = g(n) - g(p) and the step over the four pixels around it, d3 = g(n + u) - g(p - u) (u: p to n). A
strong edge (|d3| >= `STRONG`) is hard when the one pixel step carries nearly all of it (|d1| >=
`ONE_PIXEL` |d3|): drawn without anti-aliasing, or a 1-px line. A photo's own edges are softened by its
lens and demosaicing, mostly spread over 2-3 px. `jump_hard_share` reads the pairs a frame's map jumps
between (`warp.Seam.pairs`); `own_hard_share` reads every pair of the source's head crop, the edges the
frame's outline should look like. `drawn_jump_share` reads the pairs the drawn map jumps between, whether
or not the seam found them (a jump along a seam's side was drawn hard, lp_s5's laughing cheek over its hair).
The do-nothing baseline (the source repeated) has no map and no jump.
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.composite import grey_image
from facereel.engines.mesh.geometry.warp import Seam

STRONG = 32.0  # grey levels across the 4 pixels around a pair: a strong edge
ONE_PIXEL = 0.8  # a strong edge whose one-pixel step carries this share of it is hard
DRAWN_JUMP = 2.0  # px: neighbouring pixels whose drawn maps differ by more lie on a jump (a fold, an occlusion;
# at most 2x local compression inside a triangle is not one)


def hard_steps(d1: np.ndarray, d3: np.ndarray) -> np.ndarray:
    """Bool, the shape of d1 and d3: the pairs with steps d1, d3 (grey levels, module docstring) that are a hard
    strong edge."""
    return (np.abs(d3) >= STRONG) & (np.abs(d1) >= ONE_PIXEL * np.abs(d3))


def _hard_and_strong(d1: np.ndarray, d3: np.ndarray) -> tuple[int, int]:
    """How many of the pairs with steps d1, d3 (same shape, grey levels) are hard, and how many strong."""
    return int(hard_steps(d1, d3).sum()), int((np.abs(d3) >= STRONG).sum())


def jump_hard_share(frame: np.ndarray, seam: Seam | None, origin: tuple[int, int]) -> tuple[float, int]:
    """Share of the strong edges among the pairs of pixels the map jumps between (`seam.pairs`, crop px at
    `origin` (x, y) image px) that are hard, in `frame` ((H, W, 3) uint8 RGB), and how many strong edges
    there are (nan and 0 when none)."""
    if seam is None or not len(seam.pairs):
        return float("nan"), 0
    p, n = seam.pairs[:, 0], seam.pairs[:, 1]
    return _pairs_hard_share(frame, seam.rows[p] + origin[1], seam.cols[p] + origin[0],
                             seam.rows[n] + origin[1], seam.cols[n] + origin[0])


def drawn_jump_share(frame: np.ndarray, disp: np.ndarray, origin: tuple[int, int]) -> tuple[float, int]:
    """`jump_hard_share` over every pair of neighbouring pixels (n right of or below p) whose backward maps as
    drawn (`disp` (h, w, 2) float32 crop px, `warp.MeshWarp.full_size` with the frame's seam; crop at
    `origin` (x, y) image px) differ by more than `DRAWN_JUMP`: the share of their strong edges in `frame`
    ((H, W, 3) uint8 RGB) that are hard, and how many strong edges (nan and 0 when none)."""
    pairs = [np.nonzero(np.linalg.norm(np.diff(disp, axis=axis), axis=-1) > DRAWN_JUMP) for axis in (1, 0)]
    py = np.concatenate([pairs[0][0], pairs[1][0]]) + origin[1]
    px = np.concatenate([pairs[0][1], pairs[1][1]]) + origin[0]
    right = np.concatenate([np.ones(len(pairs[0][0]), int), np.zeros(len(pairs[1][0]), int)])
    if not len(py):
        return float("nan"), 0
    return _pairs_hard_share(frame, py, px, py + 1 - right, px + right)


def _pairs_hard_share(frame: np.ndarray, py: np.ndarray, px: np.ndarray, ny: np.ndarray, nx: np.ndarray
                      ) -> tuple[float, int]:
    """Share of the strong edges at the pixel pairs (py, px) -> (ny, nx) (K,) int image px of `frame` ((H, W,
    3) uint8 RGB; n right of or below p) that are hard, and how many strong edges (nan and 0 when none)."""
    grey = grey_image(frame)
    h, w = grey.shape
    uy, ux = ny - py, nx - px
    d1 = grey[ny, nx] - grey[py, px]
    d3 = (grey[np.clip(ny + uy, 0, h - 1), np.clip(nx + ux, 0, w - 1)]
          - grey[np.clip(py - uy, 0, h - 1), np.clip(px - ux, 0, w - 1)])
    hard, strong = _hard_and_strong(d1, d3)
    return (hard / strong if strong else float("nan")), strong


def own_hard_share(image: np.ndarray, box: tuple[int, int, int, int]) -> float:
    """Share of the strong edges of `box` (x0, y0, x1, y1) of `image` ((H, W, 3) uint8 RGB) that are hard:
    how the photo's own edges step (`box_edges`)."""
    hard, strong = box_edges(image, box)
    return hard / strong if strong else float("nan")


def box_edges(image: np.ndarray, box: tuple[int, int, int, int]) -> tuple[int, int]:
    """How many of the edges of `box` (x0, y0, x1, y1) of `image` ((H, W, 3) uint8 RGB) are hard, and how many
    strong. Each edge is read once, at the pair of neighbouring pixels whose step is the largest of the three
    around it (as a jump's pair is the one the jump runs between). The hard count reads a face drawn past its
    head's room: lp_d19 frame 0 `edit --yaw 30`, its hair cut in a step with a ledge and the far glasses' rim over
    the wall (x 80-200, y 60-170): 17 hard edges against the photo's 1 (`animate.slider_room`)."""
    x0, y0, x1, y1 = box
    grey = grey_image(image[y0:y1, x0:x1])
    hard = strong = 0
    for g in (grey, grey.T):
        d = np.abs(g[:, 1:] - g[:, :-1])  # every pair's step
        d1, d3 = d[:, 1:-1], np.abs(g[:, 3:] - g[:, :-3])
        centre = (d1 >= d[:, :-2]) & (d1 >= d[:, 2:])
        counts = _hard_and_strong(np.where(centre, d1, 0), np.where(centre, d3, 0))
        hard, strong = hard + counts[0], strong + counts[1]
    return hard, strong
