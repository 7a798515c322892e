"""The map stage's compiled kernels (`engines.mesh.geometry.map_kernels`) against plain numpy statements of what each
computes (the rasteriser: against OpenCV's), bit for bit."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from mesh_faces import portrait, set_up_copy

from facereel.engines.mesh.geometry import edge_coverage, map_kernels, warp
from facereel.engines.mesh.geometry.mesh_topology import face_triangles
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget


def _jump_cells_reference(coarse, ids, moves, xs, ys, limit):
    """Every cell with mixed corner ids where some corner triangle's map misses the field by more than
    `limit` px at some corner (float32, as the kernel: ((a x + b y) + c) - field)."""
    h, w = ids.shape
    corners = ((0, 0), (0, 1), (1, 0), (1, 1))
    tri = [ids[ky:h - 1 + ky, kx:w - 1 + kx] for ky, kx in corners]
    mixed = (tri[1] != tri[0]) | (tri[2] != tri[0]) | (tri[3] != tri[0])
    worst = np.zeros((h - 1, w - 1), np.float32)
    for t in tri:
        m = moves[:, t]  # id -1 takes the last column (no triangle)
        for ky, kx in corners:
            x, y = xs[kx:w - 1 + kx][None, :], ys[ky:h - 1 + ky][:, None]
            ex = m[0] * x + m[1] * y + m[2] - coarse[ky:h - 1 + ky, kx:w - 1 + kx, 0]
            ey = m[3] * x + m[4] * y + m[5] - coarse[ky:h - 1 + ky, kx:w - 1 + kx, 1]
            worst = np.maximum(worst, ex * ex + ey * ey)
    return np.nonzero(mixed & (worst > np.float32(limit * limit)))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_jump_cells_match_numpy_on_random_fields(seed):
    rng = np.random.default_rng(seed)
    h, w, faces = 40, 50, 30
    ids = rng.integers(-1, faces, (h, w)).astype(np.int32)
    ids[10:30, 10:30] = 5  # a region of one triangle: no cell there
    moves = np.zeros((6, faces + 1), np.float32)
    moves[:, :-1] = rng.normal(0, 2, (6, faces)).astype(np.float32) * np.float32(0.1)
    coarse = rng.normal(0, 1.5, (h, w, 2)).astype(np.float32)
    xs = (np.arange(w, dtype=np.float32) * np.float32(3.2))
    ys = (np.arange(h, dtype=np.float32) * np.float32(3.2))
    qy, qx = map_kernels.jump_cells(coarse, ids, moves, xs, ys, 1.0)
    ry, rx = _jump_cells_reference(coarse, ids, moves, xs, ys, 1.0)
    assert len(ry) > 0 and len(ry) < (h - 1) * (w - 1)  # some cells jump, some do not
    np.testing.assert_array_equal(qy, ry)
    np.testing.assert_array_equal(qx, rx)


def _random_pixels(rng, count=400, size=30):
    """Distinct random pixels (rows, cols (N,) int64) in a size x size square."""
    flat = rng.choice(size * size, count, replace=False)
    return (flat // size).astype(np.int64), (flat % size).astype(np.int64)


@pytest.mark.parametrize("seed", [0, 1])
def test_straddling_pairs_match_numpy(seed):
    rng = np.random.default_rng(seed)
    rows, cols = _random_pixels(rng)
    tri = rng.integers(0, 6, len(rows)).astype(np.int64)
    moves = np.zeros((6, 7), np.float32)
    moves[:, :-1] = rng.normal(0, 0.05, (6, 6)).astype(np.float32)
    at, flat = edge_coverage._index_image(rows, cols)
    pairs = map_kernels.straddling_pairs(at, flat, rows, cols, tri, moves, 1.0)
    expected = []
    for step in (1, at.shape[1]):  # numpy: right neighbours, then lower ones
        other = at.ravel()[flat + step]
        pair = np.flatnonzero((other >= 0) & (np.take(tri, other) != tri))
        mine, theirs = tri[pair], tri[other[pair]]
        x, y = cols[pair].astype(np.float64), rows[pair].astype(np.float64)
        gap = [moves[k, theirs] * x + moves[k + 1, theirs] * y + moves[k + 2, theirs]
               - (moves[k, mine] * x + moves[k + 1, mine] * y + moves[k + 2, mine]) for k in (0, 3)]
        pair = pair[gap[0] * gap[0] + gap[1] * gap[1] > 1.0]
        expected.append(np.stack([pair, other[pair]], 1))
    expected = np.concatenate(expected)
    assert 0 < len(expected) < 2 * len(rows)
    np.testing.assert_array_equal(pairs, expected)


def _index_image_reference(rows, cols):
    """`map_kernels.index_image` stated in numpy (`edge_coverage._index_image` before it was compiled)."""
    r0, c0 = int(rows.min()) - 1, int(cols.min()) - 1
    width = int(cols.max()) - c0 + 2
    at = np.full((int(rows.max()) - r0 + 2) * width, -1, dtype=np.int32)
    flat = (rows - r0).astype(np.int64) * width + (cols - c0)
    at[flat] = np.arange(len(rows), dtype=np.int32)
    return at.reshape(-1, width), flat


@pytest.mark.parametrize("seed", [0, 1])
def test_index_image_matches_numpy(seed):
    rng = np.random.default_rng(seed)
    rows, cols = _random_pixels(rng)
    for r, c in ((rows, cols), (rows + 200, cols.astype(np.int32)), (rows[:1], cols[:1])):
        got, expected = map_kernels.index_image(r, c), _index_image_reference(r, c)
        for a, b in zip(got, expected):
            assert a.dtype == b.dtype
            np.testing.assert_array_equal(a, b)


def test_index_image_matches_numpy_on_a_real_turn(lp_s1_512, monkeypatch):
    """On frames of lp_s1 512 x 512 turning, every seam's index image (`jump_pairs`') equals its numpy statement's."""
    kernel, found = map_kernels.index_image, []

    def recording(rows, cols):
        out = kernel(rows, cols)
        for a, b in zip(out, _index_image_reference(rows, cols)):
            assert a.dtype == b.dtype
            np.testing.assert_array_equal(a, b)
        found.append(len(rows))
        return out

    monkeypatch.setattr(edge_coverage, "index_image", recording)
    _map_turn(*lp_s1_512)
    assert len(found) == 2 and min(found) > 100


def _triangle_table(rng, faces, size, dtype):
    """Random triangles in a size-px square: their corners (F, 3, 2) and cover coefficients (F, 6) (first
    vertex, edge matrix inverse row by row) in `dtype`."""
    corners = rng.uniform(0, size, (faces, 3, 2))
    inverse = warp._edge_inverse(corners)
    return corners, np.concatenate([corners[:, 0], inverse.reshape(-1, 4)], 1).astype(dtype)


