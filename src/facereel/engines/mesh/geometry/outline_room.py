"""How far a frame's face outline stands past the head's rigid ring (issue #12 part 4, the editor at its yaw's ends).

The rings round the face oval ride on the skull shell (`head_proxy`); the second ring is where the photo's head
(hair, ears) ends along each ray (`MeshAnimator`'s `rigid_ring`). When a face fills its head (little hair beside it,
a tight crop), a large turn swings the face's far side out while that ring holds: the face, drawn after the rings,
is laid over the hair and the wall with the oval's straight segments as hard edges (lp_d19 frame 0 `edit --yaw 30`:
the hair cut in a vertical step with a ledge, the far eye and the glasses' rim over the wall). `outline_past` reads
that overshoot from the mesh as placed, so the editor can end the yaw before it (`animate.slider_room`).
"""

from __future__ import annotations

import cv2
import numpy as np


def outline_past(vertices: np.ndarray, oval: np.ndarray, ring: np.ndarray, face_px: float) -> float:
    """Face sizes the farthest face-outline point stands outside the ring's polygon (negative: the whole outline
    inside it, by that much at its nearest).

    vertices: (V, 2) px, the mesh as placed; oval: (K,) the outline's vertex ids in order round the face; ring: (K,)
    the ring's vertex ids, one a ray in the same order; face_px: px, the face size the result is measured in."""
    polygon = np.ascontiguousarray(vertices[ring], dtype=np.float32).reshape(-1, 1, 2)
    inside = [cv2.pointPolygonTest(polygon, (float(x), float(y)), True) for x, y in vertices[oval]]
    return -min(inside) / face_px
