"""Piecewise-affine backward warp of a triangle mesh, rasterised at low resolution.

For every target triangle the affine map target -> source is exact, so the backward map only needs the
triangle id at each pixel. Ids are rasterised on a coarse grid (painter's algorithm, far triangles first,
so folded/back-facing triangles of a turned head end up hidden) and the resulting *displacement* field is
upsampled bilinearly: displacement rather than absolute coordinates, so areas that do not move get an
exactly zero displacement and stay bit-identical after `cv2.remap`.
"""

from __future__ import annotations

import cv2
import numpy as np

_SHIFT = 4  # fractional bits for cv2.fillConvexPoly: 1/16 px vertex precision on the coarse grid


def triangle_affines(target: np.ndarray, source: np.ndarray) -> np.ndarray:
    """(F, 2, 3) float32 affine maps sending each target triangle onto its source triangle.

    target, source: (F, 3, 2) vertex positions in px. Degenerate target triangles (closed eyelids, a shut
    mouth strip) get their determinant clamped: they cover no pixel centre, so any finite map will do.
    """
    t = target.astype(np.float64)
    e1, e2 = t[:, 1] - t[:, 0], t[:, 2] - t[:, 0]
    det = e1[:, 0] * e2[:, 1] - e1[:, 1] * e2[:, 0]
    det = np.where(np.abs(det) < 1e-6, np.where(det < 0, -1e-6, 1e-6), det)
    # Inverse of the 2x2 edge matrix [e1 e2]: target offsets -> barycentric (b1, b2).
    inv = np.stack([np.stack([e2[:, 1], -e2[:, 0]], 1), np.stack([-e1[:, 1], e1[:, 0]], 1)], 1) / det[:, None, None]
    s = source.astype(np.float64)
    edges_src = np.stack([s[:, 1] - s[:, 0], s[:, 2] - s[:, 0]], 2)  # (F, 2, 2): columns are source edges
    linear = edges_src @ inv
    shift = s[:, 0] - np.einsum("fij,fj->fi", linear, t[:, 0])
    return np.concatenate([linear, shift[:, :, None]], 2).astype(np.float32)


class MeshWarp:
    """Backward maps for a fixed mesh topology inside a fixed crop.

    Args:
        triangles: (F, 3) int vertex indices.
        size: crop (width, height) in px; all coordinates given to this class are crop px.
        grid_step: coarse-grid spacing in crop px (>= 1); 1 rasterises at full resolution.
    """

    def __init__(self, triangles: np.ndarray, size: tuple[int, int], grid_step: float) -> None:
        self.triangles = np.asarray(triangles, dtype=np.int32)
        self.size = size
        w, h = size
        self.coarse = (max(2, round(w / grid_step)), max(2, round(h / grid_step)))
        cw, ch = self.coarse
        self._to_coarse = np.array([cw / w, ch / h], dtype=np.float32)
        # Crop-px position of each coarse pixel centre (cv2.resize's half-pixel convention).
        xs = (np.arange(cw, dtype=np.float32) + 0.5) / self._to_coarse[0] - 0.5
        ys = (np.arange(ch, dtype=np.float32) + 0.5) / self._to_coarse[1] - 0.5
        self._cx, self._cy = np.meshgrid(xs, ys)
        self._ids = np.empty((ch, cw), dtype=np.int32)

    def displacement(self, target: np.ndarray, source: np.ndarray, draw_order: np.ndarray) -> np.ndarray:
        """(H, W, 2) float32 backward displacement: source position minus target position, per crop pixel.

        target, source: (V, 2) vertex positions in crop px. draw_order: triangle indices, farthest first;
        triangles left out are not drawn. Pixels no triangle covers get zero displacement.
        """
        tri_t = target[self.triangles]
        affines = triangle_affines(tri_t, source[self.triangles])
        fixed = np.round(((tri_t + 0.5) * self._to_coarse - 0.5) * (1 << _SHIFT)).astype(np.int32)
        ids = self._ids
        ids.fill(-1)
        for f in draw_order.tolist():
            cv2.fillConvexPoly(ids, fixed[f], f, cv2.LINE_8, _SHIFT)
        covered = ids >= 0
        m = affines[ids[covered]]
        x, y = self._cx[covered], self._cy[covered]
        coarse = np.zeros(ids.shape + (2,), dtype=np.float32)
        coarse[covered, 0] = m[:, 0, 0] * x + m[:, 0, 1] * y + m[:, 0, 2] - x
        coarse[covered, 1] = m[:, 1, 0] * x + m[:, 1, 1] * y + m[:, 1, 2] - y
        if self.coarse == self.size:
            return coarse
        return cv2.resize(coarse, self.size, interpolation=cv2.INTER_LINEAR)