def test_sample_triangles_match_numpy_slots():
    rng = np.random.default_rng(3)
    faces, pixels, points = 12, 40, 300
    _, table = _triangle_table(rng, faces, 20, np.float32)
    draw_order = rng.permutation(faces).astype(np.int64)
    near = -np.sort(-rng.integers(-1, faces, (9, pixels)), 0)  # ranks, last drawn first, -1 after
    owner = rng.integers(0, pixels, points).astype(np.int64)
    x, y = (rng.uniform(0, 20, points).astype(np.float32) for _ in range(2))
    low, high = np.float32(-1e-6), np.float32(1 + 1e-6)
    got = map_kernels.sample_triangles(near, owner, x, y, draw_order, table, low, high)
    expected = np.full(points, -1, np.int64)  # numpy, slot by slot over the samples still open
    open_ = np.arange(points)
    for k in range(9):
        slot = near[k, owner[open_]]
        open_, slot = open_[slot >= 0], slot[slot >= 0]
        t = table[draw_order[slot]]
        dx, dy = x[open_] - t[:, 0], y[open_] - t[:, 1]
        b1, b2 = t[:, 2] * dx + t[:, 3] * dy, t[:, 4] * dx + t[:, 5] * dy
        hit = (b1 >= -1e-6) & (b2 >= -1e-6) & (b1 + b2 <= 1 + 1e-6)
        expected[open_[hit]] = draw_order[slot][hit]
        open_ = open_[~hit]
    assert (expected >= 0).any() and (expected < 0).any()
    np.testing.assert_array_equal(got, expected)


def _first_cover(table, candidates, row, col, low, high) -> int:
    """The first of `candidates` whose triangle (barycentrics from `table` (F, 6)) covers pixel (col, row) within
    `low`, `high`, or -1."""
    for t in candidates:
        c = table[t]
        b1 = c[2] * (col - c[0]) + c[3] * (row - c[1])
        b2 = c[4] * (col - c[0]) + c[5] * (row - c[1])
        if b1 >= low and b2 >= low and b1 + b2 <= high:
            return int(t)
    return -1


def _seam_pixels_reference(qy, qx, ids, rank, table, xs, ys, width, height, unseen, low, high):
    """`seam_pixels` stated plainly: each cell's pixels (between its corner samples' centres, ceiled, inside the
    crop) row by row, each taking the first of the 4 x 4 samples' triangles, the last drawn first, that covers it
    (barycentrics from `table` (F, 6)), left out where none does or that one is unseen; (N, 4) rows, cols,
    triangle, cell. (The kernel's boxes: a shortcut, the same result.)"""
    h, w = ids.shape
    expected = []
    for q, (cy, cx) in enumerate(zip(qy, qx)):
        near = {ids[min(max(cy + dy, 0), h - 1), min(max(cx + dx, 0), w - 1)] for dy in range(-1, 3)
                for dx in range(-1, 3)} - {-1}
        candidates = sorted((t for t in near if rank[t] >= 0), key=lambda t: -rank[t])
        for row in range(max(int(np.ceil(ys[cy])), 0), min(int(np.ceil(ys[cy + 1])), height)):
            for col in range(max(int(np.ceil(xs[cx])), 0), min(int(np.ceil(xs[cx + 1])), width)):
                t = _first_cover(table, candidates, row, col, low, high)
                if t >= 0 and not unseen[t]:
                    expected.append((row, col, t, q))
    return np.array(expected, np.int64).reshape(-1, 4)


def test_seam_pixels_take_the_last_drawn_covering_candidate():
    rng = np.random.default_rng(4)
    faces, step, h, w = 25, 4, 12, 12
    corners, table = _triangle_table(rng, faces, step * w, np.float64)
    draw_order = rng.permutation(faces).astype(np.int64)
    rank = np.full(faces + 1, -1, np.int64)
    rank[draw_order] = np.arange(faces)
    ids = rng.integers(-1, faces, (h, w)).astype(np.int32)
    lo, hi = warp._bounds(corners)
    unseen = np.zeros(faces, bool)
    unseen[draw_order[-3:]] = True
    xs = ys = (np.arange(w, dtype=np.float32) * step + np.float32(1.5))
    qy, qx = np.nonzero(np.ones((h - 1, w - 1), bool))
    width = height = step * w - 2  # the last cells reach past the crop
    rows, cols, tri, cell = map_kernels.seam_pixels(qy, qx, ids, rank, lo, hi, table, xs, ys, width, height, unseen,
                                                    1.0, -1e-6, 1 + 1e-6)
    expected = _seam_pixels_reference(qy, qx, ids, rank, table, xs, ys, width, height, unseen, -1e-6, 1 + 1e-6)
    assert 0 < len(expected) < (width * height)
    np.testing.assert_array_equal(np.stack([rows, cols, tri, cell], 1), expected)


def _map_turn(image: np.ndarray, lm: np.ndarray) -> None:
    """Frames 12 and 30 of a 2 s preset:turn mapped on a fresh engine of `image` ((H, W, 3) uint8, landmarks `lm`)."""
    animator = set_up_copy(image, lm)
    targets = retarget(lm, preset_motion("turn", 2.0), RetargetOptions(smoothing=None, translate=True))
    for k in (12, 30):
        animator.map_frame(targets[k])


def test_seam_pixels_match_their_statement_on_a_real_turn(lp_s1_512, monkeypatch):
    """On frames of lp_s1 512 x 512 turning (preset:turn), every seam's pixels and triangles as the render finds them
    (`MeshWarp._seam`'s call, its candidates' coefficients copied element by element) equal the plain statement's,
    bit for bit; the frames have seams of some hundred pixels."""
    kernel, found = map_kernels.seam_pixels, []

    def recording(qy, qx, ids, rank, lo, hi, table, xs, ys, width, height, unseen, margin, low, high):
        out = kernel(qy, qx, ids, rank, lo, hi, table, xs, ys, width, height, unseen, margin, low, high)
        expected = _seam_pixels_reference(qy, qx, ids, rank, table, xs, ys, width, height, unseen, low, high)
        np.testing.assert_array_equal(np.stack(out, 1), expected)
        found.append(len(expected))
        return out

    monkeypatch.setattr(warp, "seam_pixels", recording)
    _map_turn(*lp_s1_512)
    assert len(found) == 2 and min(found) > 100


def _checked(kernel, reference, found: list[int]):
    """A stand-in for `kernel` that checks each call's (rows, cols) cells against `reference`'s, bit for bit, and
    appends how many it found to `found`."""

    def recording(*args):
        out = kernel(*args)
        np.testing.assert_array_equal(np.stack(out), np.stack(reference(*args)))
        found.append(len(out[0]))
        return out

    return recording


