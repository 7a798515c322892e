"""A face's pixels hidden by another person, filled from the face's own other side, mirrored across its midline.

In a group photo a face behind another has part of its cheek or temple under the front person's hair. Its head
layer (`group.FaceGroup`: its region and the strip it carries beyond it) warped those pixels with its head, so
where the front head moved off them a second copy of the front person's hair moved with the back cheek (issue
#12, `figures.side_hair_copy`). `mirrored_over` replaces the hidden pixels of the image the back face is animated
from by that face's own visible side, reflected by the affine map that takes each landmark to its mirror partner
(`mirror_partners`): skin and hair with the face's own texture, not a flat fill.
"""

from __future__ import annotations

from functools import lru_cache

import cv2
import numpy as np

from facereel.face import landmark_ids as ids
from facereel.face.pose import canonical_template

EDGE = 0.02
"""Face sizes: the fill fades in over this much inside the hidden pixels' border."""


@lru_cache(maxsize=1)
def mirror_partners() -> np.ndarray:
    """(478,) int: each landmark's mirror partner across the face's midline (the nearest landmark of the
    canonical template reflected across the mean x of its midline points: forehead, nose tip, chin)."""
    template = canonical_template()
    middle = float(template[[ids.FOREHEAD, ids.NOSE_TIP, ids.CHIN], 0].mean())
    reflected = template * np.array([-1.0, 1.0, 1.0], np.float32) + np.array([2 * middle, 0, 0], np.float32)
    return np.linalg.norm(template[:, None] - reflected[None], axis=2).argmin(1)


def mirror_map(face: np.ndarray) -> np.ndarray:
    """(2, 3) float32: the affine map (image px -> image px) that best takes each landmark of `face` ((478, 3)
    image px) to its mirror partner's position: a point on one side of the face to its twin on the other."""
    points = np.asarray(face, np.float32)[:, :2]
    design = np.hstack([points, np.ones((len(points), 1), np.float32)])
    return np.linalg.lstsq(design, points[mirror_partners()], rcond=None)[0].T.astype(np.float32)


def mirrored_over(image: np.ndarray, face: np.ndarray, hidden: np.ndarray, size: float) -> np.ndarray:
    """(H, W, 3) uint8: `image` (H, W, 3) uint8 RGB with the pixels `hidden` ((H, W) bool, another person over
    the face) taken from the face's mirror image (`mirror_map` of `face`, (478, 3) image px) where their twin
    is neither hidden nor off the image, fading in over `EDGE` * `size` px (the face's size) inside `hidden`."""
    if not hidden.any():
        return image
    height, width = hidden.shape
    affine = mirror_map(face)
    flags = cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP
    twin = cv2.warpAffine(image, affine, (width, height), flags=flags, borderMode=cv2.BORDER_REPLICATE)
    seen = cv2.warpAffine((~hidden).astype(np.float32), affine, (width, height), flags=flags,
                          borderMode=cv2.BORDER_CONSTANT, borderValue=0)
    inside = cv2.distanceTransform(hidden.astype(np.uint8), cv2.DIST_L2, cv2.DIST_MASK_PRECISE)
    weight = (np.clip(inside / max(EDGE * size, 1.0), 0, 1) * (seen > 0.99))[..., None]
    return np.round(image + weight * (twin.astype(np.float32) - image)).astype(np.uint8)
