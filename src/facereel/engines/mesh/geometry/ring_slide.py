"""The hair rings slid along themselves with the face's outline (issue #9, the first ring's crease).

On a turn the face's oval points move with the landmarks, up or towards the nose, 50-100 px, while the
rings of mesh points round them ride the skull shell: the oval slides along the first ring, and the band
of triangles between them turns over (a crease in the hair above the forehead and beside the temples).
Moving the first ring's points towards riding with their oval points unturned that band but squeezed the
band beyond (a hard straight hair silhouette). Here each ring point moves along its own ring's drawn
curve only (its angle about the oval's centroid shifted, its radius read off the ring at that angle) by
its oval point's slide beyond one step of the ring (`FREE`), smoothed along the ring, all of it where the
point follows the head rigidly and fading with the rings' fade to the background: the bands stay as wide
as they were drawn, the rings keep their drawn shape, and the texture between them is sheared along the
rings instead of folded. Off by default (`MeshOptions.ring_slide`): it lowers the turned-over ring samples
(and the hair-streaks figure), but on 3x crops the shear draws the hair in waves and steps its outline
where the rigid rings meet the fading ones (lp_s1 turned, frames 13-15 and 33; docs/mesh-engine.md), which
`figures.hair_turn.uneven_hair_turn` reads (1.6-1.9x the engine's without the slide on preset:turn).

The other way round (`take_up_in_face`, `MeshOptions.face_slide`, eighteenth session): the face's outline points
above the nose move back along the outline's own curve by a share of the same slide, and the face's points in its
outer band (from `BAND` of the outline's radius out) by less, so the first band need not turn over and the rings stay
where the engine puts them; the shear lies in the skin just inside the outline, which has little texture to
show it. Where the turned face's far outline folds back on itself the outline's radius at an angle is not one
point's (a skin bulge past sr_18's far temple), and where it runs down a ray from the centroid (seen edge-on, lp_s1's
far temple at the turn's end: the points slid round its corner and the fringe above zigzagged): no slide is taken up
there (`_unfolded`, `_edge_on`).
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.geometry.far_hair import along_rings
from facereel.engines.mesh.geometry.head_proxy import smoothstep

MIN_GAP = 0.3
"""Least share of its drawn angular step to the next point that a slid ring point keeps: where the turned
face's far outline folds back on itself (its oval points out of order), a ring slid with it folded too."""
FREE = 1.0
"""Share of the first ring's angular step between points that the outline may slide along it unfollowed."""
PASSES = 16
"""(1, 2, 1) / 4 passes along each ring over the slides: neighbours slid unevenly shear the hair in a zigzag."""
ROUNDS = 16
"""Rounds of spreading a too-small step's lack over its two points."""
FOLD_SPREAD = 1
"""Points either side of a folded or edge-on point of the outline that take up none of the slide (`_unfolded`)."""
EDGE_ON = 0.2
"""Largest sine between the outline and the ray from its centroid at which a point of it counts as seen edge-on
(`_edge_on`): lp_s1 turned (preset:turn frame 31) reads 0.12-0.16 on the far temple's points run down a ray, 0.9-1
on the forehead; taken up there the points slid round the temple's corner and the fringe above it zigzagged."""
BAND = 0.75
"""Share of the outline's radius where the face's points start taking up the outline's slide (`face_slide`):
all of it on the outline, none inside this."""
FADE = (168, 1)
"""Landmarks (the nose's bridge, its tip) between whose source rows the slide taken up fades out downwards: taken
up along the jaw it slid the near jaw's corner towards the chin (the astronaut turned, frames 38-45: the cheek
smeared into the neck, dark lines 0.0087 -> 0.0116 mean)."""


def _wrap(angles: np.ndarray) -> np.ndarray:
    """Radians wrapped to [-pi, pi)."""
    return (angles + np.pi) % (2 * np.pi) - np.pi