def test_jump_cells_match_numpy_on_a_real_turn(lp_s1_512, monkeypatch):
    """On frames of lp_s1 512 x 512 turning (preset:turn), the jump cells as the render finds them (`MeshWarp._seam`'s
    call on the moving box; each distinct corner triangle taken once, its corners held in scalars) equal the numpy
    statement's, bit for bit; the box has thousands of mixed cells and some jump."""
    found = []
    monkeypatch.setattr(warp, "jump_cells", _checked(map_kernels.jump_cells, _jump_cells_reference, found))
    _map_turn(*lp_s1_512)
    assert len(found) == 2 and min(found) > 10


def _uncovered_jumps_reference(coarse, ids, moves, xs, ys, rank, table, unseen, limit, low, high):
    """The cells around each sample whose own triangle's cover test (`table`, as `_covers`, float64) fails while the
    last drawn (`rank`) covering triangle of the 5 x 5 samples around it, not `unseen`, maps it more than `limit` px
    off the field (float32: ((a x + b y) + c) - field), row by row."""
    h, w = ids.shape

    def covers(t, x, y):
        dx, dy = x - table[t, 0], y - table[t, 1]
        b1, b2 = table[t, 2] * dx + table[t, 3] * dy, table[t, 4] * dx + table[t, 5] * dy
        return (b1 >= low) & (b2 >= low) & (b1 + b2 <= high)

    gy, gx = np.meshgrid(ys.astype(np.float64), xs.astype(np.float64), indexing="ij")
    own = np.maximum(ids, 0)
    cells = np.zeros((h - 1, w - 1), bool)
    for r, c in zip(*np.nonzero((ids >= 0) & ~covers(own, gx, gy))):
        window = ids[max(r - 2, 0):r + 3, max(c - 2, 0):c + 3].ravel()
        window = [u for u in set(window.tolist()) if u >= 0 and u != ids[r, c] and covers(u, gx[r, c], gy[r, c])]
        if not window:
            continue
        u = max(window, key=lambda u: rank[u])
        m = moves[:, u]
        ex = m[0] * xs[c] + m[1] * ys[r] + m[2] - coarse[r, c, 0]
        ey = m[3] * xs[c] + m[4] * ys[r] + m[5] - coarse[r, c, 1]
        if not unseen[u] and ex * ex + ey * ey > np.float32(limit * limit):
            cells[max(r - 1, 0):r + 1, max(c - 1, 0):c + 1] = True
    return np.nonzero(cells)


@pytest.mark.parametrize("seed", [0, 1])
def test_uncovered_jumps_match_numpy_on_random_fields(seed):
    """Random ids, covers (each triangle a random affine test) and fields: the kernel's cells equal the numpy
    statement's; some cells are found, not all."""
    rng = np.random.default_rng(seed)
    h, w, faces = 30, 34, 25
    ids = rng.integers(-1, faces, (h, w)).astype(np.int32)
    moves = np.zeros((6, faces + 1), np.float32)
    moves[:, :-1] = rng.normal(0, 2, (6, faces)).astype(np.float32) * np.float32(0.1)
    coarse = rng.normal(0, 1.5, (h, w, 2)).astype(np.float32)
    xs, ys = np.arange(w, dtype=np.float32) * np.float32(3.2), np.arange(h, dtype=np.float32) * np.float32(3.2)
    table = np.concatenate([rng.uniform(0, 100, (faces, 2)), rng.normal(0, 0.05, (faces, 4))], 1)
    rank = np.append(rng.permutation(faces), -1).astype(np.int64)
    unseen = rng.random(faces) < 0.2
    qy, qx = map_kernels.uncovered_jumps(coarse, ids, moves, xs, ys, rank, table, unseen, 1.0, -1e-6, 1 + 1e-6)
    ry, rx = _uncovered_jumps_reference(coarse, ids, moves, xs, ys, rank, table, unseen, 1.0, -1e-6, 1 + 1e-6)
    assert 0 < len(ry) < (h - 1) * (w - 1)
    np.testing.assert_array_equal(qy, ry)
    np.testing.assert_array_equal(qx, rx)


def test_uncovered_jumps_match_numpy_on_a_real_turn(lp_s1_512, monkeypatch):
    """On frames of lp_s1 512 x 512 turning (preset:turn), the cells around conservatively labelled corners over a
    jump as the render finds them (`MeshWarp._seam`'s call on the moving box) equal the numpy statement's, bit for
    bit; both frames have some."""
    found = []
    checked = _checked(map_kernels.uncovered_jumps, _uncovered_jumps_reference, found)
    monkeypatch.setattr(warp, "uncovered_jumps", checked)
    _map_turn(*lp_s1_512)
    assert len(found) == 2 and min(found) > 0


@pytest.mark.parametrize("seed", range(3))
def test_neighbour_cells_match_a_dilation(seed):
    """`warp._with_neighbours`'s kernel against its numpy statement: the cells' 3 x 3 dilation (OpenCV, zeros past
    the grid) and its nonzero cells row by row."""
    rng = np.random.default_rng(seed)
    shape = (37, 41)
    picked = rng.random(shape) < 0.03
    picked[0, 5] = picked[-1, -1] = picked[10, 0] = True  # at the grid's sides
    qy, qx = np.nonzero(picked)
    ys, xs, jump = map_kernels.neighbour_cells(qy.astype(np.int64), qx.astype(np.int64), *shape)
    dilated = cv2.dilate(picked.astype(np.uint8), np.ones((3, 3), np.uint8), borderType=cv2.BORDER_CONSTANT,
                         borderValue=0)
    ry, rx = np.nonzero(dilated)
    np.testing.assert_array_equal(jump, picked)
    np.testing.assert_array_equal(np.stack([ys, xs]), np.stack([ry, rx]))


def test_agreeing_pixels_match_numpy():
    """The seam's kept pixels (`warp.MeshWarp._seam`) against the numpy statement: a jump cell's pixels, and the
    others whose exact map is within the limit of the bilinear one on both axes (NaN: dropped), moved to the front of
    their arrays in order."""
    rng = np.random.default_rng(7)
    h, w, cells, n = 30, 40, 6, 400
    bilinear = rng.normal(0, 2, (h, w, 2)).astype(np.float32)
    rows, cols = rng.integers(0, h, n), rng.integers(0, w, n)
    exact = bilinear[rows, cols].astype(np.float64) + rng.normal(0, 1.2, (n, 2))
    exact[::37, 1] = np.nan
    qy, qx = rng.integers(0, 5, cells), rng.integers(0, 5, cells)
    jump = np.zeros((5, 5), bool)
    jump[qy[:2], qx[:2]] = True
    cell = rng.integers(0, cells, n)
    tris = rng.integers(0, 50, n)
    expected = jump[qy[cell], qx[cell]] | (np.abs(exact - bilinear[rows, cols]).max(1) <= 1.0)
    wanted = [a[expected] for a in (rows, cols, tris, exact)]
    kept = map_kernels.agreeing_pixels(cell, jump, qy, qx, rows, cols, tris, exact, bilinear, 1.0)
    assert 0 < expected.sum() < n
    assert kept == expected.sum()
    for got, want in zip((rows, cols, tris, exact), wanted):  # moved to the front, in order
        np.testing.assert_array_equal(got[:kept], want)


