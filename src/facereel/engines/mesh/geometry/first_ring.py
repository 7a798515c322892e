"""The first hair ring kept outside the face's outline where the mesh is placed, re-sampled (issue #9: the warp
health on preset:turn; docs/mesh-engine.md, "The first ring re-sampled outside the outline").

On a turn the face's outline slides along the first ring of hair points and out past it (the far jaw, the jaw's
side; lp_s1 / lp_s5 turned on 78 / 82 of 100 frames): the band of triangles between them turns over where the mesh
is placed. Moving the ring out with the outline unfolds the band but carries the texture beyond it out too (the
hair beside the jaw drawn as a spike, the background between it and the neck as a patch: h27-ringfold). Here each
first-ring point of a turned-over band triangle is placed just outside the outline (along the outline's outward
normal at its oval point, `GAP` of its photo gap scaled with the head) and takes as its source the point of the
photo the placement's own map shows there (`resample`): beyond the first ring every pixel reads what it read
before, and the band between the outline and the ring shows the photo's band beside the outline squeezed (what the
jaw covers as it moves out), not turned over.
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.geometry.stretch_limit import signed_areas, turned_over

GAP = 0.5
"""Share of a first-ring point's photo gap from its oval point (times the head's scale) that it keeps outside the
outline where re-sampled."""


def normals(ring: np.ndarray, side: float | np.ndarray = 1.0) -> np.ndarray:
    """(K, 2) unit normals of the closed ring `ring` (K, 2) px at its points (the sum of its unit steps from the
    point before and to the point after, turned by 90 deg; times `side`, +-1): turned with the ring's direction, so
    on a ring folded back on itself they point to the side the ring's own order gives, not away from its centroid,
    and a short step weighs as much as a long one."""
    step = np.roll(ring, -1, 0) - ring
    step /= np.maximum(np.linalg.norm(step, axis=1, keepdims=True), 1e-9)
    tangent = step + np.roll(step, 1, 0)
    normal = np.stack([tangent[:, 1], -tangent[:, 0]], 1) * side
    return normal / np.maximum(np.linalg.norm(normal, axis=1, keepdims=True), 1e-9)


def outward(ring: np.ndarray) -> float:
    """+-1: the `normals` side on which they point away from the centroid of the closed ring `ring` (K, 2) px."""
    return float(np.sign((normals(ring) * (ring - ring.mean(0))).sum()))


def _barycentric(points: np.ndarray, corners: np.ndarray) -> np.ndarray:
    """(P, T, 3) barycentric coordinates of points (P, 2) in triangles (T, 3, 2), px (a degenerate triangle's:
    -inf, outside)."""
    a, b, c = corners[:, 0], corners[:, 1], corners[:, 2]
    e1, e2 = b - a, c - a
    det = e1[:, 0] * e2[:, 1] - e1[:, 1] * e2[:, 0]
    rel = points[:, None] - a[None]
    with np.errstate(divide="ignore", invalid="ignore"):
        u = (rel[..., 0] * e2[:, 1] - rel[..., 1] * e2[:, 0]) / det
        v = (e1[:, 0] * rel[..., 1] - e1[:, 1] * rel[..., 0]) / det
    out = np.stack([1 - u - v, u, v], -1)
    return np.where(np.isfinite(out), out, -np.inf)


def resample(points: np.ndarray, target: np.ndarray, source: np.ndarray, triangles: np.ndarray,
             depth: np.ndarray) -> np.ndarray:
    """(P, 2) float64: the source px that the placement `target` -> `source` ((V, 2) px each) maps each of `points`
    (P, 2) px to, by the nearest (least mean `depth`, (V,)) of the `triangles` ((T, 3) indices; those turned over
    left out) over it, or where none is, the one it lies least outside of."""
    turned = turned_over(signed_areas(target, triangles), signed_areas(source, triangles))
    tris = triangles[~turned]
    bary = _barycentric(np.asarray(points, np.float64), np.asarray(target, np.float64)[tris])
    least = bary.min(-1)  # (P, T): >= 0 inside
    near = np.where(least >= 0, -depth[tris].mean(1)[None], -np.inf)
    pick = np.where((least >= 0).any(1), near.argmax(1), least.argmax(1))
    weights = bary[np.arange(len(points)), pick]
    return (weights[..., None] * np.asarray(source, np.float64)[tris[pick]]).sum(1)


class FirstRing:
    """Keeps the first ring outside the face's outline where placed (module docstring), and each ring beyond outside
    the ring inside it where the first's move turns their band over, for one source mesh.

    source: (V, 2) px, the mesh's source vertices (landmarks, then the rings ring by ring); oval: (K,) the outline's
    landmark ids in contour order; first: index of the first ring's first vertex; triangles: (T, 3) the rings'
    triangles (`mesh_topology.outer_rings`: 2K a band, from the outline out)."""

    def __init__(self, source: np.ndarray, oval: np.ndarray, first: int, triangles: np.ndarray) -> None:
        self.source = np.asarray(source, np.float32)
        k = len(oval)
        rings = first + np.arange(len(triangles) // (2 * k) * k).reshape(-1, k)
        self._inner = np.vstack([np.asarray(oval, np.intp)[None], rings[:-1]])  # (R, K): each band's inner ring
        self._outer = rings  # (R, K)
        self._bands = triangles.reshape(-1, 2 * k, 3)  # (R, 2K, 3)
        self._band_areas = signed_areas(self.source, triangles).reshape(len(rings), -1)
        self._triangles = triangles
        self._gap = np.linalg.norm(self.source[self._outer] - self.source[self._inner], axis=2)  # (R, K) px
        self._side = np.array([outward(self.source[ring]) for ring in self._inner])  # (R,) each inner ring's

    def folded(self, target: np.ndarray, band: int = 0) -> np.ndarray:
        """(K,) bool: the outer ring's points on a triangle of `band` (0: between the outline and the first ring)
        that target (V, 2) px turns over."""
        turned = turned_over(signed_areas(target, self._bands[band]), self._band_areas[band])
        out = np.zeros(len(target), bool)
        out[self._bands[band][turned]] = True
        return out[self._outer[band]]

    def _unfold(self, out: np.ndarray, band: int, scale: float) -> np.ndarray:
        """(K,) bool: the outer ring's points of `band` moved in `out` (V, 2) float32 px, in place: those of its
        turned-over triangles (and then those that moving them turns over) placed `GAP` of their photo gap times
        `scale` outside the band's inner ring along its normal (`normals`, the photo's outward side)."""
        moved = self.folded(out, band)
        if not moved.any():
            return moved
        inner = np.asarray(out, np.float64)[self._inner[band]]
        outside = inner + normals(inner, self._side[band]) * (GAP * scale * self._gap[band])[:, None]
        while True:
            out[self._outer[band][moved]] = outside[moved]
            more = moved | self.folded(out, band)
            if (more == moved).all():
                return moved
            moved = more

    def __call__(self, target: np.ndarray, depth: np.ndarray, scale: float) -> tuple[np.ndarray, np.ndarray]:
        """(target, source), each (V, 2) float32 px: target (V, 2) px with the first band unfolded (`_unfold`),
        then each band beyond that the move turned over, and the source with the moved points re-sampled where
        the placement's map (`resample`, by `depth` (V,)) showed their new place; no first-band triangle turned
        over: target and `source` as they are."""
        if not self.folded(target).any():
            return target, self.source
        out = np.array(target, np.float32)
        moved = [self._outer[0][self._unfold(out, 0, scale)]]
        for band in range(1, len(self._bands)):
            if not moved[-1].size:
                break
            moved.append(self._outer[band][self._unfold(out, band, scale)])
        rows = np.concatenate(moved)
        source = self.source.copy()
        source[rows] = resample(out[rows], target, self.source, self._triangles, depth)
        return out, source
