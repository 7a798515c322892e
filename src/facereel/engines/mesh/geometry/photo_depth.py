"""Face triangles a turned photo hides behind nearer face (issue #9, sr_8's far cheek beside the nose;
`figures/read_fold`).

On a turned photo the nose stands over the far cheek beside it: the cheek's triangles there face the camera (not
turned over) but the nose's triangles lie over them in the photo. Their own map reads the nose's pixels; turned back
towards frontal the cheek beside the nose shows, and the row reads the nose's side as cheek, then (past the nose's
turned-over far side) as nose again: the map steps back 6-7 px beside the nose and its far side's crease is drawn
twice. A per-pixel depth test (each triangle's landmarks' depth interpolated over it) tells which triangles the photo
shows the nose over: `MeshAnimator` takes them as unseen (filled from around where a frame shows them, as the
triangles turned over are).

Once per source (each frame of a video source): compiled loops (`facereel.compiled.kernel`; ~150 ms a set-up in numpy,
one array call per triangle and pass), the same float operations as a numpy statement of them
(tests/mesh/test_photo_depth.py checks the two agree).
"""

from __future__ import annotations

import math

import numpy as np

from facereel.compiled import kernel

HIDDEN_SHARE = 0.7  # a triangle the photo shows the nose over on more than this share of its pixels is hidden
# (sr_8's cheek beside the nose: itself shown on 0-0.24 of them)


def hidden_in_photo(vertices: np.ndarray, depth: np.ndarray, triangles: np.ndarray, drawn: np.ndarray,
                    candidates: np.ndarray, hiders: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """(F,) bool: the `candidates` over more than `HIDDEN_SHARE` of whose pixels the photo shows another of `hiders`
    (the nose). vertices (V, 2) crop px and depth (V,) (image-depth px, larger = farther): the photo's landmarks;
    triangles (F, 3) int; drawn (F,) bool, the triangles the photo may show (not turned over); candidates, hiders (F,)
    bool, subsets of drawn; size: the crop (w, h) px. Each pixel centre inside several drawn triangles shows the
    nearest there (the depth interpolated barycentrically; the first drawn of equals); a candidate covering no pixel
    centre is not hidden."""
    corners = np.take(np.asarray(vertices, np.float64), triangles, axis=0)  # (F, 3, 2)
    depths = np.take(np.asarray(depth, np.float64), triangles, axis=0)  # (F, 3)
    shown_by = shown_triangles(corners, depths, np.flatnonzero(drawn), *size)
    return hidden_shares(corners, shown_by, np.flatnonzero(candidates), hiders, HIDDEN_SHARE)


@kernel
def _frame(corners: np.ndarray, w: int, h: int) -> tuple[float, int, int, int, int]:
    """A triangle's (corners (3, 2) float64 crop px) determinant and the pixel box (x0, y0, x1, y1, ends exclusive)
    of a w x h crop its pixel centres may lie in; an empty box for a degenerate triangle (|det| < 1e-9)."""
    ax, ay = corners[0, 0], corners[0, 1]
    det = (corners[1, 0] - ax) * (corners[2, 1] - ay) - (corners[2, 0] - ax) * (corners[1, 1] - ay)
    x0 = max(math.floor(min(ax, corners[1, 0], corners[2, 0])), 0)
    y0 = max(math.floor(min(ay, corners[1, 1], corners[2, 1])), 0)
    x1 = min(math.ceil(max(ax, corners[1, 0], corners[2, 0])) + 1, w)
    y1 = min(math.ceil(max(ay, corners[1, 1], corners[2, 1])) + 1, h)
    if abs(det) < 1e-9:
        return det, 0, 0, 0, 0
    return det, x0, y0, x1, y1


@kernel
def _weights(corners: np.ndarray, det: float, x: int, y: int) -> tuple[float, float, float]:
    """The barycentric weights of pixel centre (x, y) in the triangle `corners` (3, 2) float64 of determinant det:
    (1 - second) - third, second, third."""
    ax, ay = corners[0, 0], corners[0, 1]
    second = ((x - ax) * (corners[2, 1] - ay) - (corners[2, 0] - ax) * (y - ay)) / det
    third = ((corners[1, 0] - ax) * (y - ay) - (x - ax) * (corners[1, 1] - ay)) / det
    return 1 - second - third, second, third


@kernel
def shown_triangles(corners: np.ndarray, depths: np.ndarray, drawn: np.ndarray, w: int, h: int) -> np.ndarray:
    """(h, w) int64: per pixel centre of a w x h crop, the nearest of the `drawn` triangles (indices, in order) inside
    which it lies, -1 none. corners (F, 3, 2) float64 crop px, depths (F, 3) float64 (larger = farther): each
    triangle's, the depth interpolated by the barycentric weights ((w0 d0 + w1 d1) + w2 d2); of equals the first."""
    nearest = np.full((h, w), np.inf)
    shown_by = np.full((h, w), -1, np.int64)
    for tri in drawn:
        det, x0, y0, x1, y1 = _frame(corners[tri], w, h)
        d0, d1, d2 = depths[tri, 0], depths[tri, 1], depths[tri, 2]
        for y in range(y0, y1):
            for x in range(x0, x1):
                w0, w1, w2 = _weights(corners[tri], det, x, y)
                if w0 >= 0 and w1 >= 0 and w2 >= 0:
                    at = (w0 * d0 + w1 * d1) + w2 * d2
                    if at < nearest[y, x]:
                        nearest[y, x] = at
                        shown_by[y, x] = tri
    return shown_by


@kernel
def hidden_shares(corners: np.ndarray, shown_by: np.ndarray, candidates: np.ndarray, hiders: np.ndarray,
                  share: float) -> np.ndarray:
    """(F,) bool: the `candidates` (indices) over more than `share` of whose pixel centres `shown_by` ((h, w) int64,
    `shown_triangles`) shows another triangle set in `hiders` (F,) bool; none covering no pixel centre."""
    h, w = shown_by.shape
    out = np.zeros(len(corners), np.bool_)
    for tri in candidates:
        det, x0, y0, x1, y1 = _frame(corners[tri], w, h)
        inside = hidden = 0
        for y in range(y0, y1):
            for x in range(x0, x1):
                w0, w1, w2 = _weights(corners[tri], det, x, y)
                if w0 >= 0 and w1 >= 0 and w2 >= 0:
                    inside += 1
                    over = shown_by[y, x]
                    if over >= 0 and over != tri and hiders[over]:
                        hidden += 1
        out[tri] = inside > 0 and hidden > share * inside
    return out
