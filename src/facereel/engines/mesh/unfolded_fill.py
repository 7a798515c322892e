"""What the face's far band, folded under its silhouette in the photo and turned back into view, reads
(`MeshWarp.displacement`'s `fill_from`): the face's own pixels and the rings rigid with the head on the face's
skin colour beside it (an ear: astronaut's on preset:turn reads its ear there, not the cheek stretched over it),
not the background or hair beyond the silhouette (sr_18's light streak)."""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.face_colours import face_colours
from facereel.engines.mesh.hanging_hair import CHI2_99, colour_distance
from facereel.engines.mesh.rim_shadow import face_oval

_SAMPLES = np.array([[1, 1, 1], [4, 1, 1], [1, 4, 1], [1, 1, 4]], np.float32) / np.float32([[3], [6], [6], [6]])
"""(4, 3) barycentric weights: a triangle's centre and the points halfway from it to each corner."""


def fill_sources(crop: np.ndarray, landmarks: np.ndarray, origin: np.ndarray, vertices: np.ndarray,
                 ring_tris: np.ndarray, rigid: np.ndarray, num_face_tris: int) -> np.ndarray:
    """(R + F,) bool, the triangles whose pixels the unfolded band's fill reads: the ring triangles ((R, 3)
    indices into `vertices`, (V, 2) crop px) all of whose corners are rigid with the head (`rigid`, (V,) bool)
    with the face's skin colour at one of their `_SAMPLES` in the photo, then every one of the `num_face_tris`
    face triangles. crop: (h, w, 3) uint8 RGB at `origin` (2,) px; landmarks: (478, 2+) image px."""
    h, w = crop.shape[:2]
    colours = face_colours(crop, landmarks, origin, face_oval((h, w), landmarks, origin)[0])
    rings = rigid[ring_tris].all(1)
    if colours.skin is None:
        rings[:] = False
    else:
        skin = colour_distance(colours.lab, colours.skin) < CHI2_99
        points = np.einsum("sk,fkd->fsd", _SAMPLES, vertices[ring_tris])  # (R, 4, 2)
        at = np.clip(np.rint(points).astype(np.intp), 0, [w - 1, h - 1])
        rings &= skin[at[..., 1], at[..., 0]].any(1)
    return np.concatenate([rings, np.ones(num_face_tris, bool)])
