"""Compiled per-frame loops of the map stage (numba, issue #9's speed): each replaces numpy code of `warp`,
`edge_coverage`, `photo_cover`, `stretch_limit`, `lip_ring` and `far_jaw` that made dozens of small array calls or
passes a frame, with the same float operations in the same order, so the maps are bit-identical to that code's
(tests/mesh/test_map_kernels.py and, for `stretch_limit`, whose 2 x 2 SVD is in closed form,
tests/mesh/test_render_speedups.py check each against a numpy statement of its computation). No fast-math:
LLVM then neither fuses multiply-adds nor reorders sums.
`fill_triangles` replaces `warp`'s ~1 150 `cv2.fillConvexPoly` calls a frame with the same integer rules, and
`polygon_depths` `far_jaw`'s 468 `cv2.pointPolygonTest` calls with OpenCV's float rules (tests/mesh/test_map_kernels.py
checks both against OpenCV's).

`nogil=True`: the map thread releases the GIL inside them, so the tracking and draw threads run meanwhile.
`cache=True`: compiled once per machine and kept on disk (`facereel.compiled.kernel` says where).
"""

from __future__ import annotations

import numpy as np
from numba import types
from numba.extending import intrinsic

from facereel.compiled import kernel as _kernel


@intrinsic
def _fused(typingctx, a, b, c):
    """a * b + c rounded once (LLVM's fma: the CPU's instruction, else libm's): in a kernel, float64."""

    def codegen(context, builder, signature, args):
        return builder.fma(*args)

    return types.float64(types.float64, types.float64, types.float64), codegen


@_kernel
def affine_field(field: np.ndarray, ids: np.ndarray, moves: np.ndarray, x: np.ndarray, y: np.ndarray,
                 thin_tris: np.ndarray, unseen: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Fill `field` (h, w, 2) float32 in place with each sample's displacement by the map of its triangle
    (ids (h, w) int32, -1: none; a column of `moves` (6, F + 1) float32, each triangle's map minus the
    identity, the last column (zeros) for -1) at its position x, y (h, w) float32 crop px: (a x + b y) + c.
    Returns the flat indices (row * w + column, row-major order) of the samples whose triangle is set in
    `thin_tris` and of those whose triangle is set in `unseen` (both (F,) bool), (K,) and (L,) int64."""
    none = moves.shape[1] - 1
    width = ids.shape[1]
    thin = np.empty(ids.size, np.int64)
    hidden = np.empty(ids.size, np.int64)
    n_thin = n_hidden = 0
    for r in range(ids.shape[0]):
        for c in range(width):
            t = ids[r, c]
            m = none if t < 0 else t
            px, py = x[r, c], y[r, c]
            field[r, c, 0] = moves[0, m] * px + moves[1, m] * py + moves[2, m]
            field[r, c, 1] = moves[3, m] * px + moves[4, m] * py + moves[5, m]
            if t >= 0:
                if thin_tris[t]:
                    thin[n_thin] = r * width + c
                    n_thin += 1
                if unseen[t]:
                    hidden[n_hidden] = r * width + c
                    n_hidden += 1
    return thin[:n_thin], hidden[:n_hidden]


@_kernel
def smooth_rings(move: np.ndarray, passes: int) -> None:
    """Filter `move` (R, N, 2) float64 in place `passes` times with (1, 2, 1) / 4 along each closed ring
    (axis 1): 0.25 * (previous + next) + 0.5 * itself, each pass from the last one's values (as with
    `np.roll`)."""
    n = move.shape[1]
    last = np.empty(n)
    for ring in range(move.shape[0]):
        for axis in range(2):
            for _ in range(passes):
                last[:] = move[ring, :, axis]
                for i in range(n):
                    move[ring, i, axis] = 0.25 * (last[i - 1] + last[(i + 1) % n]) + 0.5 * last[i]


@_kernel
def ring_passes(grid: np.ndarray, passes: int) -> np.ndarray:
    """(R, K) float64: `grid` (R, K) float64 (closed rings, one a row) filtered `passes` times with (1, 2, 1) / 4
    along each ring as `(np.roll(g, 1, 1) + 2 * g + np.roll(g, -1, 1)) / 4` sums it (`far_hair.along_rings`), each
    pass from the last one's values (`smooth_rings` sums 0.25 (a + c) + 0.5 b: not the same last bit)."""
    out = grid.copy()
    n = grid.shape[1]
    last = np.empty(n)
    for ring in range(grid.shape[0]):
        for _ in range(passes):
            last[:] = out[ring]
            for i in range(n):
                out[ring, i] = (last[i - 1] + 2 * last[i] + last[(i + 1) % n]) / 4
    return out


@_kernel
def affine_points(x: np.ndarray, y: np.ndarray, tri: np.ndarray, moves: np.ndarray) -> np.ndarray:
    """(N, 2) displacement at points x, y (N,) crop px by the map of each one's triangle `tri` (N,) (a column of
    `moves` (6, F + 1) float32), in the points' float type: (a x + b y) + c."""
    out = np.empty((len(x), 2), x.dtype)
    for i in range(len(x)):
        t = tri[i]
        px, py = x[i], y[i]
        out[i, 0] = x.dtype.type(moves[0, t]) * px + x.dtype.type(moves[1, t]) * py + x.dtype.type(moves[2, t])
        out[i, 1] = x.dtype.type(moves[3, t]) * px + x.dtype.type(moves[4, t]) * py + x.dtype.type(moves[5, t])
    return out


@_kernel
def moving_extent(field: np.ndarray, still: np.float32) -> tuple[int, int, int, int]:
    """First and last row and column of `field` ((h, w, 2) float32 px) where |x| or |y| is above `still` (compared
    in float32, as numpy compares a float32 array with a Python float), -1s where none is (`warp.MeshWarp.moving_box`)."""
    top, bottom, left, right = -1, -1, field.shape[1], -1
    for r in range(field.shape[0]):
        for c in range(field.shape[1]):
            if abs(field[r, c, 0]) > still or abs(field[r, c, 1]) > still:
                if top < 0:
                    top = r
                bottom = r
                left, right = min(left, c), max(right, c)
    return top, bottom, (left if top >= 0 else -1), right


@_kernel
def _worst_miss(most: np.float32, m: int, coarse: np.ndarray, xs: np.ndarray, ys: np.ndarray, r: int, c: int,
                moves: np.ndarray) -> np.float32:
    """The largest of `most` and the squared px by which the map of triangle column m of `moves` misses `coarse`
    at the 4 corners of cell (r, c), row by row (`jump_cells`; float32 as there)."""
    for ky in range(2):
        y = ys[r + ky]
        for kx in range(2):
            x = xs[c + kx]
            ex = moves[0, m] * x + moves[1, m] * y + moves[2, m] - coarse[r + ky, c + kx, 0]
            ey = moves[3, m] * x + moves[4, m] * y + moves[5, m] - coarse[r + ky, c + kx, 1]
            most = max(most, ex * ex + ey * ey)
    return most


@_kernel
def jump_cells(coarse: np.ndarray, ids: np.ndarray, moves: np.ndarray, xs: np.ndarray, ys: np.ndarray,
               limit: float) -> tuple[np.ndarray, np.ndarray]:
    """Rows and columns (Q,) int64 of the coarse cells whose corner samples lie on more than one triangle
    (ids (h, w) int32, -1: none) and where the map of one of those triangles (a column of `moves` (6, F + 1)
    float32, each triangle's map minus the identity, the last column for -1) misses the field `coarse`
    (h, w, 2) float32 crop px at one of the cell's corners by more than `limit` px, row by row. xs (w,),
    ys (h,) float32: the samples' crop px."""
    h, w = ids.shape
    none = moves.shape[1] - 1
    out_y = np.empty((h - 1) * (w - 1), np.int64)
    out_x = np.empty((h - 1) * (w - 1), np.int64)
    bound = np.float32(limit * limit)
    count = 0
    for r in range(h - 1):
        for c in range(w - 1):
            t0, t1, t2, t3 = ids[r, c], ids[r, c + 1], ids[r + 1, c], ids[r + 1, c + 1]
            if t1 == t0 and t2 == t0 and t3 == t0:
                continue
            # Each distinct corner triangle once, in corner order (its corners held in scalars: an array of the
            # 4 and a loop over the earlier ones cost ~17 % of the kernel).
            most = _worst_miss(np.float32(0), none if t0 < 0 else t0, coarse, xs, ys, r, c, moves)
            if t1 != t0:
                most = _worst_miss(most, none if t1 < 0 else t1, coarse, xs, ys, r, c, moves)
            if t2 != t0 and t2 != t1:
                most = _worst_miss(most, none if t2 < 0 else t2, coarse, xs, ys, r, c, moves)
            if t3 != t0 and t3 != t1 and t3 != t2:
                most = _worst_miss(most, none if t3 < 0 else t3, coarse, xs, ys, r, c, moves)
            if most > bound:
                out_y[count], out_x[count] = r, c
                count += 1
    return out_y[:count], out_x[:count]


