"""The nostril's sill squeezed flat (issue #9: a thin dark slit across the nose's underside), read from a frame's
landmarks as the engine drew them.

A driver that brings the nose down to the lips (sr_8 x lp_d11 from frame 132, frames 19-21) squeezes the skin between
them; the lip ring (`geometry.lip_ring`) then pushed the subnasale and the philtrum's top up onto the nostril's rim:
the triangles between the subnasale and the nostril's base folded flat, the nostril cut by a straight edge into a
thin dark slit. `sill_share` is the share of its photo's area that the flattest of those triangles keeps: 1 on the
source repeated, negative where one is turned over.
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.geometry.mesh_topology import face_triangles
from facereel.engines.mesh.geometry.stretch_limit import signed_areas
from facereel.face import landmark_ids as ids

NOSTRIL_BASES = (326, 97)  # the nostrils' outer bases beside the subnasale: the image's right, then its left


def sill_triangles(base: int) -> np.ndarray:
    """(F, 3) the mesh's triangles (`face_triangles`) holding both the subnasale and the nostril base `base`."""
    triangles = face_triangles()
    return triangles[(triangles == ids.SUBNASALE).any(1) & (triangles == base).any(1)]


def sill_share(source: np.ndarray, drawn: np.ndarray) -> np.ndarray:
    """(2,) per nostril (`NOSTRIL_BASES`' order): the smallest share of its photo's area (landmarks `source`,
    (478, 2+) px) a sill triangle (`sill_triangles`) keeps in the frame's landmarks `drawn` ((478, 2+) px, as the engine
    drew them: `FrameMap.target`); negative where it is turned over."""
    return np.array([np.min(signed_areas(drawn, tris) / signed_areas(source, tris))
                     for tris in map(sill_triangles, NOSTRIL_BASES)])
