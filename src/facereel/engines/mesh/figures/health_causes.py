"""The warp-health figure's flagged samples by cause (issue #9: which part of the mesh keeps
`MeshAnimator.warp_health` above zero on preset:turn).

Of the last `map_frame`'s health samples (`MeshAnimator.health_samples`, those `warp_health` reads) that
the figure flags, the count
drawn by: a hair ring's triangle turned over or stretched beyond the limit by its own map, a face triangle on
the face's oval (its silhouette band) turned over or stretched, an inner face triangle turned over or
stretched, or no triangle whose own map is bad (the one-sided differences of the displacement alone). The
do-nothing baseline (the source repeated) flags no sample. `turned_over_on` counts the flagged samples drawn by
turned-over triangles of a chosen part (the nose and the upper lip: `hidden_nose.nose_and_lip`).
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.animator import MeshAnimator
from facereel.face import landmark_ids as ids

CAUSES = ("hair rings turned over", "hair rings stretched", "oval turned over", "oval stretched",
          "inner face turned over", "inner face stretched", "differences alone")


def health_causes(animator: MeshAnimator, drawn: bool = True) -> np.ndarray:
    """(len(CAUSES),) int: the last map's flagged warp-health samples by cause (`CAUSES`, module docstring), each
    read by the triangle it is drawn with (`drawn` False: the rasterised one, `MeshAnimator.health_samples`)."""
    _, counted, differences, own, tri = animator.health_samples(drawn)
    flagged = (differences | own) & counted
    triangles = animator.warp.triangles
    turned = animator._triangle_health.turned_over(animator.vertices)  # the figure's own fold test
    ring = np.arange(len(triangles)) < animator._num_ring_tris
    oval = np.isin(triangles, ids.FACE_OVAL).any(1) & ~ring
    part = np.where(ring, 0, np.where(oval, 2, 4)) + ~turned  # the index of its own-map cause in CAUSES
    cause = np.where(own, np.concatenate([[0], part])[tri + 1], len(CAUSES) - 1)
    return np.bincount(cause[flagged], minlength=len(CAUSES))


def turned_over_on(animator: MeshAnimator, chosen: np.ndarray) -> int:
    """The last map's flagged warp-health samples drawn by a triangle that is turned over (by its own map) and
    `chosen` ((F,) bool over `animator.warp.triangles`)."""
    _, counted, differences, own, tri = animator.health_samples()
    turned = animator._triangle_health.turned_over(animator.vertices) & chosen
    return int(((differences | own) & counted & own & (tri >= 0) & turned[np.maximum(tri, 0)]).sum())
