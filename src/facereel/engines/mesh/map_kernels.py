"""Compiled per-frame loops of the map stage (numba, issue #9's speed): each replaces numpy code of `warp` and
`edge_coverage` that made dozens of small array calls a frame, with the same float operations in the same order,
so the maps are bit-identical to that code's (tests/mesh/test_map_kernels.py checks them against plain-Python
references). No fast-math: LLVM then neither fuses multiply-adds nor reorders sums.

`nogil=True`: the map thread releases the GIL inside them, so the tracking and draw threads run meanwhile.
`cache=True`: compiled once per machine (~1-2 s each, cold) and kept in the package's `__pycache__`, or
where NUMBA_CACHE_DIR points when the package folder is not writable (numba otherwise falls back to a
per-user cache folder); docs/benchmarks.md "Compiled map kernels" has the cold and warm costs.
"""

from __future__ import annotations

import numpy as np
from numba import njit


@njit(cache=True, nogil=True)
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
    corner_tri = np.empty(4, np.int64)
    bound = np.float32(limit * limit)
    count = 0
    for r in range(h - 1):
        for c in range(w - 1):
            t0 = ids[r, c]
            if ids[r, c + 1] == t0 and ids[r + 1, c] == t0 and ids[r + 1, c + 1] == t0:
                continue
            corner_tri[0], corner_tri[1], corner_tri[2], corner_tri[3] = t0, ids[r, c + 1], ids[r + 1, c], ids[r + 1, c + 1]
            most = np.float32(0)
            for i in range(4):
                tri = corner_tri[i]
                seen = False
                for k in range(i):
                    seen = seen or corner_tri[k] == tri
                if seen:
                    continue
                m = none if tri < 0 else tri
                for ky in range(2):
                    y = ys[r + ky]
                    for kx in range(2):
                        x = xs[c + kx]
                        ex = moves[0, m] * x + moves[1, m] * y + moves[2, m] - coarse[r + ky, c + kx, 0]
                        ey = moves[3, m] * x + moves[4, m] * y + moves[5, m] - coarse[r + ky, c + kx, 1]
                        most = max(most, ex * ex + ey * ey)
            if most > bound:
                out_y[count], out_x[count] = r, c
                count += 1
    return out_y[:count], out_x[:count]