@_kernel
def _covers(x: float, y: float, table: np.ndarray, t: int, low: float, high: float) -> bool:
    """Whether triangle t of cover coefficients `table` (F, 6) (per triangle: first vertex x, y; its edge matrix's
    inverse row by row) covers point (x, y) crop px: both barycentric coordinates at least `low`, their sum at most
    `high` (`warp._covers`; all in the table's float type). Read from the table by row and column, not from a row's
    view: a view made per call cost ~1/4 of `uncovered_jumps`."""
    dx, dy = x - table[t, 0], y - table[t, 1]
    b1 = table[t, 2] * dx + table[t, 3] * dy
    b2 = table[t, 4] * dx + table[t, 5] * dy
    return b1 >= low and b2 >= low and b1 + b2 <= high


@_kernel
def uncovered_jumps(coarse: np.ndarray, ids: np.ndarray, moves: np.ndarray, xs: np.ndarray, ys: np.ndarray,
                    rank: np.ndarray, coefficients: np.ndarray, unseen: np.ndarray, limit: float, low: float,
                    high: float) -> tuple[np.ndarray, np.ndarray]:
    """Rows and columns (Q,) int64 of the coarse cells around a corner sample its own triangle does not cover
    while another does whose map misses the field there by more than `limit` px, row by row: the rasteriser's
    outline is conservative (edges ~half a cell wide), so a sample just past a front triangle's edge carries it
    while the triangle behind is the one drawn there; all four corners of a cell may name the front triangle and
    `jump_cells` does not see the jump (lp_d11 as a video source: the cheek over its hair, a 1-px staircase).

    coarse (h, w, 2) float32 crop px, ids (h, w) int32 (-1: none), moves, xs, ys: as `jump_cells`; rank (F + 1,)
    int64 each triangle's draw rank (-1: not drawn); coefficients (F, 6) float64 (`_covers`, with `low`, `high`).
    The other triangle: the last drawn of those of the 5 x 5 samples around the sample that covers it; an `unseen`
    (F,) bool one is no jump (the seam leaves its pixels bilinear)."""
    h, w = ids.shape
    cells = np.zeros((max(h - 1, 0), max(w - 1, 0)), np.bool_)
    bound = np.float32(limit * limit)
    count = 0
    for r in range(h):
        y = ys[r]
        for c in range(w):
            t = ids[r, c]
            if t < 0:
                continue
            x = xs[c]
            if _covers(float(x), float(y), coefficients, t, low, high):
                continue
            best, best_rank = -1, -1
            for wy in range(max(r - 2, 0), min(r + 3, h)):
                for wx in range(max(c - 2, 0), min(c + 3, w)):
                    u = ids[wy, wx]
                    if u < 0 or u == t or rank[u] <= best_rank:
                        continue
                    if _covers(float(x), float(y), coefficients, u, low, high):
                        best, best_rank = u, rank[u]
            if best < 0 or unseen[best]:
                continue
            ex = moves[0, best] * x + moves[1, best] * y + moves[2, best] - coarse[r, c, 0]
            ey = moves[3, best] * x + moves[4, best] * y + moves[5, best] - coarse[r, c, 1]
            if ex * ex + ey * ey <= bound:
                continue
            for qy in range(max(r - 1, 0), min(r + 1, h - 1)):
                for qx in range(max(c - 1, 0), min(c + 1, w - 1)):
                    if not cells[qy, qx]:
                        cells[qy, qx] = True
                        count += 1
    out_y = np.empty(count, np.int64)
    out_x = np.empty(count, np.int64)
    n = 0
    for qy in range(cells.shape[0]):
        for qx in range(cells.shape[1]):
            if cells[qy, qx]:
                out_y[n], out_x[n] = qy, qx
                n += 1
    return out_y, out_x


@_kernel
def seam_pixels(qy: np.ndarray, qx: np.ndarray, ids: np.ndarray, rank: np.ndarray, lo: np.ndarray, hi: np.ndarray,
                coefficients: np.ndarray, xs: np.ndarray, ys: np.ndarray, width: int, height: int, unseen: np.ndarray,
                margin: float, low: float, high: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The crop pixels of the coarse cells (qy, qx (Q,)) and the triangle each is redrawn with
    (`warp.MeshWarp._seam`): rows, cols, triangle, cell (its index into qy, qx) (N,) int64, cell by cell, row by
    row within a cell.

    A cell's pixels lie between its corner samples' centres (xs (w,), ys (h,) float32 crop px, ceiled),
    inside the crop (width, height px). Each takes the last drawn (rank (F + 1,) int64 per triangle, -1: not
    drawn) of the triangles of the 4 x 4 samples around its cell (ids (h, w) int32) whose box (lo, hi (F, 2)
    float64, `warp._bounds`) reaches within `margin` px of the cell's pixels and which covers it (`coefficients`
    (F, 6) float64, `_covers` with `low`, `high`). Pixels none covers, or covered by an `unseen` (F,) bool
    triangle, are left out."""
    ch, cw = ids.shape
    none = rank.shape[0] - 1
    total = 0
    for q in range(len(qy)):
        x0, x1 = int(np.ceil(xs[qx[q]])), int(np.ceil(xs[qx[q] + 1]))
        y0, y1 = int(np.ceil(ys[qy[q]])), int(np.ceil(ys[qy[q] + 1]))
        total += max(0, min(x1, width) - max(x0, 0)) * max(0, min(y1, height) - max(y0, 0))
    rows = np.empty(total, np.int64)
    cols = np.empty(total, np.int64)
    tris = np.empty(total, np.int64)
    cells = np.empty(total, np.int64)
    listed = np.full(rank.shape[0], -1, np.int64)  # per triangle, the last cell whose window it was met in
    kept = np.empty(16, np.int64)  # a cell's candidates, the last drawn first
    kept_ranks = np.empty(16, np.int64)
    kept_coefficients = np.empty((16, 6), coefficients.dtype)  # theirs, side by side
    count = 0
    for q in range(len(qy)):
        x0, x1 = int(np.ceil(xs[qx[q]])), int(np.ceil(xs[qx[q] + 1]))
        y0, y1 = int(np.ceil(ys[qy[q]])), int(np.ceil(ys[qy[q] + 1]))
        # The candidates, each once (the first time the window meets it) and only where its box reaches the cell's
        # pixels, put in place by draw rank as they come (a cell's window holds ~4 distinct triangles: listing them
        # by the highest rank below the last one taken, over and over, read the 16 ranks ~5 times, ~1/5 of the
        # kernel).
        left, right = max(qx[q] - 1, 0), min(qx[q] + 2, cw - 1)  # a cell's qx is below cw - 1
        n = 0
        for dy in range(4):
            r = min(max(qy[q] + dy - 1, 0), ch - 1)
            for dx in range(4):
                t = ids[r, left if dx == 0 else qx[q] + dx - 1 if dx < 3 else right]
                t = none if t < 0 else t
                if listed[t] == q:
                    continue
                listed[t] = q
                k = rank[t]
                if k < 0 or not (hi[t, 0] >= x0 - margin and lo[t, 0] <= (x1 - 1) + margin
                                 and hi[t, 1] >= y0 - margin and lo[t, 1] <= (y1 - 1) + margin):
                    continue
                j = n
                while j > 0 and kept_ranks[j - 1] < k:
                    kept[j], kept_ranks[j] = kept[j - 1], kept_ranks[j - 1]
                    j -= 1
                kept[j], kept_ranks[j] = t, k
                n += 1
        for j in range(n):
            for i in range(6):  # element by element: a row's slice assigned cost ~15 % of the kernel
                kept_coefficients[j, i] = coefficients[kept[j], i]
        for row in range(max(y0, 0), min(y1, height)):
            for col in range(max(x0, 0), min(x1, width)):
                for j in range(n):
                    if _covers(float(col), float(row), kept_coefficients, j, low, high):
                        t = kept[j]
                        if not unseen[t]:
                            rows[count], cols[count], tris[count], cells[count] = row, col, t, q
                            count += 1
                        break
    return rows[:count], cols[:count], tris[:count], cells[:count]


@_kernel
def neighbour_cells(qy: np.ndarray, qx: np.ndarray, height: int, width: int
                    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rows and columns (Q',) int64 of the cells (qy, qx) (Q,) int64 of a grid of (height, width) cells and of the
    8 cells around each inside the grid, each once, row by row, and (height, width) bool: the cells (qy, qx)
    (`warp._with_neighbours`: a 3 x 3 dilation of them and its nonzero cells)."""
    jump = np.zeros((height, width), np.bool_)
    kept = np.zeros((height, width), np.bool_)
    top, bottom, left, right = height, -1, width, -1
    count = 0
    for q in range(len(qy)):
        jump[qy[q], qx[q]] = True
        for r in range(max(qy[q] - 1, 0), min(qy[q] + 2, height)):
            for c in range(max(qx[q] - 1, 0), min(qx[q] + 2, width)):
                if not kept[r, c]:
                    kept[r, c] = True
                    count += 1
                    top, bottom, left, right = min(top, r), max(bottom, r), min(left, c), max(right, c)
    ys = np.empty(count, np.int64)
    xs = np.empty(count, np.int64)
    n = 0
    for r in range(top, bottom + 1):
        for c in range(left, right + 1):
            if kept[r, c]:
                ys[n], xs[n] = r, c
                n += 1
    return ys, xs, jump


