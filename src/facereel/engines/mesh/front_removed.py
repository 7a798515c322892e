"""Tried (h41-twice, variant a6; reverted): the front matte grown by dark pixels at cheek level, her hole filled from her rim."""
from __future__ import annotations
import cv2
import numpy as np
from facereel.engines.mesh.composite import LUMA
from facereel.engines.mesh.layers import fill_hole
BAND = 0.06
FRINGE = 2
RIM = 6
SOLID = 0.98


def front_matte(region, size, level, photo=None, outside=None):
    luma = photo.astype(np.float32) @ LUMA
    hair = (region >= 0.5) & (outside > 0)
    dark = luma <= float(np.percentile(luma[hair], 75))
    mask = region >= 0.5
    grown = mask.astype(np.uint8)
    cross = cv2.getStructuringElement(cv2.MORPH_CROSS, (3, 3))
    for _ in range(max(1, round(BAND * size))):
        grown = cv2.dilate(grown, cross) & ((dark & level) | mask).astype(np.uint8)
    solid = cv2.dilate(grown, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * FRINGE + 1,) * 2))
    soft = cv2.GaussianBlur(solid.astype(np.float32), (0, 0), 1.0)
    return np.maximum(region, np.where(solid > 0, 1.0, soft * (outside > 0) * level)).astype(np.float32)


def behind_removed(photo, front, own):
    hole = front >= SOLID
    rim = cv2.distanceTransform((~hole).astype(np.uint8), cv2.DIST_L2, cv2.DIST_MASK_PRECISE) <= RIM
    known = (own & rim & (front <= 0)).astype(np.float32)
    filled = fill_hole(photo, known)
    out = np.where(hole[..., None], filled, photo.astype(np.float32))
    return np.clip(np.round(out), 0, 255).astype(np.uint8)
