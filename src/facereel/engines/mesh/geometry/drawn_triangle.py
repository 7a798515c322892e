"""The triangle a coarse sample's pixel is drawn with (issue #9: what the warp health reads a sample by).

The rasteriser is conservative (`MeshWarp._rasterise`): a coarse sample just outside a thin triangle's edge is often
given that triangle. Along a fold or an occlusion the frame does not draw such a pixel from it: the seam
(`MeshWarp._seam`) redraws it exactly, with the last drawn triangle that covers it (`Seam.triangles`). Off the seam a
pixel is drawn from the coarse field, whose sample there is its rasterised triangle's map. `drawn_triangles` reads
that choice, so the warp health's per-triangle checks read the map the frame draws (lp_s1 x preset:turn 89: 17 of
the 19 flagged samples lay 0.2-2.1 px outside the folded first-band slivers they were given, drawn from the unfolded
ring triangles covering them; h46-health).
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.geometry.warp import Seam


def drawn_triangles(
    ids: np.ndarray,
    seam: Seam | None,
    x: np.ndarray,
    y: np.ndarray,
    size: tuple[int, int],
) -> np.ndarray:
    """(n, m) int: the triangle each sample's nearest crop pixel is drawn with (-1: none). ids: (n, m) int the
    samples' rasterised triangles (-1: none); seam: the map's exactly drawn pixels (`MeshWarp.seam`) or None;
    x (1, m), y (n, 1): the samples' crop px; size: the crop's (width, height) px."""
    if seam is None:
        return ids
    w, h = size
    on_seam = np.full((h, w), -1, np.int64)
    on_seam[seam.rows, seam.cols] = seam.triangles
    col = np.clip(np.rint(x), 0, w - 1).astype(np.intp)
    row = np.clip(np.rint(y), 0, h - 1).astype(np.intp)
    drawn = on_seam[row, col]
    return np.where(drawn >= 0, drawn, ids).astype(ids.dtype)
