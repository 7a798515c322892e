"""The wall's fill of a face's plate, what a background sliver shows (bench/face_seam.py, tests/mesh/test_face_group.py).

A front face's plate is filled from the person behind it where that person is nearer than the wall
(`FaceRegions.under`); where the front head moves off it, that person showing is no sliver. A sliver is the
fill from the wall (or the body beside the head) showing where the source shows a head, so the figures compare
the frame with the plate the face would have with no person behind it.
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.animator import MeshAnimator
from facereel.engines.mesh.face_regions import FaceRegions


def wall_plate(source: np.ndarray, faces: np.ndarray, index: int, animator: MeshAnimator) -> np.ndarray:
    """(h, w, 3) float32 on `animator.box`: face `index`'s plate (of `animator`, made on `source` (H, W, 3)
    uint8 from `faces` (F, 478, 3) image px, each face's region from `FaceRegions`) as filled from what is
    beside its head, not from the faces behind it: the animator's own plate when no face lies behind it."""
    regions = FaceRegions(faces, (source.shape[1], source.shape[0]))
    if regions.under(index) is None:
        return animator.layer.plate
    return MeshAnimator(source, faces[index], animator.options, region=regions.region(index)).layer.plate
