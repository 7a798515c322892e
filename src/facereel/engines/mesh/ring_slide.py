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
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.far_hair import along_rings

MIN_GAP = 0.3
"""Least share of its drawn angular step to the next point that a slid ring point keeps: where the turned
face's far outline folds back on itself (its oval points out of order), a ring slid with it folded too."""
FREE = 1.0
"""Share of the first ring's angular step between points that the outline may slide along it unfollowed."""
PASSES = 16
"""(1, 2, 1) / 4 passes along each ring over the slides: neighbours slid unevenly shear the hair in a zigzag."""
ROUNDS = 16
"""Rounds of spreading a too-small step's lack over its two points."""


def _wrap(angles: np.ndarray) -> np.ndarray:
    """Radians wrapped to [-pi, pi)."""
    return (angles + np.pi) % (2 * np.pi) - np.pi


def _smoothed(slide: np.ndarray) -> np.ndarray:
    """(K,) `slide` (K,) radians of a closed ring's points filtered `PASSES` times with (1, 2, 1) / 4."""
    rings = slide[None]
    for _ in range(PASSES):
        rings = along_rings(rings)
    return rings[0]


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
    slide = _wrap(_angles(np.asarray(oval, np.float64), centre) - angles[0])
    step = np.abs(_wrap(np.roll(angles[0], -1) - angles[0]))
    slide = np.sign(slide) * np.maximum(np.abs(slide) - FREE * (step + np.roll(step, 1)) / 2, 0)
    slide = _in_order(angles[0], _smoothed(slide))
    radii = np.linalg.norm(points - centre, axis=2)
    moved = np.asarray(follow, np.float64).reshape(-1, k) * slide[None]
    out = points.copy()
    for r in np.flatnonzero(moved.any(1)):
        to = angles[r] + _in_order(angles[r], moved[r])
        radius = np.interp(to, angles[r], radii[r], period=2 * np.pi)
        out[r] = centre + radius[:, None] * np.stack([np.cos(to), np.sin(to)], 1)
    return out.reshape(-1, 2).astype(np.float32)
