"""Per triangle, whether its own map folds or over-stretches: the warp-health figure's check on the surface
a sample is drawn from, beside the differences of the displacement field around the sample
(`warp.surface_distortion`), which read a fold or stretch narrower than their span only in part."""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.geometry.stretch_limit import (MIN_TWICE_AREA, inverse_edges, signed_areas, singular_values,
                                                          turned_over)


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
        self._source_areas = signed_areas(source, self.triangles)
        self.checked = checked & (np.abs(self._source_areas) > MIN_TWICE_AREA)
        """(F,) bool: the triangles whose own map tells (`checked`, larger than noise)."""

    def __call__(self, target: np.ndarray, limit: float, rows: np.ndarray | slice = slice(None)) -> np.ndarray:
        """(F,) bool: the checked triangles folded or stretched more than `limit` by target (V, 2) px (of the
        triangles `rows` only: as many)."""
        return self.checked[rows] & (self.turned_over(target, rows) | (self._largest(target, rows) > limit))

    def stretched(self, target: np.ndarray, limit: float, most: float = np.inf,
                  rows: np.ndarray | slice = slice(None)) -> np.ndarray:
        """(F,) bool: the checked triangles stretched more than `limit` (and at most `most`) by target (V, 2) px, not
        folded (of the triangles `rows` only: as many)."""
        largest = self._largest(target, rows)
        return self.checked[rows] & ~self.turned_over(target, rows) & (largest > limit) & (largest <= most)

    def undo_worse(self, before: np.ndarray, after: np.ndarray, limit: float) -> np.ndarray:
        """(V, 2) float32: `after` (V, 2) px, a move of `before` (V, 2) px, with the move undone at every moved
        vertex with more triangles folded or stretched beyond `limit` (`__call__`, the warp health's own check)
        round it than before the move, again on the result until no moved vertex has more (each pass undoes at
        least one move, so it ends)."""
        before = np.asarray(before, np.float32)
        out = np.array(after, np.float32)
        moved = (out != before).any(1)
        rows = np.flatnonzero(moved[self.triangles].any(1))  # every triangle of a moved vertex
        was = self._flagged_round(before, limit, rows)
        while True:
            undo = (self._flagged_round(out, limit, rows) > was) & moved
            if not undo.any():
                return out
            out[undo] = before[undo]
            moved &= ~undo

    def _flagged_round(self, target: np.ndarray, limit: float, rows: np.ndarray) -> np.ndarray:
        """(V,) int: at each vertex of target (V, 2) px, how many of its triangles among `rows` `__call__` flags."""
        return np.bincount(self.triangles[rows][self(target, limit, rows)].ravel(), minlength=len(target))

    def drawn_tiny(self, target: np.ndarray) -> np.ndarray:
        """(F,) bool: every triangle that target (V, 2) px draws smaller than `stretch_limit.MIN_TWICE_AREA` (a
        sliver squeezed under one health sample: its backward map, the displacement a sample inside it reads,
        swings by pixels with a tenth of a pixel's move of its corners)."""
        return np.abs(signed_areas(target, self.triangles)) < MIN_TWICE_AREA

    def turned_over(self, target: np.ndarray, rows: np.ndarray | slice = slice(None)) -> np.ndarray:
        """(F,) bool: every triangle (checked or not; of `rows` only: as many) that target (V, 2) px turns over
        (`stretch_limit.turned_over`)."""
        return turned_over(signed_areas(target, self.triangles[rows]), self._source_areas[rows])

    def _largest(self, target: np.ndarray, rows: np.ndarray | slice = slice(None)) -> np.ndarray:
        """(F,) largest singular value of each triangle's (of `rows` only: as many) forward map to target (V, 2) px."""
        t = np.asarray(target, np.float64)[:, :2][self.triangles[rows]]
        linear = np.stack([t[:, 1] - t[:, 0], t[:, 2] - t[:, 0]], 2) @ self._inverse[rows]  # (F, 2, 2) forward
        return singular_values(linear[:, 0, 0], linear[:, 0, 1], linear[:, 1, 0], linear[:, 1, 1])[2]
