"""The hair beside the far cheek kept in view on big turns (issue #9, lp_s1 on preset:turn frames 10-14).

Ring points beside the face's lower sides ride on the skull shell's outline (`MeshAnimator._target_vertices`),
which hardly moves as the head turns, while the far cheek swings out to the head's outline (and
`far_cheek.round_far_cheek` brings it farther): turned ~45 deg the far cheek passed the first two rings, so the
band of hair between them and the face was drawn under the face and the cheek stood against the wall
(`figures.far_hair`). `keep_far_hair` moves each such ring point out along its ray until it stands beyond the
face's drawn outline (the hull of the face points: on a turn the far cheek and the nose stand past the oval) by
up to `KEEP` of the photo's distance (`MOST`, `TAPER`, `EVEN`, `TURN`, `JAW_SWING`), and the rings beyond the head (the wall) out with it, less and less
to the crop border's ring (which stays): the hair band is foreshortened, not folded under the face. A ring
point already that far out (every one on the source repeated, the near side on a turn) is left as it is.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.geometry.head_proxy import smoothstep
from facereel.engines.mesh.geometry.map_kernels import ring_passes
from facereel.face import landmark_ids as ids

KEEP = 0.75
"""Of the photo's distance from a ring point to the face's outline (along the ray from the oval's centre): what
the frame keeps (the band foreshortened as by a 40 deg turn; 0.5 from the oval points, the farhair round, left a
strip of 2-5 px at 512 beside lp_s1's far cheek)."""
MOST = 2.0
"""The farthest a moved ring point goes from its oval point, in multiples of the photo's distance: turned far,
the far cheek stands well past its oval points (hidden under it), and the hair band between them and the first
ring was drawn out into streaks (lp_s5 frames 13-16 and 38-41 at 512: `ArtefactScores.hair_streaks` up to
0.033, before this round 0.015; 1.5 kept lp_s5's band as thin as before, `far_hair_lost` 0.97)."""
TURN = (25.0, 40.0)
"""Deg of yaw beyond the photo's own (`far_cheek.push`): the ramp (smoothstep) from no move to the full move (the
far cheek passes the hair band on big turns only; moved on moderate turns too, the hair under lp_s1's right ear
was drawn into streaks, `ArtefactScores.hair_streaks` 0.0035 -> 0.0068 at ~25 deg; with a 20-35 deg ramp 0.0061)."""
SIDEWAYS = (0.5, 0.8)
"""|x| of a ray's unit direction: the ramp (smoothstep) from rays not moved to rays pointing to the face's side
(within 37 deg of level) moved in full; the same ramp on y from the oval's centre's height down."""
LOWEST = (0.45, 0.6)
"""y of a ray's unit direction: the ramp (smoothstep) down to rays not moved, towards the jaw's angle and the
chin (where the hair under the ear hangs, `hanging_hair`: moved out, lp_s1's was drawn into streaks at the far
end of preset:turn, `ArtefactScores.hair_streaks` 0.0041 -> 0.0065 at frame 44)."""
JAW_SWING = 0.1
"""y of a unit ray: how far up a turned frame's ray may swing from the photo's before `LOWEST` reads the photo's
instead (a raised chin swings the jaw's rays up: lp_s0 on preset:turn frame 42, its photo's 0.69-down ray was
moved 2.4 px and `figures.chin_ghost` read 5.6 against the fit_chin ablation's 0.64; read with the photo's ray
and no swing, lp_s1's `far_hair_lost` rose 0.585 -> 0.605 left, 0.053 -> 0.061 right; with 0.15 lp_s0's chin read
4.8 against the ablation's 0.64)."""
TAPER = 5
"""Passes of a (1, 2, 1) / 4 filter along each ring over the moves (each ray keeping at least its own): the moved
rays' ends tapered over up to 5 neighbours each side (the rays' sharp ends drew the hair's outline as a polygon
with a point at its lower end, lp_s1 frames 10-12)."""
EVEN = 2
"""Passes of the same filter after the taper, plain: the taper's ends rounded."""
_RAY_SLACK = 0.15  # unit-ray components: how far a turned frame's rays may swing from the photo's (`wall_moves`)


def _rays(oval: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The centre (2,) of the oval points `oval` ((N, 2) px, ring-major repeats) and the unit ray (N, 2) from it
    through each."""
    centre = oval.mean(0)
    ray = oval - centre
    return centre, ray / np.maximum(np.linalg.norm(ray, axis=1, keepdims=True), 1e-6)


def along_rings(grid: np.ndarray, passes: int = 1) -> np.ndarray:
    """(R, K) float64: `passes` passes of the (1, 2, 1) / 4 filter along each ring (row) of `grid` ((R, K)
    float64, closed rings; compiled: `map_kernels.ring_passes`)."""
    return ring_passes(np.ascontiguousarray(grid, np.float64), passes)


def _side(ray: np.ndarray, slack: float = 0.0) -> np.ndarray:
    """(N,) in [0, 1]: how much a ring point on each unit ray ((N, 2)) may be moved (`SIDEWAYS`, `LOWEST`);
    `slack` widens every ramp's start by that much."""
    return (smoothstep(SIDEWAYS[0] - slack, SIDEWAYS[1], np.abs(ray[:, 0]))
            * smoothstep(-slack, 1.0 - SIDEWAYS[1], ray[:, 1])
            * (1 - smoothstep(LOWEST[0] + slack, LOWEST[1] + slack, ray[:, 1])))


def wall_moves(oval_src: np.ndarray) -> np.ndarray:
    """(N,) bool: the ring points (ring-major, each on its oval point `oval_src` (N, 2) photo px) that
    `keep_far_hair` may move in some frame: on the rays it moves (with `_RAY_SLACK`), all but the last ring."""
    moves = (_side(_rays(oval_src)[1], _RAY_SLACK) > 0).reshape(-1, len(ids.FACE_OVAL))
    for _ in range(TAPER + EVEN):  # and the rays the taper and the evening reach
        moves |= np.roll(moves, 1, axis=1) | np.roll(moves, -1, axis=1)
    moves[-1] = False
    return moves.reshape(-1)


def outline_reach(points: np.ndarray, centre: np.ndarray, rays: np.ndarray) -> np.ndarray:
    """(N,) px from `centre` ((2,), inside the hull) along each unit ray ((N, 2)) to the outline of the convex
    hull of `points` ((M, 2) px)."""
    hull = cv2.convexHull(np.asarray(points, np.float32))[:, 0].astype(np.float64)
    edge = np.roll(hull, -1, axis=0) - hull
    normal = np.stack([edge[:, 1], -edge[:, 0]], axis=1)
    offset = np.einsum("ij,ij->i", normal, hull - centre)
    sign = np.where(offset.sum() < 0, -1.0, 1.0)  # outward normals whichever way the hull runs
    normal, offset = sign * normal, sign * offset
    towards = rays @ normal.T  # (N, M)
    reach = np.where(towards > 1e-9, offset[None] / np.where(towards > 1e-9, towards, 1.0), np.inf)
    return reach.min(axis=1)


def keep_far_hair(rings: np.ndarray, ring_src: np.ndarray, oval_tgt: np.ndarray, oval_src: np.ndarray,
                  face_tgt: np.ndarray, face_src: np.ndarray, follow: np.ndarray, turned: float,
                  most: float = MOST) -> np.ndarray:
    """(N, 2) float32 ring points (crop px) moved out along their rays so that each following the head's motion
    in full (follow 1) stands beyond the face's outline by up to `KEEP` of its photo's distance (never more than
    `most` times that distance from its oval point; the moves tapered and evened along each ring, `TAPER`,
    `EVEN`); the ring points beyond them on the same ray (follow < 1, the wall) carried out by the outermost
    one's move, less and less to the last ring (the crop border's: never moved).

    rings, ring_src: (N, 2) the frame's and the photo's ring points, ring-major (N = rings x K); oval_tgt,
    oval_src: (N, 2) each one's oval point, the frame's and the photo's; face_tgt, face_src: (M, 2) the face
    points the face mesh draws, the frame's and the photo's; follow: (N, 1) in [0, 1]; turned: in [0, 1], the
    share of the move made (`TURN` as `far_cheek.push` reads it); most: see `MOST`. Only rays below the oval's
    centre (the temples are `temple_tuck`'s), pointing sideways (`SIDEWAYS`), above the jaw's angle (`LOWEST`),
    are moved."""
    if turned <= 0:  # no move (the ramp `TURN` not reached: most frames)
        return rings.astype(np.float32)
    centre, ray = _rays(oval_tgt)
    photo_centre, photo_ray = _rays(oval_src)
    # px beyond the face's outline, in the photo and in the frame
    reach = np.einsum("ij,ij->i", ring_src - photo_centre, photo_ray) - outline_reach(face_src, photo_centre, photo_ray)
    beyond = np.einsum("ij,ij->i", rings - centre, ray) - outline_reach(face_tgt, centre, ray)
    side = _side(ray)
    rigid = follow[:, 0] >= 1
    # Never farther from its oval point than `most` times the photo's distance (`MOST`).
    offset = rings - oval_tgt
    along = np.einsum("ij,ij->i", offset, ray)
    # the move s along the ray that takes the point to `most` times the photo's distance: |offset + s ray| = that
    farthest = most * np.linalg.norm(ring_src - oval_src, axis=1)
    inside = along ** 2 - np.einsum("ij,ij->i", offset, offset) + farthest ** 2
    room = np.where(inside > 0, np.sqrt(np.maximum(inside, 0.0)) - along, 0.0)
    short = np.clip(np.minimum(KEEP * reach - beyond, room), 0.0, None) * side * rigid * turned
    # Tapered along each ring over its neighbours (never less than a ray's own): no kink in the hair's outline
    # where the moved rays end.
    grid = short.reshape(-1, len(ids.FACE_OVAL))
    for _ in range(TAPER):
        grid = np.maximum(grid, along_rings(grid))
    for _ in range(EVEN):
        grid = along_rings(grid)
    # Not towards the jaw's angle in the frame nor in the photo (`JAW_SWING`).
    short = grid.reshape(-1) * rigid * (1 - smoothstep(*LOWEST, np.maximum(ray[:, 1], photo_ray[:, 1] - JAW_SWING)))
    # The wall beyond: each ray's outermost rigid point's move, fading with the photo's distance to the last ring.
    per_ring = (-1, len(ids.FACE_OVAL))
    grid_reach, grid_rigid = reach.reshape(per_ring), rigid.reshape(per_ring)
    outermost = np.where(grid_rigid, grid_reach, -np.inf).argmax(0)  # (K,) each ray's outermost rigid ring
    cols = np.arange(grid_reach.shape[1])
    moved, start, end = short.reshape(per_ring)[outermost, cols], grid_reach[outermost, cols], grid_reach[-1]
    fade = np.clip((end[None] - grid_reach) / np.maximum(end - start, 1e-6)[None], 0.0, 1.0)
    wall = np.where(grid_rigid, 0.0, moved[None] * fade).reshape(-1)
    return (rings + np.maximum(short, wall)[:, None] * ray).astype(np.float32)
