"""`geometry.photo_depth`'s compiled depth test against a numpy statement of it (one array call per triangle and
pass, as it was computed before it was compiled), pixel for pixel: on random triangles and on the set-up of real
turned portraits (sr_8: 15 triangles beside the nose hidden; sr_18: 3)."""

from __future__ import annotations

import numpy as np
import pytest
from mesh_faces import portrait

from facereel.engines.mesh import animator as mesh_animator
from facereel.engines.mesh.geometry import photo_depth


def _inside(corners: np.ndarray, w: int, h: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The pixel centres (rows, columns (N,) int) of a w x h crop inside the triangle `corners` (3, 2) crop px, and
    their barycentric weights (N, 3); none for a degenerate triangle."""
    a, b, c = corners.astype(np.float64)
    det = (b[0] - a[0]) * (c[1] - a[1]) - (c[0] - a[0]) * (b[1] - a[1])
    x0, y0 = np.maximum(np.floor(corners.min(0)).astype(int), 0)
    x1, y1 = np.minimum(np.ceil(corners.max(0)).astype(int) + 1, (w, h))
    if abs(det) < 1e-9 or x1 <= x0 or y1 <= y0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros((0, 3))
    ys, xs = np.mgrid[y0:y1, x0:x1]
    ys, xs = ys.ravel(), xs.ravel()
    second = ((xs - a[0]) * (c[1] - a[1]) - (c[0] - a[0]) * (ys - a[1])) / det
    third = ((b[0] - a[0]) * (ys - a[1]) - (xs - a[0]) * (b[1] - a[1])) / det
    weights = np.stack([1 - second - third, second, third], 1)
    keep = (weights >= 0).all(1)
    return ys[keep], xs[keep], weights[keep]


def _reference(vertices, depth, triangles, drawn, candidates, hiders, size):
    """(shown_by (h, w) int64, hidden (F,) bool): `hidden_in_photo`'s statement in numpy."""
    w, h = size
    nearest = np.full((h, w), np.inf)
    shown_by = np.full((h, w), -1, np.int64)
    for tri in np.flatnonzero(drawn):
        ys, xs, weights = _inside(vertices[triangles[tri]], w, h)
        at = weights @ depth[triangles[tri]]
        nearer = at < nearest[ys, xs]
        nearest[ys[nearer], xs[nearer]] = at[nearer]
        shown_by[ys[nearer], xs[nearer]] = tri
    out = np.zeros(len(triangles), bool)
    for tri in np.flatnonzero(candidates):
        ys, xs, _ = _inside(vertices[triangles[tri]], w, h)
        over = shown_by[ys, xs]
        over = over[(over >= 0) & (over != tri)]
        out[tri] = len(ys) > 0 and int(hiders[over].sum()) > photo_depth.HIDDEN_SHARE * len(ys)
    return shown_by, out


def _check(vertices, depth, triangles, drawn, candidates, hiders, size) -> np.ndarray:
    """Asserts the kernels' shown triangles and hidden candidates equal the reference's; returns the hidden."""
    shown_by, hidden = _reference(vertices, depth, triangles, drawn, candidates, hiders, size)
    corners = np.take(vertices.astype(np.float64), triangles, axis=0)
    depths = np.take(depth.astype(np.float64), triangles, axis=0)
    np.testing.assert_array_equal(photo_depth.shown_triangles(corners, depths, np.flatnonzero(drawn), *size),
                                  shown_by)
    np.testing.assert_array_equal(photo_depth.hidden_in_photo(vertices, depth, triangles, drawn, candidates, hiders,
                                                              size), hidden)
    return hidden


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_hidden_triangles_match_numpy_on_random_triangles(seed):
    """Overlapping triangles of random depths, some past the crop's edges, some degenerate (a repeated corner)."""
    rng = np.random.default_rng(seed)
    size, count = (60, 50), 80
    vertices = rng.uniform(-10, 70, (3 * count, 2)).astype(np.float32)
    depth = rng.uniform(-20, 20, 3 * count).astype(np.float32)
    triangles = np.arange(3 * count).reshape(count, 3)
    triangles[::9, 2] = triangles[::9, 1]  # degenerate: no pixel
    drawn = rng.random(count) < 0.9
    candidates, hiders = drawn & (rng.random(count) < 0.5), drawn & (rng.random(count) < 0.5)
    hidden = _check(vertices, depth, triangles, drawn, candidates, hiders, size)
    assert hidden.any() and not hidden.all()


@pytest.mark.slow  # the set-up of two full-size portraits; the random triangles check the same kernel
@pytest.mark.parametrize(("name", "count"), [("sr_8", 15), ("sr_18", 3)])
def test_hidden_triangles_match_numpy_on_turned_portraits(name, count, monkeypatch):
    """The depth test as `MeshAnimator` asks it on a turned portrait: the same triangles, pixel for pixel."""
    asked = []

    def recorded(*args):
        asked.append(args)
        return photo_depth.hidden_in_photo(*args)

    monkeypatch.setattr(mesh_animator, "hidden_in_photo", recorded)
    mesh_animator.MeshAnimator(*portrait(name))
    assert _check(*asked[0]).sum() == count