@_kernel
def agreeing_pixels(cell: np.ndarray, jump: np.ndarray, qy: np.ndarray, qx: np.ndarray, rows: np.ndarray,
                    cols: np.ndarray, tris: np.ndarray, exact: np.ndarray, bilinear: np.ndarray, limit: float) -> int:
    """The seam's pixels kept (`warp.MeshWarp._seam`), moved to the front of rows, cols, tris (N,) int64 and
    `exact` (N, 2) float64 in place, in order; returns how many (K). The pixels (rows, cols crop px, each of the
    cell `cell` (N,), an index into qy, qx; tris: each one's triangle) kept: those of a jump cell (`jump` (h, w)
    bool at the cell) and those whose exact displacement `exact` is within `limit` px on both axes of the bilinear
    one (`bilinear` (H, W, 2) float32, the coarse field upsampled): `np.abs(exact - bilinear[rows,
    cols]).max(1) <= limit` (NaN: not kept)."""
    count = 0
    for i in range(len(cell)):
        q = cell[i]
        if not jump[qy[q], qx[q]]:
            r, c = rows[i], cols[i]
            if not (abs(exact[i, 0] - bilinear[r, c, 0]) <= limit and abs(exact[i, 1] - bilinear[r, c, 1]) <= limit):
                continue
        rows[count], cols[count], tris[count] = rows[i], cols[i], tris[i]
        exact[count, 0], exact[count, 1] = exact[i, 0], exact[i, 1]
        count += 1
    return count


