"""The face's outline drawn over the hair at the far temple, read from the mesh of the last mapped frame
(issue #9, the turned face's silhouette).

Turned and looking up (lp_s0 preset:turn frame 39, lp_s3 frames 15-18), the far temple's face-oval points,
placed by the tracker's depth, move outward past the ring of mesh points just outside them, which ride on
the skull shell: the band of ring triangles between them (the hair beside the hairline) turns over, and
the face, drawn after the rings, covers it with the oval's straight segment as a hard edge of skin against
the hair. `temple_fold` is the area of that band's triangles turned over (against the source's), upper
half of the face (oval points above the nose bridge), face sizes^2 (`composite.face_size`); the source
repeated turns nothing over and reads 0. The engine tucks it (`temple_tuck`).
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.composite import face_size
from facereel.engines.mesh.geometry.stretch_limit import signed_areas, turned_over
from facereel.engines.mesh.geometry.temple_tuck import upper_band

def temple_fold(animator) -> float:
    """Face sizes^2: the area of the upper band's ring triangles (`upper_band`) turned over in the last
    `MeshAnimator.map_frame` (`MeshAnimator.vertices` against the source's); 0 with nothing moved."""
    first = len(animator.source_landmarks)
    triangles = animator._ring_tris[upper_band(animator._ring_tris, animator._src_vertices, first)]
    now = signed_areas(animator.vertices, triangles)
    turned = turned_over(now, signed_areas(animator._src_vertices, triangles))
    return float(np.abs(now[turned]).sum() / 2 / face_size(animator.source_landmarks) ** 2)
