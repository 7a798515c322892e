"""Per triangle, whether its own map folds or over-stretches: the warp-health figure's check on the surface
a sample is drawn from, beside the differences of the displacement field around the sample
(`warp.surface_distortion`), which read a fold or stretch narrower than their span only in part."""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.stretch_limit import MIN_TWICE_AREA, inverse_edges, signed_areas, singular_values


class TriangleHealth:
    """Of one source mesh, the triangles whose forward map (source -> target) folds (turns the triangle
    over) or stretches more than a limit (largest singular value).

    source: (V, 2) px; triangles: (F, 3) vertex indices; checked: (F,) bool, the triangles whose own map
    tells (e.g. not those whose pixels are filled from around them). Triangles smaller than
    `stretch_limit.MIN_TWICE_AREA` are never counted: their map is the tracker's sub-pixel noise.
    """

    def __init__(self, source: np.ndarray, triangles: np.ndarray, checked: np.ndarray) -> None:
        self.triangles = np.asarray(triangles, np.intp)
        self._inverse = inverse_edges(np.asarray(source, np.float64)[:, :2][self.triangles])
        self._checked = checked & (np.abs(signed_areas(source, self.triangles)) > MIN_TWICE_AREA)

    def __call__(self, target: np.ndarray, limit: float) -> np.ndarray:
        """(F,) bool: the checked triangles folded or stretched more than `limit` by target (V, 2) px."""
        det, largest = self._maps(target)
        return self._checked & ((det < 0) | (largest > limit))

    def stretched(self, target: np.ndarray, limit: float) -> np.ndarray:
        """(F,) bool: the checked triangles stretched more than `limit` by target (V, 2) px, not folded."""
        det, largest = self._maps(target)
        return self._checked & (det >= 0) & (largest > limit)

    def _maps(self, target: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(F,) determinant and (F,) largest singular value of each triangle's forward map to target (V, 2) px."""
        t = np.asarray(target, np.float64)[:, :2][self.triangles]
        linear = np.stack([t[:, 1] - t[:, 0], t[:, 2] - t[:, 0]], 2) @ self._inverse  # (F, 2, 2) forward
        det, _, largest = singular_values(linear[:, 0, 0], linear[:, 0, 1], linear[:, 1, 0], linear[:, 1, 1])
        return det, largest