def _smoothed(slide: np.ndarray) -> np.ndarray:
    """(K,) `slide` (K,) radians of a closed ring's points filtered `PASSES` times with (1, 2, 1) / 4."""
    return along_rings(slide[None], PASSES)[0]


def _in_order(angles: np.ndarray, slide: np.ndarray) -> np.ndarray:
    """(K,) radians: `slide` (K,) of a closed ring's points at `angles` (K,) spread so each step to the next
    point keeps `MIN_GAP` of its drawn one (a drawn step already reversed is not made worse)."""
    step = _wrap(np.roll(angles, -1) - angles)
    least = np.minimum(step, MIN_GAP * step)
    for _ in range(ROUNDS):
        lack = np.maximum(least - (step + np.roll(slide, -1) - slide), 0) / 2
        if not lack.any():
            break
        slide = slide - lack + np.roll(lack, 1)
    return slide


def _angles(points: np.ndarray, centre: np.ndarray) -> np.ndarray:
    """(...,) radians of points (..., 2) px about centre (2,) px."""
    offset = points - centre
    return np.arctan2(offset[..., 1], offset[..., 0])


def outline_slide(first: np.ndarray, oval: np.ndarray, centre: np.ndarray) -> np.ndarray:
    """(K,) radians: how far each point of `oval` (K, 2) px has slid along the first ring `first` (K, 2) px (the
    angle about `centre` (2,) px from ring point k to oval point k, 0 in the source) beyond `FREE` of the ring's
    step, smoothed along the ring."""
    angles = _angles(np.asarray(first, np.float64), centre)
    slide = _wrap(_angles(np.asarray(oval, np.float64), centre) - angles)
    step = np.abs(_wrap(np.roll(angles, -1) - angles))
    return _smoothed(np.sign(slide) * np.maximum(np.abs(slide) - FREE * (step + np.roll(step, 1)) / 2, 0))


def slide_rings(rings: np.ndarray, oval: np.ndarray, follow: np.ndarray) -> np.ndarray:
    """(R*K, 2) float32: the ring points `rings` (R*K, 2) px (ring by ring, `mesh_topology.outer_rings`; point k of
    each on the source's ray through oval point k) moved along their own ring by the oval's slide: the angle (about
    the moved oval's centroid) from the first ring's point k to oval point k of `oval` (K, 2) px (0 in the source)
    beyond `FREE` of the ring's step, smoothed and kept in order along the first ring; each point takes it times its
    `follow` (R*K,) (how far it follows the head, 0-1). A ring's radius at the new angle is read off linearly
    between its points."""
    k = len(oval)
    centre = np.asarray(oval, np.float64).mean(0)
    points = np.asarray(rings, np.float64).reshape(-1, k, 2)
    angles = _angles(points, centre)
    slide = _in_order(angles[0], outline_slide(points[0], oval, centre))
    radii = np.linalg.norm(points - centre, axis=2)
    moved = np.asarray(follow, np.float64).reshape(-1, k) * slide[None]
    out = points.copy()
    for r in np.flatnonzero(moved.any(1)):
        to = angles[r] + _in_order(angles[r], moved[r])
        radius = np.interp(to, angles[r], radii[r], period=2 * np.pi)
        out[r] = centre + radius[:, None] * np.stack([np.cos(to), np.sin(to)], 1)
    return out.reshape(-1, 2).astype(np.float32)


def outline_share(face: np.ndarray, oval: np.ndarray) -> np.ndarray:
    """(N,): each of the face's points `face` (N, 2) px as a share of the outline's radius at its angle about
    the outline's centroid (the outline `face[oval]`, (K,) indices in contour order; 1 on it)."""
    points = np.asarray(face, np.float64)
    centre = points[oval].mean(0)
    angles = _angles(points, centre)
    radii = np.linalg.norm(points - centre, axis=1)
    return radii / np.interp(angles, angles[oval], radii[oval], period=2 * np.pi)


