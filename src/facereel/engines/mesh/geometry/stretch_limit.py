"""Per-triangle stretch limit of the face mesh: where a target triangle would magnify its source triangle
more than a limit in some direction, it is compressed back along that direction.

A photo shows the side of the face that a turn brings into view nearly edge-on: mediapipe's triangles
there are slivers a few px wide, and opening them to their 3D width stretches those few px into a smear
(and, on a laugh, the skin beside the mouth corners does the same). Each over-stretched (front-facing)
triangle proposes its vertices where its forward map with the singular values capped at the limit would
put them, about its centroid; each vertex takes the mean of the proposals it gets, and this repeats a few
times (neighbours share vertices). The silhouette band then stays as narrow as the photo shows it instead
of smearing: locally less turn, never a fold or a smear.

On the rings of points round the face (hair), the limit's moves of neighbouring points of one ring can
differ a lot (the rings' triangles alternate in orientation and propose unevenly): a ring drawn as a zigzag
puts a hard Z-shaped crease through the hair (lp_s1 turned 45 deg). `limit_evenly` evens the moves out
along each ring (`smooth_along_rings`) and limits again, `ROUNDS` times.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from facereel.engines.mesh.geometry import map_kernels

ITERATIONS = 12
"""Rounds of proposals at most (`map_kernels.stretch_limit` stops when no triangle is over; `MeshOptions.stretch_rounds`
sets the animator's). 12 leave the near cheek's band between the jaw and the ear stretched 4-18x on preset:turn (the
mean of its neighbouring slivers' proposals converges slowly: lp_s1 frame 1 asked 9x, 18x after 12 rounds); 100 take
it to none on lp_s1 (2 frames of 50 on the astronaut) but move the mouth corners and sr_18's far cheek past their tests' bounds
(docs/benchmarks.md "The stretch limit run until it converges"); what 100 left on grace_hopper and lp_s0 was the rings'
later limit moving the outline's points (`MeshOptions.relimit_outline`)."""
ROUNDS = 3  # limit, then even out along the rings, this many times (`limit_evenly`): once, the smoothing let
# some hair stretch past the limit again (streaks: lp_s3 turned 0.010 -> 0.028 max); a last limit without
# smoothing brought the crease back (lp_s1)
INNER_TURN = 5.0
"""Deg: `MeshOptions.inner_rounds` run on a frame whose head is turned this far from the photo's own yaw (or past
`rim_shadow.TURN`'s ramp's start, as before). preset:turn's frames 1-2 (5-11 deg beyond the photo's yaw) had the near
band at 7-10x under the 15 deg gate alone; a laugh moves the yaw < 1 deg, so it stays unlimited by them, sr_18's too
(a photo turned 12.5 deg: a gate on the absolute yaw from 5 deg read her laugh as a turn)."""
MIN_TWICE_AREA = 5.0  # px^2 (twice the area): smaller source triangles are not limited by their stretch. Their
# stretch is dominated by the tracker's sub-pixel noise; limiting it made video-to-video shimmer (flicker above the
# mouth 0.26 grey levels vs 0.08 with this floor, tests/v2v) and a still's re-render move above the mouth (0.037 vs
# 0.003). They are limited by their width instead (`TINY_WIDTH_PX`).
OVER_MARGIN = 1e-6
"""Relative margin of the 'over the limit' test: a triangle counts as over a limit when its stretch exceeds
limit * (1 + OVER_MARGIN). Triangles capped in one round sit at the limit in the next up to rounding
(2.0000000000000133 for 2.0), and the closed form of the largest stretch loses half its digits on a map that stretches
alike in all directions (both singular values capped: 3.0000000281 for 3.0, lp_s1 turned); a strict test made
their fate hang on that rounding (other BLAS/LAPACK, the compiled rounds: vertices moved by 1-27 px). The margin
is far above that rounding and far below any stretch a viewer sees."""
TINY_WIDTH_PX = 3.0
"""px: a source triangle under `MIN_TWICE_AREA` is not opened wider than this across its narrowest direction (its
stretch limit is this over its source width, at least the triangle's own). Left unlimited, such slivers on a small
face (a third of the triangles of a 150 px face) opened to 20-40 px on a big turn: flat blocks of one colour with
hard edges beside the near cheek (lp_s3 at 512, preset:turn frames 36-45; `figures.flat_blocks`)."""
SMALL_FACE_PX = 64.0
"""px (face size, `composite.face_size`): on a smaller face `MIN_TWICE_AREA` and `TINY_WIDTH_PX` shrink with it
(`tiny_scale`), so they stay the share of the face they are on this one. At their px values a 32 px face (lp_s3 at
1/4 on a 1280 x 720 canvas) had most of its outline's and rings' triangles under the area floor, opened to 3 px
(0.1 face sizes) across: on preset:turn the near cheek drawn as a pale flat band (frames 10-13) and the jaw and
neck below the chin washed into a pale smear (40-44); the same picture upscaled 4x was clean. Faces from this size
up keep the px values they were tuned on (every shared portrait at 512 px, the smallest lp_s0's 77 px face); 128
read the small face better still (`figures.flat_blocks` 0.002 against 0.004) but moved those."""


def tiny_scale(face_px: float) -> float:
    """The factor (<= 1) `MIN_TWICE_AREA`'s and `TINY_WIDTH_PX`'s lengths take on a face of `face_px` px
    (`SMALL_FACE_PX`)."""
    return min(1.0, face_px / SMALL_FACE_PX)


def signed_areas(points: np.ndarray, triangles: np.ndarray) -> np.ndarray:
    """(F,) float64 twice the signed area of each triangle (F, 3) of points (N, >= 2), in their x, y (px^2
    for px): positive counter-clockwise in y-down image coordinates."""
    p = np.asarray(points, np.float64)[:, :2][triangles]
    e1, e2 = p[:, 1] - p[:, 0], p[:, 2] - p[:, 0]
    return e1[:, 0] * e2[:, 1] - e1[:, 1] * e2[:, 0]


def turned_over(areas: np.ndarray, source_areas: np.ndarray) -> np.ndarray:
    """(F,) bool: the triangles turned over (folded), their twice signed area now (`signed_areas`, (F,)) of the
    opposite sign to the source's (F,); a zero area on either side is not turned over."""
    return areas * source_areas < 0


def singular_values(a: np.ndarray, b: np.ndarray, c: np.ndarray, d: np.ndarray
                    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The determinant, smallest and largest singular value of each 2x2 matrix [[a, b], [c, d]] (a, b, c, d:
    (...,) float arrays, broadcasting), in closed form (`map_kernels.stretch_limit` has it compiled)."""
    det = a * d - b * c
    frob = a * a + b * b + c * c + d * d
    root = np.sqrt(np.maximum(frob * frob - 4 * det * det, 0))
    return det, np.sqrt(np.maximum(frob - root, 0) / 2), np.sqrt((frob + root) / 2)


def inverse_edges(source: np.ndarray) -> np.ndarray:
    """(F, 2, 2) inverse of each source triangle's edge matrix (columns v1 - v0, v2 - v0); source (F, 3, 2)
    px. A degenerate triangle gets its determinant clamped away from zero (a huge but finite inverse)."""
    es = np.stack([source[:, 1] - source[:, 0], source[:, 2] - source[:, 0]], 2)  # columns: edges
    det = es[:, 0, 0] * es[:, 1, 1] - es[:, 0, 1] * es[:, 1, 0]
    det = np.where(np.abs(det) < 1e-6, np.where(det < 0, -1e-6, 1e-6), det)
    inverse = np.stack([np.stack([es[:, 1, 1], -es[:, 0, 1]], 1), np.stack([-es[:, 1, 0], es[:, 0, 0]], 1)], 1)
    return inverse / det[:, None, None]


class StretchLimit:
    """Keeps front-facing triangles of one source mesh from stretching more than about `limit` (largest
    singular value of the forward map); what depends on the source only is computed once.

    source: (V, 2) px; triangles: (F, 3) indices (those smaller than `MIN_TWICE_AREA` are limited only to
    `TINY_WIDTH_PX` across, those of them `tiny_free` ((F,) bool) marks not at all; both lengths times `scale`,
    `tiny_scale` of the face);
    limit: one for all, (F,) one per triangle or (F, 3) one per corner: a triangle stretched more than a
    corner's limit proposes that corner where its map capped at that limit would put it (a corner with a
    higher limit than its triangle's others is moved only beyond its own); rounds: at most this many rounds of
    proposals.
    """

    def __init__(self, source: np.ndarray, triangles: np.ndarray, limit: float | np.ndarray,
                 tiny_free: np.ndarray | None = None, rounds: int = ITERATIONS, scale: float = 1.0) -> None:
        src = np.asarray(source, np.float64)[triangles]
        limit = np.asarray(limit, np.float64)
        limit = limit[:, None] if limit.ndim == 1 else limit
        limit = np.broadcast_to(limit, triangles.shape)
        twice_area = np.abs(signed_areas(source, triangles))
        # Tiny ones (their stretch is noise): limited by the width they open to, not by their stretch.
        tiny = twice_area <= MIN_TWICE_AREA * scale * scale
        if tiny_free is not None:
            limit = np.where((tiny & tiny_free)[:, None], np.inf, limit)
        width = twice_area / np.maximum(np.linalg.norm(src - np.roll(src, 1, 1), axis=2).max(1), 1e-6)  # px
        floor = TINY_WIDTH_PX * scale / np.maximum(width, 1e-6)  # a degenerate one (no width): in effect unlimited
        self._floor = np.where(tiny, floor, 0.0)[:, None]  # (F, 1): the least limit of each
        self.limit = np.maximum(limit, self._floor)  # (F, 3) per corner
        self._over = self.limit * (1 + OVER_MARGIN)  # (F, 3): a corner proposes above this (`OVER_MARGIN`)
        self.triangles = np.ascontiguousarray(triangles)
        self.rounds = rounds
        self._src_centred = src - src.mean(1, keepdims=True)
        self._inverse = inverse_edges(src)

    def __call__(self, target: np.ndarray, limit: np.ndarray | None = None) -> np.ndarray:
        """(V, 2) float32 target vertex positions (px; target (V, 2)) with no front-facing triangle stretched
        more than about the limit (`limit` (F, 3): this frame's per corner instead of `self.limit`, the tiny
        triangles' floor kept). Triangles turned over (hidden behind the face) and vertices of no
        over-stretched triangle are left where they are."""
        out = np.array(target, np.float64)
        over = self._over
        if limit is not None:
            limit = np.maximum(limit, self._floor)
            over = limit * (1 + OVER_MARGIN)
        map_kernels.stretch_limit(out, self.triangles, self._inverse, self._src_centred,
                                  self.limit if limit is None else limit, over, self.rounds)
        return out.astype(np.float32)


def smooth_along_rings(asked: np.ndarray, limited: np.ndarray, first: int, ring_size: int, passes: int
                       ) -> np.ndarray:
    """(V, 2) float32: `limited` (V, 2) px, a stretch limit's output for `asked` (V, 2) px, with its moves of
    the ring points (vertices `first` onwards, closed rings of `ring_size` points one after the other,
    `mesh_topology.outer_rings`) filtered `passes` times with (1, 2, 1) / 4 along each ring; the vertices
    before `first` (the face) as limited. A ring the limit moved evenly keeps its moves."""
    move = (np.asarray(limited, np.float64) - asked)[first:].reshape(-1, ring_size, 2)
    map_kernels.smooth_rings(move, passes)
    out = np.asarray(limited, np.float32).copy()
    out[first:] = (np.asarray(asked, np.float64)[first:] + move.reshape(-1, 2)).astype(np.float32)
    return out


def limit_evenly(limit: Callable[[np.ndarray], np.ndarray], asked: np.ndarray, first: int, ring_size: int,
                 passes: int, again: Callable[[np.ndarray], np.ndarray] | None = None, rounds: int = ROUNDS,
                 face_again: Callable[[np.ndarray], np.ndarray] | None = None) -> np.ndarray:
    """(V, 2) float32: `asked` (V, 2) px stretch-limited by `limit` (a `StretchLimit`), its moves of the ring
    points evened out along each ring (`smooth_along_rings` with `passes`, rings from vertex `first` on),
    `rounds` times, the rounds after the first limited by `again` (None: `limit`; the animator's limits the
    rings' triangles, whose points alone the smoothing moves: ~5x cheaper; with `MeshOptions.relimit_outline` the
    face's triangles on its outline too, whose points the rings' limit moves), each the last one's output;
    passes 0, or no ring point moved by the first limit: that limit's output (frames whose rings stay within
    the limit are as before). `face_again`: the later rounds run a second time from the same first limit,
    limited by it, and the face's points (before `first`) taken from them, the rings' from `again`'s (the
    animator's `MeshOptions.relimit_turned`: the face's outline limited with the rings, the rings as without it)."""
    limited = limit(asked)
    if passes == 0 or np.array_equal(limited[first:], np.asarray(asked, np.float32)[first:]):
        return limited
    start = smooth_along_rings(asked, limited, first, ring_size, passes)

    def later(limit_again: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
        out = start
        for _ in range(rounds - 1):
            out = smooth_along_rings(asked, limit_again(out), first, ring_size, passes)
        return out

    out = later(again or limit)
    if face_again is not None:
        out[:first] = later(face_again)[:first]
    return out
