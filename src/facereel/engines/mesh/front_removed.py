"""The photo of a face behind others with the front people removed (issue #12: the front person's side hair
drawn twice): the front face's matte (its region grown over the dark outer band of its side hair) and what its
back face shows under it, a smooth fill from her own pixels round it, so her layer never holds the front hair."""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.layers import fill_hole

BAND = 0.12
"""Front-face sizes: how far outside its region the front matte follows the dark band of its side hair."""
FRINGE = 2
"""px: how far the matte goes on past that band (the hair's light mixed strands), fading over as many."""
RIM = 6
"""px: the back face's own pixels this near the hole fill it."""
BLEND_FROM = 0.5
"""The front head's alpha from which the face behind it is blended towards its fill (below: the photo)."""
SOLID = 0.98
"""The front head's alpha from which the face behind it is its fill alone."""


def front_matte(region: np.ndarray, size: float, level: np.ndarray) -> np.ndarray:
    """(H, W) float32 in [0, 1]: where a front face may draw its head layer over the faces behind it: its
    `region` ((H, W) float32, `FaceRegions.region`) and, at `level` ((H, W) bool: its side hair's rows), every
    pixel within `BAND` * `size` px (its face size) of it (>= 0.5), fading over `FRINGE` px: its own head
    mask (the segmentation's soft alpha) then mattes its side hair there, not the region's cut."""
    far = cv2.distanceTransform((region < 0.5).astype(np.uint8), cv2.DIST_L2, cv2.DIST_MASK_PRECISE)
    grown = np.clip((BAND * size + FRINGE - far) / FRINGE, 0, 1) * level
    return np.maximum(region, grown).astype(np.float32)


def behind_removed(photo: np.ndarray, front: np.ndarray, own: np.ndarray) -> np.ndarray:
    """(H, W, 3) uint8: `photo` with the pixels where the front heads' alpha `front` ((H, W) float32) is at least
    `SOLID` filled smoothly (push-pull) from the back face's own pixels (`own` (H, W) bool) within `RIM` px of
    them that no front head reaches (alpha 0)."""
    hole = front >= BLEND_FROM
    rim = cv2.distanceTransform((~hole).astype(np.uint8), cv2.DIST_L2, cv2.DIST_MASK_PRECISE) <= RIM
    known = (own & rim & (front <= 0)).astype(np.float32)
    filled = fill_hole(photo, known)
    blend = np.clip((front - BLEND_FROM) / (SOLID - BLEND_FROM), 0, 1)[..., None]
    out = photo + blend * (filled - photo)
    return np.clip(np.round(out), 0, 255).astype(np.uint8)