def _edge_on(outline: np.ndarray, centre: np.ndarray) -> np.ndarray:
    """(K,) bool: the closed outline's points `outline` (K, 2) px where it runs nearly along the ray from `centre`
    (2,) px (the sine between its direction there, from the point before to the point after, and the ray under
    `EDGE_ON`): the turned face's far outline seen edge-on, its radius at an angle nearly not one point's."""
    tangent = np.roll(outline, -1, 0) - np.roll(outline, 1, 0)
    ray = outline - centre
    cross = np.abs(tangent[:, 0] * ray[:, 1] - tangent[:, 1] * ray[:, 0])
    return cross < EDGE_ON * np.linalg.norm(tangent, axis=1) * np.linalg.norm(ray, axis=1)


def _unfolded(outline: np.ndarray, first: np.ndarray, edge_on: np.ndarray) -> np.ndarray:
    """(K,) 0-1: where the outline's points at angles `outline` (K,) radians are in order against the first
    ring's at `first` (K,): 0 on a point whose step to a neighbour runs against the ring's (the turned face's far
    outline folded back on itself: its radius at an angle is not one point's), or that lies on a run of the
    outline seen edge-on (`edge_on` (K,) bool), and `FOLD_SPREAD` points either side, eased in by one (1, 2, 1) / 4
    pass."""
    folded = _wrap(np.roll(outline, -1) - outline) * np.sign(_wrap(np.roll(first, -1) - first)) <= 0
    near = folded | np.roll(folded, 1) | edge_on
    for _ in range(FOLD_SPREAD):
        near = near | np.roll(near, 1) | np.roll(near, -1)
    return along_rings((~near).astype(np.float64)[None])[0] * ~near


def take_up_weights(face: np.ndarray, oval: np.ndarray) -> np.ndarray:
    """(N,) 0-1: how much of the outline's slide each of the face's source points `face` (N, 2) px takes up
    (`take_up_in_face`): from `BAND` of the outline's radius (0) to the outline (1), above the nose's bridge, fading
    out down to the nose's tip (`FADE`: below it the jaw's outline keeps its corners). `oval`: (K,) indices."""
    rows = np.asarray(face, np.float64)[:, 1]
    below = smoothstep(rows[FADE[0]], rows[FADE[1]], rows)
    return smoothstep(BAND, 1.0, outline_share(face, oval)) * (1 - below)


def take_up_in_face(face: np.ndarray, oval: np.ndarray, first: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """(N, 2) float32: the face's points `face` (N, 2) px moved back along the face's outline by the oval's slide
    along the first ring (`outline_slide`), so the band between them need not turn over: the outline's points
    `face[oval]` ((K,) indices, contour order) move along the moved outline's own curve (kept in order), the
    points inside it by the slide at their angle about the outline's centroid, each keeping its share of the
    outline's radius at its angle; each point takes the slide times its `weight` (N,) (0-1: 0 inside the
    face's outer band, 1 on the outline where the slide is taken up). `first` (K, 2) px: the first ring."""
    points = np.asarray(face, np.float64)
    outline = points[oval]
    centre = outline.mean(0)
    slide = outline_slide(first, outline, centre)
    if not slide.any():  # no oval point slid beyond `FREE` (most frames of a talking head): none moves
        return points.astype(np.float32)
    angles = _angles(points, centre)
    outline_angles = angles[oval]
    outline_radii = np.linalg.norm(outline - centre, axis=1)
    slide = slide * _unfolded(outline_angles, _angles(np.asarray(first, np.float64), centre), _edge_on(outline, centre))
    moved = -np.asarray(weight, np.float64) * np.interp(angles, outline_angles, slide, period=2 * np.pi)
    moved[oval] = _in_order(outline_angles, moved[oval])
    share = outline_share(points, oval)
    to = angles + moved
    radius = share * np.interp(to, outline_angles, outline_radii, period=2 * np.pi)
    out = np.where((moved != 0)[:, None], centre + radius[:, None] * np.stack([np.cos(to), np.sin(to)], 1), points)
    return out.astype(np.float32)
