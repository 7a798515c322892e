"""numpy statements of the stretch limit's per-triangle figures, the reference the compiled kernel
(`map_kernels.stretch_limit`) and the warp-health tests are checked against."""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.geometry.stretch_limit import inverse_edges


def forward_linear(target: np.ndarray, source: np.ndarray) -> np.ndarray:
    """(F, 2, 2) linear part of each triangle's forward map source -> target; target, source (F, 3, 2) px.
    A degenerate source triangle gets its determinant clamped away from zero (a huge but finite map)."""
    et = np.stack([target[:, 1] - target[:, 0], target[:, 2] - target[:, 0]], 2)
    return et @ inverse_edges(source)


def largest_stretch(linear: np.ndarray, det: np.ndarray | None = None) -> np.ndarray:
    """(F,) largest singular value of each (F, 2, 2) matrix (closed form); det: their (F,) determinants if
    the caller has them (as computed here)."""
    frob = (linear * linear).sum((1, 2))
    if det is None:
        det = linear[:, 0, 0] * linear[:, 1, 1] - linear[:, 0, 1] * linear[:, 1, 0]
    return np.sqrt((frob + np.sqrt(np.maximum(frob * frob - 4 * det * det, 0))) / 2)
