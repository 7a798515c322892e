"""The outer band of a front person's side hair that the geometric regions give to the face behind (issue #12).

`face_regions.FaceRegions.region` ends a front face's own pixels `FRONT_MARGIN` + `FEATHER` of its size outside its
oval; a front person's side hair can reach further (lp_s1 in front of lp_s5: to 0.16-0.20 front sizes, its
dark soft outer edge over her cheek). That band then moved with the back head, a second strip of the front hair
beside the front head's own (`figures.side_hair_copy`). `hair_band` follows the front side hair's colour out
of its region: the pixels joined to it, within `BESIDE` front sizes, through pixels as dark as that hair.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import LUMA

BESIDE = 0.06
"""Front-face sizes: how far past its region the band of its side hair is followed."""
CHEEK_LEVEL = 0.75
"""Front-face sizes above the front chin (along its down axis) where its side hair is read, from there down to
the chin of the face behind (above: the back person's own hair beside the front head's top)."""
DARK_SHARE = 75
"""Percentile of the luma of the front side hair inside its region: pixels at most this light are that hair."""


def hair_band(image: np.ndarray, region: np.ndarray, outside: np.ndarray, level: np.ndarray,
              size: float) -> np.ndarray:
    """(H, W) bool: the front side hair past the front face's `region` ((H, W) float32, `FaceRegions.region`
    before this band): the pixels of `level` ((H, W) bool, its cheek level) joined within `BESIDE` * `size` px
    (`size`: the front face's size) to its hair inside the region (region whole, `outside` its oval: (H, W)
    float32 face sizes > 0) through pixels `image` ((H, W, 3) uint8 RGB) shows as dark as that hair."""
    hair = (region >= 1) & (outside > 0) & level
    if not hair.any():
        return np.zeros_like(hair)
    luma = image.astype(np.float32) @ LUMA
    dark = (luma <= float(np.percentile(luma[hair], DARK_SHARE))) & level
    grown = hair.astype(np.uint8)
    cross = cv2.getStructuringElement(cv2.MORPH_CROSS, (3, 3))
    for _ in range(max(1, round(BESIDE * size))):  # one px a step, through the dark pixels only
        grown = cv2.dilate(grown, cross) & (dark | hair).astype(np.uint8)
    band = ((grown > 0) & (region < 1)).astype(np.float32)
    return np.maximum(band * (region < 1), cv2.GaussianBlur(band, (0, 0), 1.0)) * (region < 1)
