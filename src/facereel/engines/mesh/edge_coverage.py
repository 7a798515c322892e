"""Anti-aliased jumps: coverage of the map's jumps by supersampling the pixels on them (issue #9's hard
1-px edges).

Where the backward map jumps (a face or hair drawn over the background behind it, a fold) `MeshWarp._seam`
gives each crop pixel the map of the one triangle that covers its centre, so the outline is drawn without
anti-aliasing: a staircase of whole pixels. The pixels on a jump (two 4-neighbours whose maps disagree by
more than `JUMP` px there) are sampled instead at `SUBSAMPLES` points each (a 4 x 4 grid inside the
pixel), each point mapped by the triangle that covers it, and the head layer (premultiplied colour and
alpha) is the mean of its samples there: the box filter's coverage, as `composite.polygon_mask`'s
anti-aliased masks and the premultiplied compositing of `layers.HeadLayer` read it.
"""

from __future__ import annotations

import cv2
import numpy as np

JUMP = 1.0  # px: two neighbouring pixels whose maps disagree by more lie on a jump
FOOTPRINT = 1.0  # px: each pixel near a jump is the tent-weighted mean over this far around its centre
_GRID = 4  # samples per footprint side
_REMAP_ROWS = 32000  # cv2.remap's output is below 32767 px a side
_STEPS = FOOTPRINT * (2 * (np.arange(_GRID) + 0.5) / _GRID - 1)  # (-0.75, -0.25, 0.25, 0.75) px
SUBSAMPLES = np.stack(np.meshgrid(_STEPS, _STEPS), -1).reshape(-1, 2)
"""(S, 2) float64 offsets (x, y) px of the samples from a pixel's centre."""
WEIGHTS = ((1 - np.abs(SUBSAMPLES[:, 0]) / FOOTPRINT) * (1 - np.abs(SUBSAMPLES[:, 1]) / FOOTPRINT)).astype(np.float32)
WEIGHTS /= WEIGHTS.sum()
"""(S,) float32 tent weights of the samples, summing to 1."""


def _index_image(rows: np.ndarray, cols: np.ndarray) -> tuple[np.ndarray, int, int]:
    """(h, w) int64 image of each pixel's index in (rows, cols (N,) int), -1 where none, over their box with
    a border of one -1 all round; its first pixel is crop px (r0 - 1, c0 - 1): also r0, c0."""
    r0, c0 = int(rows.min()), int(cols.min())
    at = np.full((rows.max() - r0 + 3, cols.max() - c0 + 3), -1, dtype=np.int64)
    at[rows - r0 + 1, cols - c0 + 1] = np.arange(len(rows))
    return at, r0, c0


def neighbour_triangles(index: tuple[np.ndarray, int, int], rows: np.ndarray, cols: np.ndarray,
                        tri: np.ndarray, edge: np.ndarray, rank: np.ndarray) -> np.ndarray:
    """(9, M) int: the draw ranks (`rank` (F + 1,) int per triangle) of the triangles (`tri` (N,) of the
    pixels rows, cols (N,); `index`: their `_index_image`, as `jump_pairs` returns it) of the 3 x 3 pixels
    around each of the pixels `edge` (M,) indices, each once, the last drawn first, -1 after them: where a
    sample within `FOOTPRINT` of the pixel can lie."""
    at, r0, c0 = index
    near = np.stack([at[rows[edge] - r0 + 1 + dy, cols[edge] - c0 + 1 + dx]
                     for dy in (-1, 0, 1) for dx in (-1, 0, 1)])
    ranks = np.where(near >= 0, rank[tri[np.maximum(near, 0)]], -1)
    ranks = np.sort(ranks, 0)[::-1]
    ranks[1:][ranks[1:] == ranks[:-1]] = -1
    return -np.sort(-ranks, 0)


def jump_pairs(rows: np.ndarray, cols: np.ndarray, tri: np.ndarray, moves: np.ndarray
               ) -> tuple[np.ndarray, np.ndarray, tuple[np.ndarray, int, int]]:
    """(K, 2) int indices (p, n) into the pixels (rows, cols (N,) int crop px, each mapped by its triangle
    `tri` (N,), a column of `moves` (6, F + 1): each triangle's map minus the identity) of the pairs that
    straddle a jump: n is p's right or lower neighbour and is mapped by another triangle, whose map,
    evaluated at p, is more than `JUMP` px off p's; and (M,) the sorted indices of the pixels within
    `FOOTPRINT` px of a jump across it: p, n and, where they are among the pixels, the pixels before p and
    after n; and the pixels' `_index_image`."""
    at, r0, c0 = _index_image(rows, cols)
    px, py = cols.astype(np.float64), rows.astype(np.float64)
    pairs, band = [], []
    for dy, dx in ((0, 1), (1, 0)):
        other = at[rows - r0 + 1 + dy, cols - c0 + 1 + dx]
        pair = np.flatnonzero((other >= 0) & (tri[np.maximum(other, 0)] != tri))
        mine, theirs = tri[pair], tri[other[pair]]
        x, y = px[pair], py[pair]
        gap = [np.take(moves[k], theirs) * x + np.take(moves[k + 1], theirs) * y + np.take(moves[k + 2], theirs)
               - (np.take(moves[k], mine) * x + np.take(moves[k + 1], mine) * y + np.take(moves[k + 2], mine))
               for k in (0, 3)]
        pair = pair[gap[0] * gap[0] + gap[1] * gap[1] > JUMP * JUMP]
        pairs.append(np.stack([pair, other[pair]], 1))
        before = at[rows[pair] - r0 + 1 - dy, cols[pair] - c0 + 1 - dx]
        after = at[rows[pair] - r0 + 1 + 2 * dy, cols[pair] - c0 + 1 + 2 * dx]
        band += [pair, other[pair], before[before >= 0], after[after >= 0]]
    return np.concatenate(pairs), np.unique(np.concatenate(band)), (at, r0, c0)


def cover_jumps(head: np.ndarray, layer: np.ndarray, rows: np.ndarray, cols: np.ndarray, values: np.ndarray,
                box: tuple[slice, slice]) -> None:
    """Set `head` ((b, a, C) float32, `layer` (h, w, C) float32 remapped onto `box` of the crop) in place at
    the pixels near a jump (rows, cols (M,) int crop px) to the `WEIGHTS`' mean of `layer` sampled at their
    `SUBSAMPLES`,
    whose backward displacements are `values` (M, S, 2) float32 crop px; pixels outside `box` are left."""
    by, bx = box
    keep = (rows >= by.start) & (rows < by.stop) & (cols >= bx.start) & (cols < bx.stop)
    if not keep.any():
        return
    rows, cols, values = rows[keep], cols[keep], values[keep]
    points = values + SUBSAMPLES[None].astype(np.float32)
    points[..., 0] += cols[:, None]
    points[..., 1] += rows[:, None]
    for start in range(0, len(rows), _REMAP_ROWS):  # (M, S) as the map's rows and columns
        part = slice(start, start + _REMAP_ROWS)
        samples = cv2.remap(layer, points[part], None, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
        head[rows[part] - by.start, cols[part] - bx.start] = np.einsum("msc,s->mc", samples, WEIGHTS)