def _unheld_reference(rows, cols, tris, share, holds, width, height):
    """`warp.MeshWarp._seam`'s held pixels' rule as numpy states it: kept where the pixel's triangle is not held or
    the share its coarse sample changed is 0 (NaN: not kept)."""
    h, w = share.shape
    cells = np.minimum(rows * h // height, h - 1), np.minimum(cols * w // width, w - 1)
    return (share[cells] == 0) | ~holds[np.maximum(tris, 0)]


def test_unheld_pixels_match_numpy():
    """The seam's pixels kept beside a hold (`unheld_pixels`) against the numpy statement: a held triangle's pixels
    on a changed coarse sample dropped (NaN shares too), the rest moved to the front of their arrays in order."""
    rng = np.random.default_rng(11)
    h, w, width, height, n, faces = 20, 30, 77, 52, 500, 40
    share = np.where(rng.random((h, w)) < 0.5, 0, rng.random((h, w))).astype(np.float32)
    share[3, ::4] = np.nan
    holds = rng.random(faces) < 0.5
    rows, cols, tris = rng.integers(0, height, n), rng.integers(0, width, n), rng.integers(0, faces, n)
    exact = rng.normal(0, 2, (n, 2))
    expected = _unheld_reference(rows, cols, tris, share, holds, width, height)
    wanted = [a[expected] for a in (rows, cols, tris, exact)]
    kept = map_kernels.unheld_pixels(rows, cols, tris, exact, share, holds, width, height)
    assert 0 < expected.sum() < n
    assert kept == expected.sum()
    for got, want in zip((rows, cols, tris, exact), wanted):  # moved to the front, in order
        np.testing.assert_array_equal(got[:kept], want)


def test_unheld_pixels_match_numpy_on_a_real_drive(lp_s1_512, monkeypatch):
    """On frames of lp_s1 512 x 512 turning (preset:turn), its earrings held (`pendants.hold_pendants`), the seam's
    pixels kept beside the hold as the render finds them (`MeshWarp._seam`'s call) equal the numpy statement's, bit
    for bit; some are dropped."""
    kernel, dropped = map_kernels.unheld_pixels, []

    def recording(rows, cols, tris, exact, share, holds, width, height):
        expected = _unheld_reference(rows, cols, tris, share, holds, width, height)
        wanted = [a[expected] for a in (rows, cols, tris, exact)]
        kept = kernel(rows, cols, tris, exact, share, holds, width, height)
        assert kept == expected.sum()
        for got, want in zip((rows, cols, tris, exact), wanted):
            np.testing.assert_array_equal(got[:kept], want)
        dropped.append(len(expected) - kept)
        return kept

    monkeypatch.setattr(warp, "unheld_pixels", recording)
    _map_turn(*lp_s1_512)
    assert len(dropped) == 2 and max(dropped) > 0


def _uncovered_pixels_reference(qy, qx, jump, rows, cols, xs, ys, width, height, draw_order, table, unseen, low, high):
    """`uncovered_pixels` stated plainly: each jump cell's pixels (between its corner samples' centres, ceiled, inside
    the crop) row by row that are not among (rows, cols), each taking the first of all the triangles, the last drawn
    first, that covers it (barycentrics from `table` (F, 6)), left out where none does or that one is unseen; (N, 4)
    rows, cols, triangle, cell. (The kernel's boxes: a shortcut, the same result.)"""
    taken = set(zip(rows.tolist(), cols.tolist()))
    expected = []
    for q, (cy, cx) in enumerate(zip(qy, qx)):
        if not jump[cy, cx]:
            continue
        for row in range(max(int(np.ceil(ys[cy])), 0), min(int(np.ceil(ys[cy + 1])), height)):
            for col in range(max(int(np.ceil(xs[cx])), 0), min(int(np.ceil(xs[cx + 1])), width)):
                t = -1 if (row, col) in taken else _first_cover(table, draw_order[::-1], row, col, low, high)
                if t >= 0 and not unseen[t]:
                    expected.append((row, col, t, q))
    return np.array(expected, np.int64).reshape(-1, 4)


def test_uncovered_pixels_take_the_last_drawn_covering_triangle():
    """Random triangles (one flat: its box unbounded), jump cells and pixels already taken: the kernel's pixels and
    triangles equal the plain statement's; some are found, some left out (taken, none covering, or unseen)."""
    rng = np.random.default_rng(6)
    faces, step, h, w = 25, 4, 12, 12
    corners, _ = _triangle_table(rng, faces, step * w, np.float64)
    draw_order = rng.permutation(faces).astype(np.int64)
    corners[draw_order[-5]] = [[3.0, 4.0], [20.0, 30.0], [37.0, 56.0]]  # on one line
    table = np.concatenate([corners[:, 0], warp._edge_inverse(corners).reshape(-1, 4)], 1)
    lo, hi = warp._bounds(corners)
    unseen = np.zeros(faces, bool)
    unseen[draw_order[-3:]] = True
    xs = ys = (np.arange(w, dtype=np.float32) * step + np.float32(1.5))
    qy, qx = np.nonzero(np.ones((h - 1, w - 1), bool))
    jump = rng.random((h - 1, w - 1)) < 0.5
    width = height = step * w - 2  # the last cells reach past the crop
    rows, cols = rng.integers(0, height, 200), rng.integers(0, width, 200)
    got = map_kernels.uncovered_pixels(qy, qx, jump, rows, cols, xs, ys, width, height, draw_order, lo, hi, table,
                                       unseen, 1.0, -1e-6, 1 + 1e-6)
    expected = _uncovered_pixels_reference(qy, qx, jump, rows, cols, xs, ys, width, height, draw_order, table, unseen,
                                           -1e-6, 1 + 1e-6)
    assert 0 < len(expected) < jump.sum() * step * step
    np.testing.assert_array_equal(np.stack(got, 1), expected)
    # An infinite margin (`test_warp_seams`' every candidate) looks through every triangle: the same pixels (its
    # squares' spans were an infinity cast to int: none, and no pixel found).
    unbounded = map_kernels.uncovered_pixels(qy, qx, jump, rows, cols, xs, ys, width, height, draw_order, lo, hi,
                                             table, unseen, np.inf, -1e-6, 1 + 1e-6)
    np.testing.assert_array_equal(np.stack(unbounded, 1), expected)


def test_uncovered_pixels_match_their_statement_on_a_real_turn(lp_s1_512, monkeypatch):
    """On frames of lp_s1 512 x 512 turning (preset:turn), the jump cells' pixels the seam's candidates left out and
    their triangles as the render finds them (`MeshWarp._seam`'s call) equal the plain statement's, bit for bit; the
    frames have some."""
    kernel, found = map_kernels.uncovered_pixels, []

    def recording(qy, qx, jump, rows, cols, xs, ys, width, height, draw_order, lo, hi, table, unseen, margin, low,
                  high):
        out = kernel(qy, qx, jump, rows, cols, xs, ys, width, height, draw_order, lo, hi, table, unseen, margin, low,
                     high)
        expected = _uncovered_pixels_reference(qy, qx, jump, rows, cols, xs, ys, width, height, draw_order, table,
                                               unseen, low, high)
        np.testing.assert_array_equal(np.stack(out, 1), expected)
        found.append(len(expected))
        return out

    monkeypatch.setattr(warp, "uncovered_pixels", recording)
    _map_turn(*lp_s1_512)
    assert len(found) == 2 and min(found) > 0, found


def test_affine_field_matches_numpy_gathers():
    rng = np.random.default_rng(5)
    h, w, faces = 20, 30, 8
    ids = rng.integers(-1, faces, (h, w)).astype(np.int32)
    moves = np.zeros((6, faces + 1), np.float32)
    moves[:, :-1] = rng.normal(0, 1, (6, faces)).astype(np.float32)
    x, y = np.meshgrid(np.arange(w, dtype=np.float32) * np.float32(4.1),
                       np.arange(h, dtype=np.float32) * np.float32(3.7))
    field = np.full((h, w, 2), np.nan, np.float32)
    thin_tris, unseen = np.arange(faces) % 3 == 0, np.arange(faces) % 4 == 1
    thin, hidden = map_kernels.affine_field(field, ids, moves, x, y, thin_tris, unseen)
    for axis in (0, 1):
        a, b, c = (moves[3 * axis + k][ids] for k in range(3))
        np.testing.assert_array_equal(field[..., axis], a * x + b * y + c)
    assert (field[ids < 0] == 0).all()
    # The samples of thin and of unseen triangles, in the order a boolean mask gives them (id -1: neither).
    np.testing.assert_array_equal(thin, np.flatnonzero(thin_tris[ids] & (ids >= 0)))
    np.testing.assert_array_equal(hidden, np.flatnonzero(unseen[ids] & (ids >= 0)))
    assert 0 < len(thin) < ids.size and 0 < len(hidden) < ids.size


def test_smooth_rings_match_numpy_rolls():
    rng = np.random.default_rng(9)
    move = rng.normal(0, 3, (4, 13, 2))
    expected = move.copy()
    for _ in range(5):
        expected = 0.25 * (np.roll(expected, 1, 1) + np.roll(expected, -1, 1)) + 0.5 * expected
    map_kernels.smooth_rings(move, 5)
    np.testing.assert_array_equal(move, expected)


def test_ring_passes_match_numpy_rolls():
    rng = np.random.default_rng(10)
    grid = rng.normal(0, 3, (3, 36))
    expected = grid.copy()
    for _ in range(16):
        expected = (np.roll(expected, 1, axis=1) + 2 * expected + np.roll(expected, -1, axis=1)) / 4
    kept = grid.copy()
    np.testing.assert_array_equal(map_kernels.ring_passes(grid, 16), expected)
    np.testing.assert_array_equal(grid, kept)  # a new array: the input is left as it was
    np.testing.assert_array_equal(map_kernels.ring_passes(grid, 0), grid)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_affine_points_match_numpy_in_the_points_dtype(dtype):
    rng = np.random.default_rng(6)
    moves = rng.normal(size=(6, 9)).astype(np.float32)
    tri = rng.integers(0, 9, 500)
    x, y = (rng.uniform(0, 500, 500).astype(dtype) for _ in range(2))
    m = [np.take(c, tri).astype(dtype) for c in moves]
    got = map_kernels.affine_points(x, y, tri, moves)
    assert got.dtype == dtype
    np.testing.assert_array_equal(got, np.stack([m[0] * x + m[1] * y + m[2], m[3] * x + m[4] * y + m[5]], 1))


@pytest.mark.parametrize("spread", [1.0, 8.0])
def test_fill_triangles_draw_the_pixels_fill_convex_poly_draws(spread):
    """The compiled rasteriser against OpenCV's own, one `cv2.fillConvexPoly` (LINE_8, 4 fractional bits) per
    triangle in the same order: thin, wide, degenerate (a repeated corner, three in a row), on exact half
    pixels and reaching past the image's sides (clipped outlines)."""
    rng = np.random.default_rng(7)
    shift, overlaps = 4, 0
    for _ in range(150):
        h, w = (int(n) for n in rng.integers(3, 40, 2))
        faces = 30
        centres = rng.uniform(-0.3, 1.3, (faces, 1, 2)) * [w, h]
        corners = centres + rng.normal(0, 1, (faces, 3, 2)) * rng.uniform(0.2, spread, (faces, 1, 1)) * 3
        corners[::4] = np.round(corners[::4] * 2) / 2  # on half pixels: the rounding rules' ties
        fixed = np.round(corners * (1 << shift)).astype(np.int32)
        fixed[1::7, 2] = fixed[1::7, 1]  # a repeated corner
        fixed[2::7, 2] = 2 * fixed[2::7, 1] - fixed[2::7, 0]  # three in a row
        order = rng.permutation(faces)[:-4].astype(np.int64)  # some left out
        expected = np.full((h, w), -1, np.int32)
        for f in order.tolist():
            cv2.fillConvexPoly(expected, fixed[f], f, cv2.LINE_8, shift)
        got = np.full((h, w), -1, np.int32)
        box = map_kernels.fill_triangles(got, fixed, order, shift)
        np.testing.assert_array_equal(got, expected)
        np.testing.assert_array_equal(box, np.concatenate([fixed[order].min((0, 1)), fixed[order].max((0, 1))]))
        overlaps += len(np.unique(expected)) < len(order)  # later triangles hid earlier ones
    assert overlaps > 0


def _band(rng, count=300, size=40):
    """Distinct pixels (rows, cols (M,) int64) along a wavy band, as a jump's are, in random order."""
    cols = rng.integers(0, size, 4 * count)
    rows = (size / 2 + 8 * np.sin(cols / 5) + rng.integers(-2, 3, len(cols))).astype(np.int64)
    flat = np.unique(rows * size + cols)
    flat = rng.permutation(flat)[:count]
    return flat // size, flat % size


def test_neighbour_ranks_match_numpy_sorts():
    rng = np.random.default_rng(8)
    rows, cols = _band(rng)
    tri = np.where(rng.random(len(rows)) < 0.1, rng.integers(0, 7, len(rows)), cols // 6 % 7)  # patches
    rank = np.append(rng.permutation(7), -1).astype(np.int64)
    index = edge_coverage._index_image(rows, cols)
    edge = rng.choice(len(rows), 120, replace=False)
    got = edge_coverage.neighbour_triangles(index, tri, edge, rank)
    at, flat = index  # numpy: gather the 3 x 3 ranks, sort, blank repeats, sort again
    place = flat[edge]
    near = np.stack([at.ravel()[place + dy * at.shape[1] + dx] for dy in (-1, 0, 1) for dx in (-1, 0, 1)])
    ranks = np.sort(np.where(near >= 0, rank[np.take(tri, near)], -1), 0)[::-1]
    ranks[1:][ranks[1:] == ranks[:-1]] = -1
    expected = -np.sort(-ranks, 0)
    assert (expected[2] >= 0).any() and (expected[1] < 0).any()  # pixels with one, two, three triangles
    np.testing.assert_array_equal(got, expected)


def test_quadrant_points_match_numpy_unique():
    rng = np.random.default_rng(9)
    rows, cols = _band(rng)
    rows, cols = rows + 100, cols + 37  # away from 0: the box's origin
    x, y, owner, of = edge_coverage.shared_samples(rows, cols)
    # numpy: each pixel's 4 quadrants as keys in its box, np.unique's sorted keys, first pixels and inverse
    quadrant_pixel, half, grid = edge_coverage._QUADRANT_PIXEL, edge_coverage._HALF, edge_coverage._GRID
    r0, c0 = rows.min(), cols.min()
    width = cols.max() - c0 + 2
    keys = (rows[:, None] + quadrant_pixel[:, 0] - r0) * width + cols[:, None] + quadrant_pixel[:, 1] - c0
    quadrants, first, inverse = np.unique(keys.ravel(), return_index=True, return_inverse=True)
    top_left = edge_coverage.SUBSAMPLES.reshape(grid, grid, 2)[:half, :half].reshape(-1, 2).astype(np.float32)
    qy, qx = np.divmod(quadrants, width)
    np.testing.assert_array_equal(x, ((qx + c0).astype(np.float32)[:, None] + top_left[None, :, 0]).ravel())
    np.testing.assert_array_equal(y, ((qy + r0).astype(np.float32)[:, None] + top_left[None, :, 1]).ravel())
    np.testing.assert_array_equal(owner, np.repeat(first // 4, len(top_left)))
    np.testing.assert_array_equal(of, inverse.reshape(len(rows), 4)[:, edge_coverage._QUADRANT_OF] * len(top_left)
                                  + edge_coverage._IN_QUADRANT)
    assert len(x) < 0.6 * 16 * len(rows)  # neighbours share


def _clamped_reference(points, target, source):
    """(K, 2) float64 source positions of points (K, 2), each taken first to the nearest point in barycentric
    terms of its target triangle (target, source (K, 3, 2)): numpy, the barycentric coordinates by einsum."""
    b = np.einsum("kij,kj->ki", warp._edge_inverse(target), points - target[:, 0])
    b = np.maximum(b, 0)
    b /= np.maximum(b.sum(1), 1)[:, None]
    s = source.astype(np.float64)
    return s[:, 0] + b[:, :1] * (s[:, 1] - s[:, 0]) + b[:, 1:] * (s[:, 2] - s[:, 0])


@pytest.mark.parametrize("corner_type", [np.float32, np.float64])
@pytest.mark.parametrize("point_type", [np.float32, np.float64])
def test_clamped_moves_match_numpy(corner_type, point_type):
    rng = np.random.default_rng(10)
    faces, count = 40, 1500
    target = rng.uniform(0, 100, (faces, 3, 2)).astype(corner_type)
    target[::4, 2] = target[::4, 1] + rng.normal(0, 0.01, (10, 2))  # thin, some flat within the clamp
    source = (target + rng.normal(0, 5, (faces, 3, 2))).astype(corner_type)
    tri = rng.integers(0, faces, count)
    x, y = (rng.uniform(-10, 110, count).astype(point_type) for _ in range(2))
    got = map_kernels.clamped_moves(x, y, tri, target, warp._edge_inverse(target), source)
    points = np.stack([x, y], 1)
    expected = _clamped_reference(points, target[tri], source[tri]) - points
    assert (np.abs(expected) > 1).mean() > 0.5  # most points lie off their triangle
    np.testing.assert_array_equal(got, expected)


def _polygon_depths_reference(points, polygon):
    return np.array([cv2.pointPolygonTest(polygon, (float(x), float(y)), True) for x, y in points])


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_polygon_depths_match_opencv(seed):
    """Points inside, outside, on the corners and on the sides of a wobbly (non-convex) closed polygon."""
    rng = np.random.default_rng(seed)
    angle = np.sort(rng.uniform(0, 2 * np.pi, 36))
    radius = rng.uniform(40, 100, 36)
    polygon = np.stack([200 + radius * np.cos(angle), 150 + radius * np.sin(angle)], 1).astype(np.float32)
    along = rng.uniform(0, 1, (100, 1)).astype(np.float32)
    first = rng.integers(0, 36, 100)
    on_sides = polygon[first] * along + polygon[(first + 1) % 36] * (1 - along)  # on a side, up to rounding
    points = np.concatenate([rng.uniform(60, 340, (600, 2)), polygon, on_sides,
                             polygon + rng.choice([-1, 0, 1], (36, 2))]).astype(np.float32)
    depths = map_kernels.polygon_depths(points, polygon)
    reference = _polygon_depths_reference(points, polygon)
    assert (depths > 0).any() and (depths < 0).any()
    np.testing.assert_array_equal(depths, reference)


def test_polygon_depths_match_opencv_on_a_face(face):
    """The face points of real landmarks against their own face oval (`far_jaw.overhang`)."""
    from facereel.engines.mesh.geometry.far_jaw import FACE_POINTS
    from facereel.face import landmark_ids as ids

    _, landmarks = face
    oval = np.asarray(landmarks[list(ids.FACE_OVAL), :2], np.float32)
    points = np.asarray(landmarks[:FACE_POINTS, :2], np.float32)
    np.testing.assert_array_equal(map_kernels.polygon_depths(points, oval), _polygon_depths_reference(points, oval))


def _nearest_segments_reference(points, polygon):
    """`lip_ring.nearest_segment` (and `far_jaw`'s segment) in numpy: every point against every segment at once."""
    a, b = polygon, np.roll(polygon, -1, 0)
    edge = b - a
    t = np.clip(np.einsum("kmj,mj->km", points[:, None] - a[None], edge) / np.maximum((edge * edge).sum(1), 1e-9),
                0, 1)
    nearest = a[None] + t[..., None] * edge[None]
    j = np.argmin(np.linalg.norm(points[:, None] - nearest, axis=2), axis=1)
    twice_area = float(np.sum(a[:, 0] * b[:, 1] - b[:, 0] * a[:, 1]))
    normal = np.stack([edge[:, 1], -edge[:, 0]], 1) * (1.0 if twice_area > 0 else -1.0)  # outward in y-down px
    normal /= np.maximum(np.linalg.norm(normal, axis=1, keepdims=True), 1e-9)
    rows = np.arange(len(points))
    return np.einsum("kj,kj->k", points - nearest[rows, j], normal[j]), normal[j], j


@pytest.mark.parametrize("clockwise", [False, True])
def test_nearest_segments_match_numpy(clockwise):
    """Points round a lip-like closed contour (either orientation, a repeated corner: a zero-length side)."""
    rng = np.random.default_rng(int(clockwise))
    angle = np.linspace(0, 2 * np.pi, 20, endpoint=False)
    polygon = np.stack([100 + 40 * np.cos(angle), 80 + 12 * np.sin(angle) * (1 + 0.3 * np.cos(3 * angle))], 1)
    polygon = np.insert(polygon, 5, polygon[5], axis=0)[::-1 if clockwise else 1]
    points = np.concatenate([rng.uniform(40, 160, (300, 2)), polygon])
    distance, normal, segment = map_kernels.nearest_segments(np.ascontiguousarray(points),
                                                             np.ascontiguousarray(polygon))
    reference = _nearest_segments_reference(points, polygon)
    assert (distance > 0).any() and (distance < 0).any()
    np.testing.assert_array_equal(distance, reference[0])
    np.testing.assert_array_equal(normal, reference[1])
    np.testing.assert_array_equal(segment, reference[2])


def test_nearest_segments_match_numpy_round_real_lips(face):
    """A real face's skin points against its outer lip contour (`lip_ring.LipRing`)."""
    from facereel.engines.mesh.geometry.lip_ring import OUTER_LIP_CONTOUR

    _, landmarks = face
    points = np.asarray(landmarks[:, :2], np.float64)
    lips = np.ascontiguousarray(points[OUTER_LIP_CONTOUR])
    for got, want in zip(map_kernels.nearest_segments(points, lips), _nearest_segments_reference(points, lips)):
        np.testing.assert_array_equal(got, want)


def _point_normals_reference(polygon):
    """`far_jaw._outward`'s normals before their sign, in numpy (two rolls, `np.linalg.norm`)."""
    tangent = np.roll(polygon, -1, axis=0) - np.roll(polygon, 1, axis=0)
    return np.stack([tangent[:, 1], -tangent[:, 0]], 1) / np.maximum(np.linalg.norm(tangent, axis=1), 1e-6)[:, None]


def test_point_normals_match_numpy(face):
    """A real face oval (`far_jaw.widen_jaw`'s), and a polygon with a repeated point (a zero-length chord)."""
    from facereel.face import landmark_ids as ids

    _, landmarks = face
    oval = np.asarray(landmarks[list(ids.FACE_OVAL), :2], np.float64)
    folded = np.insert(oval, 4, oval[4], axis=0)
    folded[5] = folded[3]  # the chord at point 4 has length 0
    for polygon in (oval, folded):
        got = map_kernels.point_normals(np.ascontiguousarray(polygon))
        np.testing.assert_array_equal(got, _point_normals_reference(polygon))
    assert np.allclose(np.linalg.norm(map_kernels.point_normals(oval), axis=1), 1)


def _edge_inverse_reference(target):
    t = target.astype(np.float64)
    e1, e2 = t[:, 1] - t[:, 0], t[:, 2] - t[:, 0]
    det = e1[:, 0] * e2[:, 1] - e1[:, 1] * e2[:, 0]
    det = np.where(np.abs(det) < 1e-6, np.where(det < 0, -1e-6, 1e-6), det)
    return np.stack([np.stack([e2[:, 1], -e2[:, 0]], 1), np.stack([-e1[:, 1], e1[:, 0]], 1)], 1) / det[:, None, None]


def _bounds_reference(target, flat):
    t = target.astype(np.float64)
    e1, e2 = t[:, 1] - t[:, 0], t[:, 2] - t[:, 0]
    thin = np.abs(e1[:, 0] * e2[:, 1] - e1[:, 1] * e2[:, 0]) < flat
    return np.where(thin[:, None], -np.inf, t.min(1)), np.where(thin[:, None], np.inf, t.max(1))


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_edge_inverses_and_bounds_match_numpy(dtype):
    """Random triangles, some collapsed to a line or a point (closed lids) or nearly so (both signs)."""
    rng = np.random.default_rng(3)
    target = rng.uniform(0, 300, (500, 3, 2))
    target[:40, 2] = target[:40, 0] + 0.5 * (target[:40, 1] - target[:40, 0])  # on a line
    target[40:60] = target[40:60, :1]  # a point
    target[60:80, 2] = target[60:80, 1] + rng.normal(0, 1e-4, (20, 2))  # nearly a line
    target = target.astype(dtype)
    np.testing.assert_array_equal(map_kernels.edge_inverses(target, 1e-6), _edge_inverse_reference(target))
    lo, hi = map_kernels.triangle_bounds(target, 1e-3)
    want_lo, want_hi = _bounds_reference(target, 1e-3)
    assert np.isinf(lo).any() and np.isfinite(lo).any()
    np.testing.assert_array_equal(lo, want_lo)
    np.testing.assert_array_equal(hi, want_hi)


def _affine_maps_reference(target, source, inverse):
    """`warp.triangle_affines`' numpy before it was compiled: a stacked `@` (BLAS) and an einsum."""
    t, s = target.astype(np.float64), source.astype(np.float64)
    edges = np.stack([s[:, 1] - s[:, 0], s[:, 2] - s[:, 0]], 2)  # (F, 2, 2): columns are source edges
    linear = edges @ inverse
    shift = s[:, 0] - np.einsum("fij,fj->fi", linear, t[:, 0])
    return np.concatenate([linear, shift[:, :, None]], 2).astype(np.float32)


def _assert_affine_maps_match(target, source):
    inverse = map_kernels.edge_inverses(target, 1e-6)
    got = map_kernels.affine_maps(target, source, inverse)
    want = _affine_maps_reference(target, source, inverse)
    assert got.dtype == np.float32 and got.shape == want.shape
    np.testing.assert_array_equal(got.view(np.int32), want.view(np.int32))  # -0.0 and 0.0 told apart


def test_affine_maps_match_numpy_on_a_turning_face(face):
    """The face mesh's triangles of a real portrait driven by preset:turn (target) onto the photo's (source),
    float32 as `MeshWarp.displacement` passes them, every 5th frame."""
    _, lm = face
    triangles = face_triangles()
    source = np.ascontiguousarray(lm[:, :2].astype(np.float32)[triangles])
    targets = retarget(lm, preset_motion("turn", 2.0), RetargetOptions(smoothing=None, translate=True))
    for target in targets[::5]:
        _assert_affine_maps_match(np.ascontiguousarray(target[:, :2].astype(np.float32)[triangles]), source)


def test_affine_maps_match_numpy_on_random_triangles():
    """Random float32 triangles over six orders of magnitude of size, some collapsed (the determinant's
    clamp), with exact zeros and signed zeros in the corners' offsets."""
    rng = np.random.default_rng(4)
    target = (rng.normal(0, 1, (4000, 3, 2)) * 10.0 ** rng.uniform(-3, 3, (4000, 1, 1))).astype(np.float32)
    source = (target + rng.normal(0, 5, target.shape)).astype(np.float32)
    target[:100] = target[:100, :1]  # points
    source[100:200] = source[100:200, :1]
    source[200:300, :, 0] = 0.0
    target[300:400, 0] = -0.0
    source[300:400, 0] = np.float32(-0.0)
    _assert_affine_maps_match(target, source)


def _moving_box_reference(coarse: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The rows and columns of a coarse field (h, w, 2) float32 where x or y moves more than `warp._STILL` px,
    as numpy compares them (`MeshWarp.moving_box` before `moving_extent`)."""
    ch, cw = coarse.shape[:2]
    moving = np.abs(coarse.reshape(ch, 2 * cw)) > warp._STILL  # x, y side by side
    return np.flatnonzero(moving.any(1)), np.flatnonzero(moving.any(0).reshape(cw, 2).any(1))


def test_moving_extent_matches_numpy_on_a_turning_face(face):
    """`moving_extent` (`MeshWarp.moving_box`'s first and last moving row and column) as its numpy statement on
    the coarse fields of a real portrait driven by preset:turn (every 4th frame), on a field moving exactly
    `_STILL` (float32) somewhere, which numpy's float32 comparison does not count, and on a still field (none)."""

    image, lm = face
    animator = set_up_copy(image, lm)
    fields = [animator.map_frame(target).coarse for target in
              retarget(lm, preset_motion("turn", 2.0), RetargetOptions(smoothing=None, translate=True))[::4]]
    edge = np.zeros_like(fields[0])
    edge[3, 5, 1] = -np.float32(warp._STILL)
    edge[7, 9, 0] = np.nextafter(np.float32(warp._STILL), np.float32(1))
    moving = 0
    for field in fields + [edge, np.zeros_like(edge)]:
        rows, cols = _moving_box_reference(field)
        got = map_kernels.moving_extent(field, np.float32(warp._STILL))
        assert got == ((rows[0], rows[-1], cols[0], cols[-1]) if len(rows) else (-1, -1, -1, -1))
        moving += bool(len(rows))
    assert map_kernels.moving_extent(edge, np.float32(warp._STILL)) == (7, 7, 9, 9)
    assert moving >= len(fields) - 2


def _double_reads_reference(reads, tri, shown, under_face, owner, inner):
    """`PhotoCover.read_twice` as numpy stated it before `double_reads`: the reads of `under_face` triangles, rounded
    (np.rint), 1 px or more inside the crop and on `inner`, whose 3 x 3 px around have an `owner` that is `shown`."""
    h, w = inner.shape
    out = np.zeros(len(tri), bool)
    at = np.flatnonzero(under_face[np.maximum(tri, 0)] & (tri >= 0))
    x, y = np.rint(reads[at, 0]).astype(np.int64), np.rint(reads[at, 1]).astype(np.int64)
    keep = (x >= 1) & (y >= 1) & (x < w - 1) & (y < h - 1)
    at, x, y = at[keep], x[keep], y[keep]
    keep = inner[y, x]
    at, x, y = at[keep], x[keep], y[keep]
    for dy in (-1, 0, 1):
        for dx in (-1, 0, 1):
            out[at] |= shown[owner[y + dy, x + dx]]
    return out


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("seed", [0, 1])
def test_double_reads_match_numpy_on_random_reads(seed, dtype):
    """`double_reads` against `PhotoCover.read_twice`'s numpy statement on random reads: halves (np.rint's ties to
    even), reads off the crop and on its 1-px border, triangles -1 and not under the face, owners -1 on `inner`
    (numpy reads `shown` at -1: the last)."""
    rng = np.random.default_rng(seed)
    h, w, faces, count = 30, 40, 25, 3000
    owner = rng.integers(-1, faces, (h, w)).astype(np.int32)
    inner = rng.random((h, w)) < 0.6
    shown = rng.random(faces) < 0.3
    shown[-1] = True  # an owner -1 reads it
    under_face = rng.random(faces) < 0.7
    tri = rng.integers(-1, faces, count)
    reads = np.stack([rng.uniform(-3, w + 3, count), rng.uniform(-3, h + 3, count)], 1)
    reads[::3] = np.round(reads[::3] * 2) / 2  # ties
    reads = reads.astype(dtype)
    expected = _double_reads_reference(reads, tri, shown, under_face, owner, inner)
    assert 0 < expected.sum() < count
    np.testing.assert_array_equal(map_kernels.double_reads(reads, tri, shown, under_face, owner, inner), expected)


@pytest.mark.slow
def test_double_reads_match_numpy_on_a_real_turn(monkeypatch):
    """On sr_8 at its own size turning (preset:turn frames 28 and 36: its far cheek's first ring reading the rim the
    face reads too, `photo_cover`), each of the map's `read_twice` calls (the coarse field's, the seam's pixels', the
    jump's samples') equals the numpy statement, bit for bit; thousands of the ~10^5 seam pixels are such reads."""
    from facereel.engines.mesh.geometry import photo_cover

    kernel, found = map_kernels.double_reads, []

    def recording(*args):
        out = kernel(*args)
        np.testing.assert_array_equal(out, _double_reads_reference(*args))
        found.append(int(out.sum()))
        return out

    monkeypatch.setattr(photo_cover, "double_reads", recording)
    image, lm = portrait("sr_8")
    animator = set_up_copy(image, lm)
    targets = retarget(lm, preset_motion("turn", 2.0), RetargetOptions(smoothing=None, translate=True))
    for k in (28, 36):
        animator.map_frame(targets[k])
    assert len(found) == 6 and max(found) > 1000