@_kernel
def unheld_pixels(rows: np.ndarray, cols: np.ndarray, tris: np.ndarray, exact: np.ndarray, share: np.ndarray,
                  holds: np.ndarray, width: int, height: int) -> int:
    """The seam's pixels kept where `displacement`'s `hold` changed the field (`warp.MeshWarp._seam`), moved to the
    front of rows, cols, tris (N,) int64 and `exact` (N, 2) float64 in place, in order; returns how many (K). Kept:
    a pixel (rows, cols crop px of a (width, height) px crop) whose triangle (tris) is not one of `holds` ((F,) bool)
    or whose coarse sample (the sample of `share` ((h, w) float32, the share the hold changed) at row
    min(row h // height, h - 1), column min(col w // width, w - 1)) is 0: `share[cells] == 0 | ~holds[tris]` as
    numpy states it (NaN: not kept), in one pass instead of ~6 over the ~10^4 pixels."""
    h, w = share.shape
    count = 0
    for i in range(len(rows)):
        r, c = rows[i], cols[i]
        if holds[max(tris[i], 0)] and share[min(r * h // height, h - 1), min(c * w // width, w - 1)] != 0:  # (NaN too)
            continue
        rows[count], cols[count], tris[count] = r, c, tris[i]
        exact[count, 0], exact[count, 1] = exact[i, 0], exact[i, 1]
        count += 1
    return count


@_kernel
def double_reads(reads: np.ndarray, tri: np.ndarray, shown: np.ndarray, under_face: np.ndarray, owner: np.ndarray,
                 inner: np.ndarray) -> np.ndarray:
    """(N,) bool: `photo_cover.PhotoCover.read_twice` in one pass (its numpy statement made ~8 passes and gathers over
    the seam's ~2 x 10^5 pixels a frame on sr_8 x lp_d12): reads (N, 2) crop px (float32 or float64) of triangles tri
    (N,) int (-1: none) where the triangle is `under_face` ((F,) bool), the read rounded half to even (`np.rint`) lies
    1 px or more inside the (H, W) crop and on `inner` ((H, W) bool), and the `owner` ((H, W) int32) of one of the 3 x 3
    px around it is `shown` ((F,) bool; read at that index as numpy reads it, -1 the last)."""
    h, w = inner.shape
    out = np.zeros(len(tri), np.bool_)
    for i in range(len(tri)):
        t = tri[i]
        if t < 0 or not under_face[t]:
            continue
        x, y = np.int64(np.rint(reads[i, 0])), np.int64(np.rint(reads[i, 1]))
        if x < 1 or y < 1 or x >= w - 1 or y >= h - 1 or not inner[y, x]:
            continue
        for dy in range(-1, 2):
            for dx in range(-1, 2):
                if shown[owner[y + dy, x + dx]]:
                    out[i] = True
    return out


_BUCKET = 16  # px: the side of `uncovered_pixels`' square buckets of triangles


@_kernel
def _buckets(draw_order: np.ndarray, lo: np.ndarray, hi: np.ndarray, width: int, height: int, margin: float
             ) -> tuple[np.ndarray, np.ndarray, int]:
    """The triangles of draw_order (D,) whose box (lo, hi (F, 2) float64 px; -inf / +inf: every bucket) reaches within
    `margin` px of each `_BUCKET`-px square of a (height, width) px crop, row by row of squares: (S + 1,) int64 where
    each square's list starts in (E,) int64 triangles (drawn order kept in each), and the squares per row."""
    across, down = (width + _BUCKET - 1) // _BUCKET, (height + _BUCKET - 1) // _BUCKET
    spans = np.empty((len(draw_order), 4), np.int64)  # first and last square column, first and last row
    starts = np.zeros(across * down + 1, np.int64)
    for k in range(len(draw_order)):
        t = draw_order[k]
        if not (np.isfinite(lo[t, 0]) and np.isfinite(lo[t, 1]) and np.isfinite(hi[t, 0]) and np.isfinite(hi[t, 1])):
            spans[k, 0], spans[k, 1], spans[k, 2], spans[k, 3] = 0, across - 1, 0, down - 1
        else:  # clamped as floats: an infinite margin (every triangle near every pixel) reaches every square
            spans[k, 0] = int(max(np.floor((lo[t, 0] - margin) / _BUCKET), 0.0))
            spans[k, 1] = int(min(np.floor((hi[t, 0] + margin) / _BUCKET), across - 1.0))
            spans[k, 2] = int(max(np.floor((lo[t, 1] - margin) / _BUCKET), 0.0))
            spans[k, 3] = int(min(np.floor((hi[t, 1] + margin) / _BUCKET), down - 1.0))
        for by in range(spans[k, 2], spans[k, 3] + 1):
            for bx in range(spans[k, 0], spans[k, 1] + 1):
                starts[by * across + bx + 1] += 1
    for b in range(across * down):
        starts[b + 1] += starts[b]
    entries = np.empty(starts[-1], np.int64)
    filled = starts[:-1].copy()
    for k in range(len(draw_order)):
        for by in range(spans[k, 2], spans[k, 3] + 1):
            for bx in range(spans[k, 0], spans[k, 1] + 1):
                entries[filled[by * across + bx]] = draw_order[k]
                filled[by * across + bx] += 1
    return starts, entries, across


@_kernel
def uncovered_pixels(qy: np.ndarray, qx: np.ndarray, jump: np.ndarray, rows: np.ndarray, cols: np.ndarray,
                     xs: np.ndarray, ys: np.ndarray, width: int, height: int, draw_order: np.ndarray, lo: np.ndarray,
                     hi: np.ndarray, coefficients: np.ndarray, unseen: np.ndarray, margin: float, low: float,
                     high: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The pixels of the jump cells (`jump` (h, w) bool at the cell) among the cells (qy, qx (Q,)) that `seam_pixels`
    left out (rows, cols (N,) int64: the pixels it gave a triangle), each with the last drawn (draw_order (D,)) of all
    the triangles whose box (lo, hi (F, 2) float64) reaches within `margin` px of it that covers it (`coefficients`,
    `_covers` with `low`, `high`): a triangle no sample of the 4 x 4 around the cell lies on (a thin wedge behind
    the front's outline); rows, cols, triangle, cell (M,) int64 as `seam_pixels`', cell by cell, row by row within a
    cell. Pixels none covers, or covered by an `unseen` (F,) bool triangle, are left out. (The triangles looked
    through are those of the pixel's `_buckets` square: a shortcut, the same result.)"""
    taken = np.zeros((height, width), np.bool_)
    for i in range(len(rows)):
        taken[rows[i], cols[i]] = True
    spans = np.zeros((len(qy), 4), np.int64)  # each jump cell's pixels: first and end row, first and end column
    total = 0
    for q in range(len(qy)):
        if jump[qy[q], qx[q]]:
            spans[q, 0], spans[q, 1] = max(int(np.ceil(ys[qy[q]])), 0), min(int(np.ceil(ys[qy[q] + 1])), height)
            spans[q, 2], spans[q, 3] = max(int(np.ceil(xs[qx[q]])), 0), min(int(np.ceil(xs[qx[q] + 1])), width)
            total += max(spans[q, 1] - spans[q, 0], 0) * max(spans[q, 3] - spans[q, 2], 0)
    out_rows = np.empty(total, np.int64)
    out_cols = np.empty(total, np.int64)
    tris = np.empty(total, np.int64)
    cells = np.empty(total, np.int64)
    if total == 0:
        return out_rows, out_cols, tris, cells
    starts, entries, across = _buckets(draw_order, lo, hi, width, height, margin)
    count = 0
    for q in range(len(qy)):  # (a cell not a jump's spans nothing)
        for row in range(spans[q, 0], spans[q, 1]):
            for col in range(spans[q, 2], spans[q, 3]):
                if taken[row, col]:
                    continue
                b = (row // _BUCKET) * across + col // _BUCKET
                for e in range(starts[b + 1] - 1, starts[b] - 1, -1):
                    t = entries[e]
                    if (hi[t, 0] < col - margin or lo[t, 0] > col + margin
                            or hi[t, 1] < row - margin or lo[t, 1] > row + margin):
                        continue
                    if _covers(float(col), float(row), coefficients, t, low, high):
                        if not unseen[t]:
                            out_rows[count], out_cols[count], tris[count], cells[count] = row, col, t, q
                            count += 1
                        break
    return out_rows[:count], out_cols[:count], tris[:count], cells[:count]


@_kernel
def index_image(rows: np.ndarray, cols: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(h, w) int32 image of each pixel's index in (rows, cols (N,) int crop px, N > 0), -1 where none, over their box
    with a border of -1 all round, and (N,) int64 each pixel's flat place in it (`edge_coverage._index_image`: its
    numpy's box, minimum and maximum, fill and scatter, ~5 calls on ~7 000 pixels a frame, in two passes)."""
    if len(rows) == 0:
        raise ValueError("no pixels")
    top, bottom, left, right = rows[0], rows[0], cols[0], cols[0]
    for i in range(len(rows)):
        top, bottom = min(top, rows[i]), max(bottom, rows[i])
        left, right = min(left, cols[i]), max(right, cols[i])
    r0, c0 = np.int64(top) - 1, np.int64(left) - 1
    width = np.int64(right) - c0 + 2
    at = np.full((np.int64(bottom) - r0 + 2) * width, -1, np.int32)
    flat = np.empty(len(rows), np.int64)
    for i in range(len(rows)):
        flat[i] = (rows[i] - r0) * width + (cols[i] - c0)
        at[flat[i]] = i
    return at.reshape(-1, width), flat


@_kernel
def straddling_pairs(at: np.ndarray, flat: np.ndarray, rows: np.ndarray, cols: np.ndarray, tri: np.ndarray,
                     moves: np.ndarray, jump: float) -> np.ndarray:
    """(K, 2) int64 indices (p, n) into the pixels (rows, cols (N,) int64 crop px, each mapped by its triangle
    `tri` (N,) int64, a column of `moves` (6, F + 1) float32) of the pairs that straddle a jump
    (`edge_coverage.jump_pairs`): n is p's right neighbour (all of those first, by p) or its lower one (then
    those), mapped by another triangle whose map, evaluated at p, is more than `jump` px off p's. at, flat:
    the pixels' `edge_coverage._index_image` (its rows (h, w) int32 and each pixel's flat place in it)."""
    index = at.ravel()
    width = at.shape[1]
    pairs = np.empty((2 * len(flat), 2), np.int64)
    count = 0
    for step in (1, width):
        for p in range(len(flat)):
            n = index[flat[p] + step]
            if n < 0 or tri[n] == tri[p]:
                continue
            mine, theirs = tri[p], tri[n]
            x, y = float(cols[p]), float(rows[p])
            gx = (moves[0, theirs] * x + moves[1, theirs] * y + moves[2, theirs]
                  - (moves[0, mine] * x + moves[1, mine] * y + moves[2, mine]))
            gy = (moves[3, theirs] * x + moves[4, theirs] * y + moves[5, theirs]
                  - (moves[3, mine] * x + moves[4, mine] * y + moves[5, mine]))
            if gx * gx + gy * gy > jump * jump:
                pairs[count, 0], pairs[count, 1] = p, n
                count += 1
    return pairs[:count]


@_kernel
def sample_triangles(near: np.ndarray, owner: np.ndarray, x: np.ndarray, y: np.ndarray, draw_order: np.ndarray,
                     table: np.ndarray, low: np.float32, high: np.float32) -> np.ndarray:
    """(P,) int64 the triangle of each sample point (x, y (P,) float32 crop px) of a jump's pixels
    (`warp.MeshWarp._seam`): the first of its pixel's candidates (`near` (9, M) draw ranks into `draw_order`,
    the last drawn first, -1 after them; owner (P,) the pixel of each point) that covers it (`_covers` on
    `table` (F, 6) float32, with `low`, `high`); -1 where none does."""
    tri = np.full(len(x), -1, np.int64)
    for s in range(len(x)):
        for k in range(near.shape[0]):
            slot = near[k, owner[s]]
            if slot < 0:
                break
            candidate = draw_order[slot]
            if _covers(x[s], y[s], table, candidate, low, high):
                tri[s] = candidate
                break
    return tri


@_kernel
def stretch_limit(out: np.ndarray, triangles: np.ndarray, inverse: np.ndarray, src_centred: np.ndarray,
                  limit: np.ndarray, over: np.ndarray, iterations: int) -> None:
    """`stretch_limit.StretchLimit`'s rounds on `out` (V, 2) float64 target px, in place: each round, every
    front-facing triangle (F, 3) whose largest stretch (forward map: target edges times `inverse` (F, 2, 2)) is
    above a corner's `over` (F, 3) proposes that corner at its map with the singular values capped at the
    corner's `limit` (F, 3), about the triangle's centroid (`src_centred` (F, 3, 2) source px about theirs);
    each proposed vertex moves to its proposals' mean; the next round looks only at triangles with a vertex
    just moved; at most `iterations` rounds. The 2 x 2 SVD is in closed form (rotation, scales, rotation), not
    LAPACK's: the output equals the numpy statement's to float rounding (tests/mesh/test_render_speedups.py).
    Each round visits only the active triangles, the proposing ones and their vertices (lists in ascending order, so
    each vertex's proposals are summed in triangle order as before): the inner rounds' 88 rounds on a few
    triangles pass over the whole mesh only to list the active ones."""
    faces, vertices = len(triangles), len(out)
    # Each vertex's triangles (CSR): the triangles a moved vertex makes active.
    starts = np.zeros(vertices + 1, np.int64)
    for f in range(faces):
        for k in range(3):
            starts[triangles[f, k] + 1] += 1
    for v in range(vertices):
        starts[v + 1] += starts[v]
    filled = starts[:-1].copy()
    owners = np.empty(3 * faces, np.int64)
    for f in range(faces):
        for k in range(3):
            v = triangles[f, k]
            owners[filled[v]] = f
            filled[v] += 1
    active = np.arange(faces)  # the active triangles, ascending
    marked = np.zeros(faces, np.bool_)
    proposing = np.empty(faces, np.int64)
    moved = np.empty(vertices, np.int64)
    proposal = np.empty((faces, 3, 2))
    proposes = np.zeros((faces, 3), np.bool_)
    count = np.zeros(vertices)
    total = np.zeros((vertices, 2))
    for _ in range(iterations):
        anything = False
        n_proposing = 0
        for f in active:
            proposes[f, 0] = proposes[f, 1] = proposes[f, 2] = False
            i0, i1, i2 = triangles[f, 0], triangles[f, 1], triangles[f, 2]
            e1x, e1y = out[i1, 0] - out[i0, 0], out[i1, 1] - out[i0, 1]
            e2x, e2y = out[i2, 0] - out[i0, 0], out[i2, 1] - out[i0, 1]
            a = e1x * inverse[f, 0, 0] + e2x * inverse[f, 1, 0]
            b = e1x * inverse[f, 0, 1] + e2x * inverse[f, 1, 1]
            c = e1y * inverse[f, 0, 0] + e2y * inverse[f, 1, 0]
            d = e1y * inverse[f, 0, 1] + e2y * inverse[f, 1, 1]
            det = a * d - b * c
            if det <= 0:
                continue
            frob = a * a + b * b + c * c + d * d
            stretch = np.sqrt((frob + np.sqrt(max(frob * frob - 4 * det * det, 0.0))) / 2)
            if stretch <= min(over[f, 0], over[f, 1], over[f, 2]):
                continue
            anything = True
            # a = R(phi) diag(s1, s2) R(theta), s1 >= s2 > 0 (det > 0)
            e, fh, g, h = (a + d) / 2, (a - d) / 2, (c + b) / 2, (c - b) / 2
            q, r = np.sqrt(e * e + h * h), np.sqrt(fh * fh + g * g)
            a1, a2 = np.arctan2(g, fh), np.arctan2(h, e)
            theta, phi = (a2 - a1) / 2, (a2 + a1) / 2
            cp, sp, ct, st = np.cos(phi), np.sin(phi), np.cos(theta), np.sin(theta)
            mx = (out[i0, 0] + out[i1, 0] + out[i2, 0]) / 3
            my = (out[i0, 1] + out[i1, 1] + out[i2, 1]) / 3
            for k in range(3):
                if stretch <= over[f, k]:
                    continue
                proposes[f, k] = True
                s1, s2 = min(q + r, limit[f, k]), min(q - r, limit[f, k])
                # R(theta) then scale then R(phi) on the centred source corner
                sx, sy = src_centred[f, k, 0], src_centred[f, k, 1]
                tx, ty = s1 * (ct * sx - st * sy), s2 * (st * sx + ct * sy)
                proposal[f, k, 0] = mx + (cp * tx - sp * ty)
                proposal[f, k, 1] = my + (sp * tx + cp * ty)
            proposing[n_proposing] = f
            n_proposing += 1
        if not anything:
            break
        n_moved = 0
        for j in range(n_proposing):
            f = proposing[j]
            for k in range(3):
                if proposes[f, k]:
                    v = triangles[f, k]
                    if count[v] == 0.0:
                        moved[n_moved] = v
                        n_moved += 1
                    count[v] += 1.0
                    total[v, 0] += proposal[f, k, 0]
                    total[v, 1] += proposal[f, k, 1]
        n_active = 0
        for j in range(n_moved):
            v = moved[j]
            out[v, 0] = total[v, 0] / count[v]
            out[v, 1] = total[v, 1] / count[v]
            count[v] = 0.0
            total[v, 0] = total[v, 1] = 0.0
            for i in range(starts[v], starts[v + 1]):
                if not marked[owners[i]]:
                    marked[owners[i]] = True
                    n_active += 1
        active = np.empty(n_active, np.int64)
        n_active = 0
        for f in range(faces):  # ascending, without a sort
            if marked[f]:
                marked[f] = False
                active[n_active] = f
                n_active += 1


# The triangle rasteriser (`fill_triangles`) reproduces `cv2.fillConvexPoly(..., cv2.LINE_8, shift)`'s integer
# rules pixel for pixel (tests/mesh/test_map_kernels.py draws random triangles both ways): its outline is drawn
# first, each edge as a fixed-point line of `_LINE_BITS` fractional bits clipped to the image, then the
# scanlines between the two edge chains from the topmost vertex down, each chain's x stepped by a rounded
# increment per row. C's integer division truncates towards zero (`_c_div`), numba's `//` floors.
_LINE_BITS = 16
_HALF = 1 << (_LINE_BITS - 1)


@_kernel
def _c_div(a: int, b: int) -> int:
    """a / b rounded towards zero (C's integer division), int64."""
    q = abs(a) // abs(b)
    return -q if (a < 0) != (b < 0) else q


@_kernel
def _outcode(x: int, y: int, right: int, bottom: int) -> int:
    """Which sides of [0, right] x [0, bottom] point (x, y) lies beyond: 1 left, 2 right, 4 above, 8 below."""
    return (1 if x < 0 else 0) + (2 if x > right else 0) + (4 if y < 0 else 0) + (8 if y > bottom else 0)


@_kernel
def _clip(width: int, height: int, x1: int, y1: int, x2: int, y2: int) -> tuple[bool, int, int, int, int]:
    """The segment (x1, y1) - (x2, y2) cut to [0, width) x [0, height) the way OpenCV's `clipLine` cuts it
    (top / bottom first, then left / right, each end moved along the segment with truncating division):
    whether any of it is inside, and its ends."""
    right, bottom = width - 1, height - 1
    c1, c2 = _outcode(x1, y1, right, bottom), _outcode(x2, y2, right, bottom)
    if (c1 & c2) == 0 and (c1 | c2) != 0:
        if c1 & 12:
            edge = 0 if c1 < 8 else bottom
            x1 += _c_div((edge - y1) * (x2 - x1), y2 - y1)
            y1 = edge
            c1 = _outcode(x1, 0, right, bottom)
        if c2 & 12:
            edge = 0 if c2 < 8 else bottom
            x2 += _c_div((edge - y2) * (x2 - x1), y2 - y1)
            y2 = edge
            c2 = _outcode(x2, 0, right, bottom)
        if (c1 & c2) == 0 and (c1 | c2) != 0:
            if c1:
                edge = 0 if c1 == 1 else right
                y1 += _c_div((edge - x1) * (y2 - y1), x2 - x1)
                x1 = edge
                c1 = 0
            if c2:
                edge = 0 if c2 == 1 else right
                y2 += _c_div((edge - x2) * (y2 - y1), x2 - x1)
                x2 = edge
                c2 = 0
    return (c1 | c2) == 0, x1, y1, x2, y2


@_kernel
def _put(image: np.ndarray, x: int, y: int, value: int) -> None:
    """image[y, x] = value where (x, y) lies inside image (h, w)."""
    if 0 <= x < image.shape[1] and 0 <= y < image.shape[0]:
        image[y, x] = value


@_kernel
def _line(image: np.ndarray, x1: int, y1: int, x2: int, y2: int, value: int) -> None:
    """Set the pixels of image (h, w) int32 on the segment between two points of `_LINE_BITS` fractional bits
    (px * 2 ** 16) to `value`: clipped to the image, walked one pixel at a time along its longer axis from its
    lower end (the other coordinate stepped by a truncated fixed-point slope), its far end set as well."""
    h, w = image.shape
    inside, x1, y1, x2, y2 = _clip(w << _LINE_BITS, h << _LINE_BITS, x1, y1, x2, y2)
    if not inside:
        return
    dx, dy = x2 - x1, y2 - y1
    along_x = abs(dx) > abs(dy)
    if (dx < 0) if along_x else (dy < 0):  # walk from the lower end of the longer axis
        x1, y1, x2, y2 = x2, y2, x1, y1
        dx, dy = -dx, -dy
    _put(image, (x2 + _HALF) >> _LINE_BITS, (y2 + _HALF) >> _LINE_BITS, value)
    x, y = x1 + _HALF, y1 + _HALF
    if along_x:
        step = _c_div(dy << _LINE_BITS, dx | 1)
        x >>= _LINE_BITS
        for _ in range(((x2 - x1) >> _LINE_BITS) + 1):
            _put(image, x, y >> _LINE_BITS, value)
            x += 1
            y += step
    else:
        step = _c_div(dx << _LINE_BITS, dy | 1)
        y >>= _LINE_BITS
        for _ in range(((y2 - y1) >> _LINE_BITS) + 1):
            _put(image, x >> _LINE_BITS, y, value)
            x += step
            y += 1


@_kernel
def _fill_triangle(image: np.ndarray, v: np.ndarray, shift: int, value: int) -> None:
    """`cv2.fillConvexPoly(image, v, value, cv2.LINE_8, shift)` for one triangle v (3, 2) int32 (px * 2 **
    shift) on image (h, w) int32."""
    h, w = image.shape
    up = _LINE_BITS - shift
    rounding = (1 << shift) >> 1
    # The outline: edges 2-0, 0-1, 1-2.
    for k in range(3):
        p = (k + 2) % 3
        _line(image, np.int64(v[p, 0]) << up, np.int64(v[p, 1]) << up, np.int64(v[k, 0]) << up,
              np.int64(v[k, 1]) << up, value)
    top = 0
    for k in range(1, 3):
        if v[k, 1] < v[top, 1]:
            top = k
    xmin = (min(v[0, 0], v[1, 0], v[2, 0]) + rounding) >> shift
    xmax = (max(v[0, 0], v[1, 0], v[2, 0]) + rounding) >> shift
    ymin = (v[top, 1] + rounding) >> shift
    ymax = (max(v[0, 1], v[1, 1], v[2, 1]) + rounding) >> shift
    if xmax < 0 or ymax < 0 or xmin >= w or ymin >= h:
        return
    ymax = min(ymax, h - 1)
    # Two chains of edges from the top vertex, one each way round (chain 0 forwards, chain 1 backwards); each
    # keeps the vertex it has reached, the row it ends on, its fixed-point x and its increment per row, in
    # scalars (small arrays of the two, allocated per triangle, cost ~1/3 of the fill). `left` counts the edges
    # not yet taken.
    at0, at1 = top, top
    end0, end1 = ymin, ymin
    x0 = x1 = -(np.int64(1) << _LINE_BITS)
    step0 = step1 = np.int64(0)
    left = 3
    y = ymin
    while True:
        if y >= end0:
            left, at0, end0, x0, step0 = _next_edge(v, shift, up, rounding, left, y, at0, 1, end0, x0, step0)
        if left >= 0 and y >= end1:
            left, at1, end1, x1, step1 = _next_edge(v, shift, up, rounding, left, y, at1, 2, end1, x1, step1)
        if left < 0:
            break
        if y >= 0:
            lo, hi = min(x0, x1), max(x0, x1)
            c1, c2 = (lo + _HALF) >> _LINE_BITS, (hi + _HALF) >> _LINE_BITS
            if c2 >= 0 and c1 < w:
                for c in range(max(c1, 0), min(c2, w - 1) + 1):
                    image[y, c] = value
        x0 += step0
        x1 += step1
        y += 1
        if y > ymax:
            break


@_kernel
def _next_edge(v: np.ndarray, shift: int, up: int, rounding: int, left: int, y: int, at: int, way: int, end: int,
               x: int, step: int) -> tuple[int, int, int, int, int]:
    """One chain of `_fill_triangle` at row y moved on to its next edge ending below y (vertex `at` reached,
    `way` 1 or 2: the next vertex (at + way) % 3): returns left (edges not yet taken, counted down once more when
    none is left: -1 ends the fill), and the chain's vertex, end row, fixed-point x and step (as given where
    none is left)."""
    start = at
    nxt = (start + way) % 3
    while True:
        left -= 1
        if left < 0:
            return left, at, end, x, step
        bottom = (v[nxt, 1] + rounding) >> shift
        if bottom > y:
            xs, xe = np.int64(v[start, 0]) << up, np.int64(v[nxt, 0]) << up
            return left, nxt, bottom, xs, _c_div((xe - xs) * 2 + (bottom - y), 2 * (bottom - y))
        start = nxt
        nxt = (nxt + way) % 3


@_kernel
def fill_triangles(image: np.ndarray, corners: np.ndarray, order: np.ndarray, shift: int) -> np.ndarray:
    """Draw triangles corners (F, 3, 2) int32 (px * 2 ** shift) onto image (h, w) int32 in `order` (D,) int64,
    each filled with its index (painter's algorithm: the last drawn wins), exactly as a `cv2.fillConvexPoly`
    call per triangle with `cv2.LINE_8` would. Returns (4,) int64 the drawn corners' lowest x, y and highest
    x, y (px * 2 ** shift; meaningless when `order` is empty)."""
    box = np.zeros(4, np.int64)
    for i in range(len(order)):
        f = order[i]
        _fill_triangle(image, corners[f], shift, f)
        for k in range(3):
            for a in range(2):
                value = corners[f, k, a]
                if i == 0 and k == 0 or value < box[a]:
                    box[a] = value
                if i == 0 and k == 0 or value > box[2 + a]:
                    box[2 + a] = value
    return box


@_kernel
def neighbour_ranks(at: np.ndarray, place: np.ndarray, tri: np.ndarray, rank: np.ndarray) -> np.ndarray:
    """(9, M) int64 per pixel (`place` (M,) int64 flat places in the index image `at` (h, w) int32, -1: no
    pixel; its border all -1), the distinct draw ranks (`rank` (F + 1,) int64 of each pixel's triangle `tri`
    (N,)) of the 3 x 3 pixels around it, the last drawn first, -1 after them (`edge_coverage.neighbour_triangles`)."""
    index = at.ravel()
    width = at.shape[1]
    out = np.full((9, len(place)), -1, np.int64)
    for m in range(len(place)):
        n = 0
        for dy in range(-1, 2):
            for dx in range(-1, 2):
                p = index[place[m] + dy * width + dx]
                if p < 0:
                    continue
                k = rank[tri[p]]
                spot = 0
                while spot < n and out[spot, m] > k:
                    spot += 1
                if spot < n and out[spot, m] == k:
                    continue
                for j in range(n, spot, -1):
                    out[j, m] = out[j - 1, m]
                out[spot, m] = k
                n += 1
    return out


@_kernel
def quadrant_points(rows: np.ndarray, cols: np.ndarray, quadrant_pixel: np.ndarray, corner: np.ndarray,
                    quadrant_of: np.ndarray, in_quadrant: np.ndarray
                    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The distinct sample points of the pixels rows, cols (M,) int64 crop px (`edge_coverage.shared_samples`):
    each pixel's samples are the quadrants of the pixels at its `quadrant_pixel` (4, 2) (dy, dx) offsets, a
    quadrant's points at `corner` (Q, 2) float32 (x, y) px off its pixel's centre. The quadrants in row-major
    order of their pixels: x, y (4 Q,) float32 crop px per point, (4 Q,) int64 the first of the M pixels each
    belongs to, (M, S) int64 each pixel's samples' indices into the points (sample s: quadrant
    `quadrant_of[s]`, point `in_quadrant[s]` within it)."""
    r0, c0 = rows.min(), cols.min()
    width = cols.max() - c0 + 2
    slot = np.full((rows.max() - r0 + 2) * width, -1, np.int64)
    for m in range(len(rows)):  # each quadrant's first pixel
        for q in range(len(quadrant_pixel)):
            key = (rows[m] + quadrant_pixel[q, 0] - r0) * width + cols[m] + quadrant_pixel[q, 1] - c0
            if slot[key] < 0:
                slot[key] = m
    count = 0
    for key in range(len(slot)):
        if slot[key] >= 0:
            count += 1
    per = len(corner)
    x = np.empty(count * per, np.float32)
    y = np.empty(count * per, np.float32)
    owner = np.empty(count * per, np.int64)
    done = 0
    for key in range(len(slot)):  # numbered in row-major order; `slot` then holds each quadrant's number
        if slot[key] < 0:
            continue
        row, col = np.float32(key // width + r0), np.float32(key % width + c0)
        for k in range(per):
            x[done * per + k] = col + corner[k, 0]
            y[done * per + k] = row + corner[k, 1]
            owner[done * per + k] = slot[key]
        slot[key] = done
        done += 1
    of = np.empty((len(rows), len(quadrant_of)), np.int64)
    for m in range(len(rows)):
        for s in range(len(quadrant_of)):
            q = quadrant_of[s]
            key = (rows[m] + quadrant_pixel[q, 0] - r0) * width + cols[m] + quadrant_pixel[q, 1] - c0
            of[m, s] = slot[key] * per + in_quadrant[s]
    return x, y, owner, of


@_kernel
def clamped_moves(x: np.ndarray, y: np.ndarray, tri: np.ndarray, target: np.ndarray, inverse: np.ndarray,
                  source: np.ndarray) -> np.ndarray:
    """(N, 2) float64 backward displacement at points x, y (N,) crop px, each by its triangle `tri` (N,) with
    the point first taken to the nearest point of the triangle in barycentric terms (`warp._clamped_map`: a
    thin triangle's map, extrapolated, would throw it far): target, source (F, 3, 2) the triangles' corners,
    inverse (F, 2, 2) float64 `warp._edge_inverse(target)`. The offset from the first corner in the points'
    and corners' float type, the rest in float64."""
    out = np.empty((len(x), 2))
    for i in range(len(x)):
        t = tri[i]
        dx, dy = x[i] - target[t, 0, 0], y[i] - target[t, 0, 1]
        b1 = max(inverse[t, 0, 0] * dx + inverse[t, 0, 1] * dy, 0.0)
        b2 = max(inverse[t, 1, 0] * dx + inverse[t, 1, 1] * dy, 0.0)
        total = max(b1 + b2, 1.0)
        b1, b2 = b1 / total, b2 / total
        for a in range(2):
            s0 = np.float64(source[t, 0, a])
            moved = s0 + b1 * (np.float64(source[t, 1, a]) - s0) + b2 * (np.float64(source[t, 2, a]) - s0)
            out[i, a] = moved - (np.float64(x[i]) if a == 0 else np.float64(y[i]))
    return out


@_kernel
def polygon_depths(points: np.ndarray, polygon: np.ndarray) -> np.ndarray:
    """(P,) float64 signed distance (px, positive inside, negative outside) of each of `points` ((P, 2) float32
    px) to the closed polygon `polygon` ((N, 2) float32 px): `cv2.pointPolygonTest(polygon, point, True)` per
    point, its integer rules and float operations in its order (the offsets in float32, the rest in float64:
    the squared distance to the nearest segment kept as a ratio, the inside test by crossings to the right)."""
    n = len(polygon)
    out = np.empty(len(points))
    for p in range(len(points)):
        x, y = points[p, 0], points[p, 1]
        best_num, best_den = np.float64(3.4028234663852886e38), 1.0  # FLT_MAX: OpenCV's start
        crossings = 0
        bx, by = polygon[n - 1, 0], polygon[n - 1, 1]
        for i in range(n):
            ax, ay = bx, by
            bx, by = polygon[i, 0], polygon[i, 1]
            ex, ey = np.float64(bx - ax), np.float64(by - ay)
            ux, uy = np.float64(x - ax), np.float64(y - ay)
            wx, wy = np.float64(x - bx), np.float64(y - by)
            den = 1.0
            if ux * ex + uy * ey <= 0:
                num = ux * ux + uy * uy
            elif wx * ex + wy * ey >= 0:
                num = wx * wx + wy * wy
            else:
                num = uy * ex - ux * ey
                num *= num
                den = ex * ex + ey * ey
            if num * best_den < best_num * den:
                best_num, best_den = num, den
                if best_num == 0:
                    break
            if (ay <= y and by <= y) or (ay > y and by > y) or (ax < x and bx < x):
                continue
            side = uy * ex - ux * ey
            if ey < 0:
                side = -side
            crossings += side > 0
        depth = np.sqrt(best_num / best_den)
        out[p] = depth if crossings % 2 else -depth
    return out


@_kernel
def nearest_segments(points: np.ndarray, polygon: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per point of `points` ((K, 2) float64 px): signed distance (K,) px to the closed polygon `polygon`
    ((M, 2) float64 px) along its nearest segment's outward normal (positive outside), that normal (K, 2) and
    the segment (K,) int64, i from corner i to corner i + 1 (mod M): `lip_ring.nearest_segment`'s and
    `far_jaw`'s numpy, the same float operations in the same order (the first nearest segment on ties; the
    polygon's orientation from its shoelace sum)."""
    m = len(polygon)
    twice_area = 0.0
    for i in range(m):
        j = (i + 1) % m
        twice_area += polygon[i, 0] * polygon[j, 1] - polygon[j, 0] * polygon[i, 1]
    flip = 1.0 if twice_area > 0 else -1.0
    edges = np.empty((m, 2))
    normals = np.empty((m, 2))
    for i in range(m):
        j = (i + 1) % m
        ex, ey = polygon[j, 0] - polygon[i, 0], polygon[j, 1] - polygon[i, 1]
        edges[i, 0], edges[i, 1] = ex, ey
        nx, ny = ey * flip, -ex * flip
        length = max(np.sqrt(nx * nx + ny * ny), 1e-9)
        normals[i, 0], normals[i, 1] = nx / length, ny / length
    distance = np.empty(len(points))
    normal = np.empty((len(points), 2))
    segment = np.empty(len(points), np.int64)
    for k in range(len(points)):
        px, py = points[k, 0], points[k, 1]
        best, best_x, best_y, best_i = np.inf, 0.0, 0.0, 0
        for i in range(m):
            ex, ey = edges[i, 0], edges[i, 1]
            t = ((px - polygon[i, 0]) * ex + (py - polygon[i, 1]) * ey) / max(ex * ex + ey * ey, 1e-9)
            t = min(max(t, 0.0), 1.0)
            qx, qy = polygon[i, 0] + t * ex, polygon[i, 1] + t * ey
            dx, dy = px - qx, py - qy
            gap = np.sqrt(dx * dx + dy * dy)
            if gap < best:
                best, best_x, best_y, best_i = gap, qx, qy, i
        segment[k] = best_i
        normal[k, 0], normal[k, 1] = normals[best_i, 0], normals[best_i, 1]
        distance[k] = (px - best_x) * normal[k, 0] + (py - best_y) * normal[k, 1]
    return distance, normal, segment


@_kernel
def point_normals(polygon: np.ndarray) -> np.ndarray:
    """(N, 2) float64 unit normal at each point of the closed polygon `polygon` ((N, 2) float64 px): the chord
    from the point before it to the point after it, (x, y) -> (y, -x), over its length (at least 1e-6):
    `far_jaw._outward`'s numpy (two rolls, `np.linalg.norm`), the same float operations in the same order."""
    n = len(polygon)
    out = np.empty((n, 2))
    for i in range(n):
        after, before = polygon[(i + 1) % n], polygon[(i - 1) % n]
        tx, ty = after[0] - before[0], after[1] - before[1]
        length = max(np.sqrt(tx * tx + ty * ty), 1e-6)
        out[i, 0], out[i, 1] = ty / length, -tx / length
    return out


@_kernel
def edge_inverses(target: np.ndarray, least: float) -> np.ndarray:
    """(F, 2, 2) float64 inverse of each triangle's edge matrix [v1 - v0, v2 - v0] (target (F, 3, 2) px, in
    float64), its determinant kept at least `least` from zero (its sign kept, +least for 0): `warp._edge_inverse`."""
    out = np.empty((len(target), 2, 2))
    for f in range(len(target)):
        x0, y0 = np.float64(target[f, 0, 0]), np.float64(target[f, 0, 1])
        e1x, e1y = np.float64(target[f, 1, 0]) - x0, np.float64(target[f, 1, 1]) - y0
        e2x, e2y = np.float64(target[f, 2, 0]) - x0, np.float64(target[f, 2, 1]) - y0
        det = e1x * e2y - e1y * e2x
        if abs(det) < least:
            det = -least if det < 0 else least
        out[f, 0, 0], out[f, 0, 1] = e2y / det, -e2x / det
        out[f, 1, 0], out[f, 1, 1] = -e1y / det, e1x / det
    return out


@_kernel
def triangle_bounds(target: np.ndarray, flat: float) -> tuple[np.ndarray, np.ndarray]:
    """(F, 2) float64 lowest and highest x, y of each triangle of target (F, 3, 2) px; -inf and +inf for a
    triangle whose doubled area (in float64) is under `flat` in size: `warp._bounds`."""
    lo = np.empty((len(target), 2))
    hi = np.empty((len(target), 2))
    for f in range(len(target)):
        x0, y0 = np.float64(target[f, 0, 0]), np.float64(target[f, 0, 1])
        e1x, e1y = np.float64(target[f, 1, 0]) - x0, np.float64(target[f, 1, 1]) - y0
        e2x, e2y = np.float64(target[f, 2, 0]) - x0, np.float64(target[f, 2, 1]) - y0
        if abs(e1x * e2y - e1y * e2x) < flat:
            lo[f, 0], lo[f, 1], hi[f, 0], hi[f, 1] = -np.inf, -np.inf, np.inf, np.inf
            continue
        for a in range(2):
            v0, v1, v2 = np.float64(target[f, 0, a]), np.float64(target[f, 1, a]), np.float64(target[f, 2, a])
            lo[f, a] = min(min(v0, v1), v2)
            hi[f, a] = max(max(v0, v1), v2)
    return lo, hi


@_kernel
def affine_maps(target: np.ndarray, source: np.ndarray, inverse: np.ndarray) -> np.ndarray:
    """(F, 2, 3) float32 affine maps sending each target triangle onto its source triangle (target, source
    (F, 3, 2) px; inverse (F, 2, 2) float64 `edge_inverses(target)`), worked out in float64: the linear part
    L = [s1 - s0, s2 - s0] @ inverse, the shift s0 - L t0. Rounded as numpy's statement of it rounds on
    OpenBLAS (`@` on (F, 2, 2): each entry fma(a1, b1, fma(a0, b0, 0)); `np.einsum("fij,fj->fi")`: (0 + p0) + p1),
    which tests/mesh/test_map_kernels.py checks bit for bit."""
    out = np.empty((len(target), 2, 3), np.float32)
    for f in range(len(target)):
        for i in range(2):
            s0 = np.float64(source[f, 0, i])
            e0, e1 = np.float64(source[f, 1, i]) - s0, np.float64(source[f, 2, i]) - s0
            l0 = _fused(e1, inverse[f, 1, 0], _fused(e0, inverse[f, 0, 0], 0.0))
            l1 = _fused(e1, inverse[f, 1, 1], _fused(e0, inverse[f, 0, 1], 0.0))
            shift = s0 - ((0.0 + l0 * np.float64(target[f, 0, 0])) + l1 * np.float64(target[f, 0, 1]))
            out[f, i, 0], out[f, i, 1], out[f, i, 2] = l0, l1, shift
    return out


@_kernel
def laid_back(coarse: np.ndarray, laid: np.ndarray, positions: np.ndarray, ids: np.ndarray, still: np.float32,
              moved: np.ndarray, spread: np.ndarray) -> None:
    """`warp.MeshWarp._lay_out`'s ending in one pass: `coarse` ((h, w, 2) float32 displacement) set in place to the
    laid-out source positions `laid` ((h, w, 2) float32 crop px) less the samples' own `positions` (same shape);
    `moved` ((h, w) bool) set where that moved a sample by more than `still` px along x or y, and `spread` ((F,) bool)
    set True at the triangles `ids` ((h, w) int, -1: none) of those samples. The same float32 differences as numpy's."""
    for r in range(coarse.shape[0]):
        for c in range(coarse.shape[1]):
            x = laid[r, c, 0] - positions[r, c, 0]
            y = laid[r, c, 1] - positions[r, c, 1]
            far = max(abs(x - coarse[r, c, 0]), abs(y - coarse[r, c, 1])) > still
            coarse[r, c, 0] = x
            coarse[r, c, 1] = y
            moved[r, c] = far
            if far and ids[r, c] >= 0:
                spread[ids[r, c]] = True


@_kernel
def _clamped_zero(v: np.float32) -> np.float32:
    """np.maximum(v, 0) of a float32: v where v >= 0 or NaN, else +0.0."""
    return v if v >= 0 or v != v else np.float32(0)


@_kernel
def _smoother(x: np.float32, y: np.float32, before: np.ndarray, after: np.ndarray, two_s: np.float32
              ) -> tuple[np.float32, np.float32]:
    """`warp.surface_gradients`' `smoother` at one sample (x, y: its displacement; before, after: (2,) the samples two
    behind and ahead), over `two_s`: the difference behind where its squared length is not the larger, else ahead."""
    b0, b1 = x - before[0], y - before[1]
    a0, a1 = after[0] - x, after[1] - y
    if b0 * b0 + b1 * b1 <= a0 * a0 + a1 * a1:
        return b0 / two_s, b1 / two_s
    return a0 / two_s, a1 / two_s


@_kernel
def surface_distortion(coarse: np.ndarray, two_sx: np.float32, two_sy: np.float32
                       ) -> tuple[np.ndarray, np.ndarray]:
    """`warp.surface_distortion` of a float32 (h, w, 2) backward displacement (any strides) in one pass, bit for bit
    its numpy statement (`surface_gradients` then `_distortion`, tests/mesh/test_health_speed.py): per inner sample
    (h-2, w-2), folded (bool) and the largest stretch (float32). Along each axis the one-sided difference over two
    samples (the grid's edge repeated) whose squared length is the smaller (the one behind on a tie) over `two_sx` /
    `two_sy` (float32: twice the spacing, px)."""
    h, w = coarse.shape[:2]
    folded = np.empty((max(h - 2, 0), max(w - 2, 0)), np.bool_)
    stretch = np.empty((max(h - 2, 0), max(w - 2, 0)), np.float32)
    one, least = np.float32(1), np.float32(1e-9)
    for i in range(h - 2):
        r = i + 1
        up, down = max(r - 2, 0), min(r + 2, h - 1)
        for j in range(w - 2):
            c = j + 1
            left, right = max(c - 2, 0), min(c + 2, w - 1)
            x0, y0 = coarse[r, c, 0], coarse[r, c, 1]
            dx0, dx1 = _smoother(x0, y0, coarse[r, left], coarse[r, right], two_sx)
            dy0, dy1 = _smoother(x0, y0, coarse[up, c], coarse[down, c], two_sy)
            a, b, cc, d = one + dx0, dy0, dx1, one + dy1  # the backward Jacobian [[a, b], [cc, d]]
            det = a * d - b * cc
            frob = a * a + b * b + cc * cc + d * d
            root = np.sqrt(_clamped_zero(frob * frob - np.float32(4) * det * det))
            smallest = np.sqrt(_clamped_zero(frob - root) / np.float32(2))
            folded[i, j] = det < 0
            stretch[i, j] = one / (smallest if smallest >= least or smallest != smallest else least)
    return folded, stretch
