"""Per-triangle stretch limit of the face mesh: where a target triangle would magnify its source triangle
more than a limit in some direction, it is compressed back along that direction.

A photo shows the side of the face that a turn brings into view nearly edge-on: mediapipe's triangles
there are slivers a few px wide, and opening them to their 3D width stretches those few px into a smear
(and, on a laugh, the skin beside the mouth corners does the same). Each over-stretched (front-facing)
triangle proposes its vertices where its forward map with the singular values capped at the limit would
put them, about its centroid; each vertex takes the mean of the proposals it gets, and this repeats a few
times (neighbours share vertices). The silhouette band then stays as narrow as the photo shows it instead
of smearing: locally less turn, never a fold or a smear.
"""

from __future__ import annotations

import numpy as np

_ITERATIONS = 12
MIN_TWICE_AREA = 5.0  # px^2 (twice the area): smaller source triangles are not limited. Their stretch is
# dominated by the tracker's sub-pixel noise; limiting them made video-to-video shimmer (flicker above the mouth
# 0.26 grey levels vs 0.08 with this floor, tests/v2v) and a still's re-render move above the mouth (0.037 vs 0.003).


def signed_areas(points: np.ndarray, triangles: np.ndarray) -> np.ndarray:
    """(F,) float64 twice the signed area of each triangle (F, 3) of points (N, >= 2), in their x, y (px^2
    for px): positive counter-clockwise in y-down image coordinates."""
    p = np.asarray(points, np.float64)[:, :2][triangles]
    e1, e2 = p[:, 1] - p[:, 0], p[:, 2] - p[:, 0]
    return e1[:, 0] * e2[:, 1] - e1[:, 1] * e2[:, 0]


def _inverse_edges(source: np.ndarray) -> np.ndarray:
    """(F, 2, 2) inverse of each source triangle's edge matrix (columns v1 - v0, v2 - v0); source (F, 3, 2)
    px. A degenerate triangle gets its determinant clamped away from zero (a huge but finite inverse)."""
    es = np.stack([source[:, 1] - source[:, 0], source[:, 2] - source[:, 0]], 2)  # columns: edges
    det = es[:, 0, 0] * es[:, 1, 1] - es[:, 0, 1] * es[:, 1, 0]
    det = np.where(np.abs(det) < 1e-6, np.where(det < 0, -1e-6, 1e-6), det)
    inverse = np.stack([np.stack([es[:, 1, 1], -es[:, 0, 1]], 1), np.stack([-es[:, 1, 0], es[:, 0, 0]], 1)], 1)
    return inverse / det[:, None, None]


def _linear(target: np.ndarray, inverse: np.ndarray) -> np.ndarray:
    """(F, 2, 2) linear part of each triangle's forward map, from its target vertices (F, 3, 2) and its
    source edges' inverse (F, 2, 2, `_inverse_edges`)."""
    et = np.stack([target[:, 1] - target[:, 0], target[:, 2] - target[:, 0]], 2)
    return et @ inverse


def forward_linear(target: np.ndarray, source: np.ndarray) -> np.ndarray:
    """(F, 2, 2) linear part of each triangle's forward map source -> target; target, source (F, 3, 2) px.
    A degenerate source triangle gets its determinant clamped away from zero (a huge but finite map)."""
    return _linear(target, _inverse_edges(source))


class StretchLimit:
    """Keeps front-facing triangles of one source mesh from stretching more than about `limit` (largest
    singular value of the forward map); what depends on the source only is computed once.

    source: (V, 2) px; triangles: (F, 3) indices (those smaller than `MIN_TWICE_AREA` are not limited);
    limit: one for all, (F,) one per triangle or (F, 3) one per corner: a triangle stretched more than a
    corner's limit proposes that corner where its map capped at that limit would put it (a corner with a
    higher limit than its triangle's others is moved only beyond its own).
    """

    def __init__(self, source: np.ndarray, triangles: np.ndarray, limit: float | np.ndarray) -> None:
        kept = np.abs(signed_areas(source, triangles)) > MIN_TWICE_AREA  # noise: no limit
        limit = np.asarray(limit, np.float64)
        limit = limit[:, None] if limit.ndim == 1 else limit
        self.limit = np.broadcast_to(limit, triangles.shape)[kept]  # (F, 3) per corner
        self._lowest = self.limit.min(1)
        self.triangles = triangles[kept]
        src = np.asarray(source, np.float64)[self.triangles]
        self._src_centred = src - src.mean(1, keepdims=True)
        self._inverse = _inverse_edges(src)

    def __call__(self, target: np.ndarray) -> np.ndarray:
        """(V, 2) float32 target vertex positions (px; target (V, 2)) with no front-facing triangle stretched
        more than about the limit. Triangles turned over (hidden behind the face) and vertices of no
        over-stretched triangle are left where they are."""
        out = np.asarray(target, np.float64).copy()
        triangles = self.triangles
        active = np.arange(len(triangles))
        for _ in range(_ITERATIONS):
            # np.take along axis 0: the same rows as fancy indexing, gathered faster.
            tri = np.take(out, np.take(triangles, active, axis=0), axis=0)
            linear = _linear(tri, np.take(self._inverse, active, axis=0))
            det = linear[:, 0, 0] * linear[:, 1, 1] - linear[:, 0, 1] * linear[:, 1, 0]
            stretch = largest_stretch(linear, det)
            over = np.flatnonzero((det > 0) & (stretch > self._lowest[active]))
            if not len(over):
                break
            chosen = np.take(active, over)
            limits = np.take(self.limit, chosen, axis=0)  # (K, 3)
            u, sigma, vt = np.linalg.svd(np.take(linear, over, axis=0))
            capped = u[:, None] @ (np.minimum(sigma[:, None], limits[..., None])[..., None] * vt[:, None])
            centred = np.take(self._src_centred, chosen, axis=0)
            proposal = np.take(tri, over, axis=0).mean(1, keepdims=True) + np.einsum("kcij,kcj->kci", capped, centred)
            where = np.take(triangles, chosen, axis=0).reshape(-1)
            weight = (stretch[over, None] > limits).reshape(-1).astype(np.float64)
            count = np.bincount(where, weight, minlength=len(out))
            moved = count > 0
            for axis in (0, 1):
                total = np.bincount(where, weight * proposal[..., axis].reshape(-1), minlength=len(out))
                out[moved, axis] = total[moved] / count[moved]
            # Only a triangle with a vertex just moved can be over the limit now (the others were not).
            hit = moved[triangles]
            active = np.flatnonzero(hit[:, 0] | hit[:, 1] | hit[:, 2])
        return out.astype(np.float32)


def largest_stretch(linear: np.ndarray, det: np.ndarray | None = None) -> np.ndarray:
    """(F,) largest singular value of each (F, 2, 2) matrix (closed form); det: their (F,) determinants if
    the caller has them (as computed here)."""
    frob = (linear * linear).sum((1, 2))
    if det is None:
        det = linear[:, 0, 0] * linear[:, 1, 1] - linear[:, 0, 1] * linear[:, 1, 0]
    return np.sqrt((frob + np.sqrt(np.maximum(frob * frob - 4 * det * det, 0))) / 2)
