"""Anti-aliased jumps: coverage of the map's jumps by supersampling the pixels on them (issue #9's hard
1-px edges).

Where the backward map jumps (a face or hair drawn over the background behind it, a fold) `MeshWarp._seam`
gives each crop pixel the map of the one triangle that covers its centre, so the outline is drawn without
anti-aliasing: a staircase of whole pixels. The pixels on a jump (two 4-neighbours whose maps disagree by
more than `JUMP` px there, `jump_pairs`) are sampled instead at `SUBSAMPLES` points each (a 4 x 4 grid
over `FOOTPRINT` px around the pixel's centre), each point mapped by the last drawn triangle that covers
it, and the head layer (premultiplied colour and alpha) there is the tent-weighted mean of its samples
(`WEIGHTS`): each side's coverage of the pixel's footprint, as the premultiplied compositing of
`layers.HeadLayer` reads it. A tent one pixel wide rather than the pixel's own box: a box leaves a step
within one pixel wherever the edge falls near a pixel's border (~40 % of a straight edge's pairs step in
one pixel, `edge_steps`), where a photo's own edges, softened by its lens, spread over 2-3 px.
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.draw_kernels import BILINEAR_WEIGHTS, remap_linear
from facereel.engines.mesh.geometry.map_kernels import (index_image, neighbour_ranks, quadrant_points,
                                                         straddling_pairs)

JUMP = 1.0  # px: two neighbouring pixels whose maps disagree by more lie on a jump
FOOTPRINT = 1.0  # px: each pixel on a jump is the tent-weighted mean over this far around its centre
_GRID = 4  # samples per footprint side
_STEPS = FOOTPRINT * (2 * (np.arange(_GRID) + 0.5) / _GRID - 1)  # (-0.75, -0.25, 0.25, 0.75) px
SUBSAMPLES = np.stack(np.meshgrid(_STEPS, _STEPS), -1).reshape(-1, 2)
"""(S, 2) float64 offsets (x, y) px of the samples from a pixel's centre."""
WEIGHTS = ((1 - np.abs(SUBSAMPLES[:, 0]) / FOOTPRINT) * (1 - np.abs(SUBSAMPLES[:, 1]) / FOOTPRINT)).astype(np.float32)
WEIGHTS /= WEIGHTS.sum()
"""(S,) float32 tent weights of the samples, summing to 1."""
# The samples lie on one lattice, half a pixel apart (FOOTPRINT 1 px, an even _GRID): a pixel's samples are
# the top-left quadrants (_HALF x _HALF samples) of itself and of its right, lower and lower-right
# neighbours, so neighbouring pixels on a jump share half of theirs (`shared_samples`).
_HALF = _GRID // 2
_QUADRANT_PIXEL = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])  # (4, 2) (dy, dx) of the quadrants' pixels
_IY, _IX = np.divmod(np.arange(_GRID * _GRID), _GRID)  # (S,) each sample's row and column in the grid
_QUADRANT_OF = (_IY // _HALF) * 2 + _IX // _HALF  # (S,) which of the 4 quadrants holds each sample
_IN_QUADRANT = (_IY % _HALF) * _HALF + _IX % _HALF  # (S,) its place in that quadrant
_TOP_LEFT = SUBSAMPLES.reshape(_GRID, _GRID, 2)[:_HALF, :_HALF].reshape(-1, 2).astype(np.float32)  # (Q, 2) a
# quadrant's points (x, y) px off its pixel's centre


def _index_image(rows: np.ndarray, cols: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(h, w) int32 image of each pixel's index in (rows, cols (N,) int, N > 0), -1 where none, over their
    box with a border of -1 all round, and (N,) int64 each pixel's flat place in it (`map_kernels.index_image`)."""
    return index_image(rows, cols)


def neighbour_triangles(index: tuple[np.ndarray, np.ndarray], tri: np.ndarray, edge: np.ndarray,
                        rank: np.ndarray) -> np.ndarray:
    """(9, M) int64: the draw ranks (`rank` (F + 1,) int per triangle) of the triangles (`tri` (N,) of the
    pixels; `index`: their `_index_image`, as `jump_pairs` returns it) of the 3 x 3 pixels around each of
    the pixels `edge` (M,) indices, each once, the last drawn first, -1 after them: where a sample within
    `FOOTPRINT` of the pixel can lie (`map_kernels.neighbour_ranks`)."""
    at, flat = index
    return neighbour_ranks(at, flat[edge], tri.astype(np.int64), rank.astype(np.int64))


def jump_pairs(rows: np.ndarray, cols: np.ndarray, tri: np.ndarray, moves: np.ndarray
               ) -> tuple[np.ndarray, np.ndarray, tuple[np.ndarray, np.ndarray]]:
    """(K, 2) int indices (p, n) into the pixels (rows, cols (N,) int crop px, each mapped by its triangle
    `tri` (N,), a column of `moves` (6, F + 1): each triangle's map minus the identity) of the pairs that
    straddle a jump: n is p's right or lower neighbour and is mapped by another triangle, whose map,
    evaluated at p, is more than `JUMP` px off p's; (M,) the sorted indices of the pixels of the pairs
    (the pixels whose `FOOTPRINT` reaches across a jump: the next pixel out on either side is at least one
    pixel from it); and the pixels' `_index_image`."""
    at, flat = _index_image(rows, cols)
    pairs = straddling_pairs(at, flat, rows.astype(np.int64), cols.astype(np.int64), tri.astype(np.int64), moves, JUMP)
    paired = np.zeros(len(rows), bool)  # (the pixels' indices marked: `np.unique` sorted the pairs, ~1/3 of this call)
    paired[pairs.ravel()] = True
    return pairs, np.flatnonzero(paired), (at, flat)


def shared_samples(rows: np.ndarray, cols: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The distinct points among the `SUBSAMPLES` of the pixels (rows, cols (M,) int crop px): x, y (P,)
    float32 crop px, (P,) int the first of the M pixels each belongs to, and (M, S) int each pixel's samples'
    indices into the P points: under half of 16 M on a jump's band of pixels (neighbours share half). The
    points quadrant by quadrant, the quadrants in row-major order of their pixels (`map_kernels.quadrant_points`)."""
    if not len(rows):
        empty = np.zeros(0, np.float32)
        return empty, empty, np.zeros(0, np.intp), np.zeros((0, len(WEIGHTS)), np.intp)
    return quadrant_points(rows.astype(np.int64), cols.astype(np.int64), _QUADRANT_PIXEL, _TOP_LEFT, _QUADRANT_OF,
                           _IN_QUADRANT)


def cover_jumps(head: np.ndarray, layer: np.ndarray, empty: np.ndarray, rows: np.ndarray, cols: np.ndarray,
                points: np.ndarray, samples: np.ndarray, box: tuple[slice, slice]) -> None:
    """Set `head` ((b, a, 4) float32, `layer` (h, w, 4) float32 remapped onto `box` of the crop) in place at
    the pixels on a jump (rows, cols (M,) int crop px) to the `WEIGHTS`' mean of `layer` at their
    `SUBSAMPLES`: `samples` (M, S) int indices into the source positions `points` (P, 2) float32 crop px,
    each sampled once (`draw_kernels.remap_linear`, OpenCV's bilinear remap with a replicated border bit for bit;
    `empty`: `draw_kernels.empty_taps(layer)`); pixels outside `box` are left."""
    by, bx = box
    keep = (rows >= by.start) & (rows < by.stop) & (cols >= bx.start) & (cols < bx.stop)
    if not keep.any():
        return
    colours = np.empty((len(points), 1, layer.shape[2]), np.float32)
    remap_linear(layer, np.ascontiguousarray(points, np.float32).reshape(-1, 1, 2), BILINEAR_WEIGHTS, empty, colours)
    colours = colours.reshape(-1, head.shape[2])
    head[rows[keep] - by.start, cols[keep] - bx.start] = WEIGHTS @ np.take(colours, samples[keep], axis=0)
