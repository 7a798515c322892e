"""A light line across the skin under a wide-open lower lip (issue #9), read on a `MeshAnimator`'s last render.

lp_s1 x lp_d18 (frames 123-140): the driver's lower lip drops far more than its chin, the skin from the lip
to the chin is squeezed to half its height, and a row of it folded over the next drew a pale horizontal
line across the chin under the lip. `light_line`: the mean, over the skin under the lower lip as drawn, of
the frame's vertical white top-hat (grey levels minus their opening by a vertical line of `LINE` face
sizes: thin light lines lying across the face) in excess of the largest the
photo shows on that skin. The source repeated scores 0.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import cv2
import numpy as np

from facereel.engines.mesh.composite import face_size, grey_image, polygon_mask
from facereel.engines.mesh.figures.artefact_scores import drawn_by
from facereel.engines.mesh.geometry.lip_ring import CHIN_REACH, DOWN, OUTER_LIP_CONTOUR, nearest_segment
from facereel.face import landmark_ids as ids

if TYPE_CHECKING:
    from facereel.engines.mesh.animator import MeshAnimator

LINE = 0.025
"""Face sizes: the top-hat's vertical kernel; light lines thinner than about this count (the chin's own
highlight, squeezed with the skin to half its height, is wider)."""
SIDE = 0.4
"""Mouth widths either side of the lower lip's middle (17) within which the skin under it is read."""
_ERODE = np.ones((3, 3), np.uint8)  # the region's edge (1 px: the lip's, the chin's) is not read


class UnderLip:
    """The light-line figure of frames rendered by one `MeshAnimator`; what depends on the source only is
    made here.

    The skin under the lower lip: the face mesh's triangles whose corners are all landmarks of the lower lip's
    outer edge or skin points (not lips, not the face's outline) below it, nearer its contour than
    `lip_ring.CHIN_REACH` mouth widths and within `SIDE` mouth widths of its middle, in the photo.
    """

    def __init__(self, animator: MeshAnimator) -> None:
        self.animator = animator
        lm = animator.source_landmarks[:, :2].astype(np.float64)
        width = float(np.linalg.norm(lm[ids.MOUTH_CORNERS[0]] - lm[ids.MOUTH_CORNERS[1]]))
        lips = set(ids.OUTLINE_AND_LIPS)
        skin = np.array([i for i in range(ids.NUM_LANDMARKS) if i not in lips])
        distance, normal = nearest_segment(lm[skin], lm[OUTER_LIP_CONTOUR])
        below = ((distance > 0) & (distance < CHIN_REACH * width) & (normal[:, 1] > DOWN)
                 & (np.abs(lm[skin, 0] - lm[ids.OUTER_LOWER_LIP[5], 0]) < SIDE * width))
        allowed = set(skin[below].tolist()) | set(ids.OUTER_LOWER_LIP)
        tris = animator._face_tris
        chosen = np.array([set(t) <= allowed and not set(t) <= set(ids.OUTER_LOWER_LIP) for t in tris.tolist()])
        self._by_id = np.concatenate([[False], np.zeros(animator._num_ring_tris, bool), chosen])  # id + 1
        face_px = face_size(animator.source_landmarks)
        k = 2 * round(LINE * face_px / 2) + 1
        self._kernel = np.ones((k, 1), np.uint8)  # vertical: lines lying across the face
        x0, y0, x1, y1 = animator.box
        region = polygon_mask([lm[t] for t in tris[chosen]], (y1 - y0, x1 - x0), (x0, y0)) > 0.5
        region = cv2.erode(region.astype(np.uint8), _ERODE) > 0
        photo = grey_image(animator.source[y0:y1, x0:x1])
        tophat = cv2.morphologyEx(photo, cv2.MORPH_TOPHAT, self._kernel)
        self._photo_most = float(tophat[region].max()) if region.any() else 0.0  # grey levels

    def light_line(self, frame: np.ndarray) -> float:
        """Grey levels: the mean excess vertical white top-hat over the skin under the lower lip of `frame`
        ((H, W, 3) uint8, the animator's last render); 0 when none of that skin is drawn."""
        grey, region = drawn_by(self.animator, frame, self._by_id, _ERODE)
        if not region.any():
            return 0.0
        tophat = cv2.morphologyEx(grey, cv2.MORPH_TOPHAT, self._kernel)
        return float(np.maximum(tophat[region] - self._photo_most, 0.0).mean())
