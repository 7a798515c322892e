"""The far temple tucked under the hair on big turns (issue #9, the turned face's silhouette).

Turned and looking up, the far temple's face-oval points (placed by the tracker's depth) move outward past
the ring of mesh points just outside them (riding on the skull shell); the band of ring triangles between
them turns over and the face, drawn after the rings, covers the hair with a wedge of forehead skin cut
along the oval's straight segment (lp_s3 on preset:turn frames 15-18, lp_s0 frame 39). `tuck_temples`
pulls the oval points of the band's turned-over triangles towards the face's middle, a few % a step,
until the band no longer turns over: the temple is foreshortened under the hair instead. Only while the
head looks up (`looks_up`): looking down, the forehead comes forward over the hairline, and tucking it
(grace_hopper on preset:turn frame 31) bared a strip of the photo's temple skin beside the cap instead.
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.geometry.stretch_limit import signed_areas, turned_over
from facereel.face import landmark_ids as ids
from facereel.face.pose import euler_degrees

BRIDGE = 168
"""The nose bridge's landmark between the eyes: oval points above it are the forehead and the temples."""
STEP = 0.03
"""Fraction of its distance from the oval's centroid an oval point is pulled in per step."""
STEPS = 8
"""At most this many steps (8: up to ~22 % of the distance)."""


def looks_up(source_rotation: np.ndarray, rotation: np.ndarray) -> bool:
    """Whether a head posed by `rotation` (3, 3) looks up from the photo's `source_rotation` (3, 3): its
    pitch relative to the photo's below 0 (preset:turn's negative pitch)."""
    return bool(euler_degrees((source_rotation.T @ rotation)[None])[0, 1] < 0)


def upper_band(triangles: np.ndarray, source: np.ndarray, first_ring: int) -> np.ndarray:
    """(T,) bool: of ring triangles (T, 3) (vertex ids: landmarks, then ring points from `first_ring`), those
    of the band between the face oval and the first ring with an oval corner above the nose bridge in the
    source vertices (V, 2) px."""
    k = len(ids.FACE_OVAL)
    on_oval = triangles < first_ring
    in_band = (triangles < first_ring + k).all(1) & on_oval.any(1)
    y = np.where(on_oval, source[np.minimum(triangles, first_ring - 1), 1], np.inf)
    return in_band & (y.min(1) < source[BRIDGE, 1])


def tuck_temples(vertices: np.ndarray, band: np.ndarray, source_areas: np.ndarray, first_ring: int) -> np.ndarray:
    """Vertices (V, 2) px with the oval points of turned-over `band` triangles ((T, 3) vertex ids;
    `source_areas` (T,) their signed areas in the source) pulled towards the oval's centroid by `STEP` a
    step until none turns over (at most `STEPS`). In place; returned."""
    centre = vertices[list(ids.FACE_OVAL)].mean(0)
    for _ in range(STEPS):
        turned = turned_over(signed_areas(vertices, band), source_areas)
        if not turned.any():
            break
        corners = band[turned]
        points = np.unique(corners[corners < first_ring])
        vertices[points] = centre + (1 - STEP) * (vertices[points] - centre)
    return vertices
