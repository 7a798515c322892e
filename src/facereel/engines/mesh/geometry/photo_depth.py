"""Face triangles a turned photo hides behind nearer face (issue #9, sr_8's far cheek beside the nose;
`figures/read_fold`).

On a turned photo the nose stands over the far cheek beside it: the cheek's triangles there face the camera (not
turned over) but the nose's triangles lie over them in the photo. Their own map reads the nose's pixels; turned back
towards frontal the cheek beside the nose shows, and the row reads the nose's side as cheek, then (past the nose's
turned-over far side) as nose again: the map steps back 6-7 px beside the nose and its far side's crease is drawn
twice. A per-pixel depth test (each triangle's landmarks' depth interpolated over it) tells which triangles the photo
shows the nose over: `MeshAnimator` takes them as unseen (filled from around where a frame shows them, as the
triangles turned over are).
"""

from __future__ import annotations

import numpy as np

HIDDEN_SHARE = 0.7  # a triangle the photo shows the nose over on more than this share of its pixels is hidden
# (sr_8's cheek beside the nose: itself shown on 0-0.24 of them)


def hidden_in_photo(vertices: np.ndarray, depth: np.ndarray, triangles: np.ndarray, drawn: np.ndarray,
                    candidates: np.ndarray, hiders: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """(F,) bool: the `candidates` over more than `HIDDEN_SHARE` of whose pixels the photo shows another of `hiders`
    (the nose). vertices (V, 2) crop px and depth (V,) (image-depth px, larger = farther): the photo's landmarks; triangles
    (F, 3) int; drawn (F,) bool, the triangles the photo may show (not turned over); candidates, hiders (F,) bool,
    subsets of drawn; size: the crop (w, h) px. Each pixel centre inside several drawn triangles shows the nearest
    there (the depth interpolated barycentrically); a candidate covering no pixel centre is not hidden."""
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
        out[tri] = len(ys) > 0 and int(hiders[over].sum()) > HIDDEN_SHARE * len(ys)
    return out


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
