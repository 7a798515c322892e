"""The front person's side hair left outside the front head's layer, read from the photo (issue #12: the cause
of `figures.side_hair_copy`). Where one person is in front of another, the front face's region
(`FaceRegions.region`: its oval grown by `FRONT_MARGIN`, fading out over `FEATHER`) ends 0.13 front sizes out
of its oval (under 0.5 from 0.105), while its side hair reaches further (lp_s1 in front of lp_s5: its dark
soft outer edge to 0.16-0.20, where the front face's own segmentation is still 1; 204 px read here, 3-6 px a
row over 45 rows, 0.11-0.15 out). That band is the face behind's (its region and head
layer hold it) and moves with the back head: a second strip of the front hair beside the front head's own.

`unmasked_hair` grows the front head's layer (its alpha >= 0.5) by up to `BESIDE` front-face sizes through the
pixels the photo shows as dark as the front side hair (luma at most the upper quartile of that hair's, the `hair`
of `side_hair_copy.hair_zone`), at the given level, and keeps the grown part the back head holds (its alpha >=
0.5). It reads the source photo and the layers as made: no frame.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import LUMA

BESIDE = 0.06
"""Front-face sizes: how far outside the front head's layer the band of its hair is followed."""


def unmasked_hair(photo: np.ndarray, front_head: np.ndarray, hair: np.ndarray, level: np.ndarray,
                  back_head: np.ndarray, size: float) -> np.ndarray:
    """(H, W) bool: the pixels at `level` ((H, W) bool) off the front head's layer (`front_head` (H, W) float32,
    its alpha as the photo has it, under 0.5) joined to it within `BESIDE` * `size` px (`size`: the front face's
    size) through pixels `photo` ((H, W, 3) uint8 RGB) shows at most as light as the front side hair (`hair`
    (H, W) bool: its luma's upper quartile), held by the back head (`back_head` (H, W) float32 >= 0.5)."""
    mask = front_head >= 0.5
    if not hair.any():
        return np.zeros_like(mask)
    luma = photo.astype(np.float32) @ LUMA
    dark = luma <= float(np.percentile(luma[hair], 75))
    grown = mask.astype(np.uint8)
    cross = cv2.getStructuringElement(cv2.MORPH_CROSS, (3, 3))
    for _ in range(max(1, round(BESIDE * size))):  # one px a step, through the dark pixels only
        grown = cv2.dilate(grown, cross) & (dark | mask).astype(np.uint8)
    return (grown > 0) & ~mask & level & (back_head >= 0.5)
