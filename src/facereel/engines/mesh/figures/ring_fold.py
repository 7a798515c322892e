"""The first hair band turned over where the mesh is placed, before any limit (issue #9: the warp health on
preset:turn; docs/status.md, h26-ringfold).

The band of triangles between the face's oval and the first hair ring (`mesh_topology.outer_rings`: its 2K
triangles first) as `MeshAnimator.placed` puts it: how many turn over, and of them how many have an oval corner
outside the first ring (its share of the ring's radius at its angle over 1, `ring_slide.outline_share`: the
outline moved out past the ring rather than slid along it). The source repeated places none.
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.animator import MeshAnimator
from facereel.engines.mesh.geometry.mesh_topology import NUM_FACE_VERTICES
from facereel.engines.mesh.geometry.ring_slide import outline_share
from facereel.face import landmark_ids as ids


def placed_folds(animator: MeshAnimator) -> tuple[int, int]:
    """(turned over, of them with an oval corner outside the first ring): the first band's triangles as the last
    `map_frame` placed them (module docstring)."""
    k = len(ids.FACE_OVAL)
    band = slice(0, 2 * k)
    turned = animator._triangle_health.turned_over(animator.placed, band)
    oval, first = animator.placed[list(ids.FACE_OVAL)], animator.placed[NUM_FACE_VERTICES:NUM_FACE_VERTICES + k]
    outside = np.zeros(len(animator.placed), bool)
    outside[list(ids.FACE_OVAL)] = outline_share(np.vstack([first, oval]), np.arange(k))[k:] > 1
    crossed = outside[animator.warp.triangles[band]].any(1)
    return int(turned.sum()), int((turned & crossed).sum())
