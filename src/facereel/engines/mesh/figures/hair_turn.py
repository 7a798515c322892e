"""The hair's texture turned unevenly by the map: the shear that draws strands in waves (issue #9, the hair
rings slid along themselves, `MeshOptions.ring_slide`).

A head that turns rotates its hair's texture smoothly: neighbouring bits of hair turn by nearly the same angle.
Where neighbouring points of the hair rings move by different amounts along the rings (the slide smoothed
along them, fading with the rings' follow to the background), the texture between them is sheared one way
here and the other way there: lp_s1 on preset:turn with the slide, frames 13-15, the strands beside the far
temple drawn in waves and the outline bent. Read from the last map's pixels (`warp.MeshWarp`'s coarse backward
map): at each sample on a hair-ring triangle, the map's local rotation (deg, the angle of its Jacobian's
rotation part, on the surface the sample lies on, `warp.surface_gradients`) less the mean rotation of the hair
samples within `WINDOW` face sizes; `uneven_hair_turn` is the mean of its size over the hair samples. The
source repeated (the do-nothing baseline: no map) reads 0 (to float noise).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import cv2
import numpy as np

from facereel.engines.mesh.composite import face_size
from facereel.engines.mesh.geometry.warp import surface_gradients

if TYPE_CHECKING:
    from facereel.engines.mesh.animator import MeshAnimator

WINDOW = 0.08
"""Face sizes: the side of the square whose hair's mean rotation a sample's rotation is compared with."""


def map_rotation(coarse: np.ndarray, spacing: tuple[float, float]) -> np.ndarray:
    """(h-2, w-2) float32 deg: the local rotation of the backward map whose displacement `coarse` (h, w, 2) px
    is sampled every `spacing` (x, y) px, per inner sample (the angle of its Jacobian's rotation part; the
    forward map turns by its opposite)."""
    ddx, ddy = surface_gradients(coarse, spacing)
    cosine = 2 + ddx[..., 0] + ddy[..., 1]  # J11 + J22 of J = I + (ddx, ddy)
    sine = ddx[..., 1] - ddy[..., 0]  # J21 - J12
    return np.degrees(np.arctan2(sine, cosine)).astype(np.float32)


def uneven_hair_turn(animator: MeshAnimator) -> float:
    """Deg: the mean, over the last map's samples on hair-ring triangles, of how far each sample's rotation
    (`map_rotation`) lies from the mean rotation of the hair samples round it (module docstring); 0 with no
    hair drawn."""
    rotation = map_rotation(animator.warp.coarse_displacement, animator.warp.spacing)
    ids = animator.warp.triangle_ids[1:-1, 1:-1]
    hair = (ids >= 0) & (ids < animator._num_ring_tris)
    if not hair.any():
        return 0.0
    side = max(3, int(WINDOW * face_size(animator.source_landmarks) / animator.warp.spacing[0]) | 1)
    weight = cv2.blur(hair.astype(np.float32), (side, side))
    mean = cv2.blur(np.where(hair, rotation, 0).astype(np.float32), (side, side)) / np.maximum(weight, 1e-6)
    return float(np.abs(rotation - mean)[hair].mean())
