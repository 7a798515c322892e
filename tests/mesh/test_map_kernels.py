"""The map stage's compiled kernels (`engines.mesh.map_kernels`) against plain numpy statements of what each
computes, bit for bit."""

from __future__ import annotations

import numpy as np
import pytest

from facereel.engines.mesh import map_kernels


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
