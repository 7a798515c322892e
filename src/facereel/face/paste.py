"""Paste a generated region back into the full-resolution source with a feathered edge."""

from __future__ import annotations

import cv2
import numpy as np

from facereel.face.crop import Region


def feather_mask(size: tuple[int, int], feather: int) -> np.ndarray:
    """(height, width) float32 in [0, 1]: 1 inside, ramping to 0 over `feather` px at every edge."""
    w, h = size
    ramp_x = np.clip(np.minimum(np.arange(w) + 0.5, w - np.arange(w) - 0.5) / max(feather, 1), 0, 1)
    ramp_y = np.clip(np.minimum(np.arange(h) + 0.5, h - np.arange(h) - 0.5) / max(feather, 1), 0, 1)
    return np.outer(ramp_y, ramp_x).astype(np.float32)


def face_mask(points: np.ndarray, size: tuple[int, int], grow: float = 0.12) -> np.ndarray:
    """(height, width) float32 in [0, 1] of a `size` (width, height) frame: 1 inside the convex hull of
    `points` ((N, 2+) px, e.g. a face's 478 landmarks) widened by `grow` of the hull's size (square root of
    its area), fading linearly to 0 over as much again; 0 beyond."""
    w, h = size
    hull = cv2.convexHull(np.round(points[:, :2]).astype(np.int32))
    inside = np.zeros((h, w), np.uint8)
    cv2.fillConvexPoly(inside, hull, 255)
    margin = max(1.0, grow * float(np.sqrt(max(cv2.contourArea(hull), 1.0))))
    distance = cv2.distanceTransform(255 - inside, cv2.DIST_L2, 5)
    return np.clip(2.0 - distance / margin, 0.0, 1.0).astype(np.float32)


def paste_region(source: np.ndarray, patch: np.ndarray, region: Region, feather_fraction: float = 0.08,
                 mask: np.ndarray | None = None) -> np.ndarray:
    """The source (H, W, 3) with `patch` (region.size[1], region.size[0], 3) resampled into `region`.

    Edges fade over `feather_fraction` of the region's shorter side; pixels outside the region are the
    source's, bit for bit. Parts of the region outside the image are dropped. `mask` ((region.size[1],
    region.size[0]) float in [0, 1], e.g. `face_mask`) limits the paste further: where it is 0 the source's
    pixels are kept bit for bit.
    """
    h, w = source.shape[:2]
    f = region.factor
    # Backward map of the whole patch into source pixels, restricted to the region's bounding box.
    x0, y0 = max(int(np.floor(region.x0)), 0), max(int(np.floor(region.y0)), 0)
    x1, y1 = min(int(np.ceil(region.x0 + region.width)), w), min(int(np.ceil(region.y0 + region.height)), h)
    if x0 >= x1 or y0 >= y1:
        return source.copy()
    affine = np.array([[1 / f, 0, region.x0 - x0], [0, 1 / f, region.y0 - y0]], dtype=np.float64)
    box = (x1 - x0, y1 - y0)
    warped = cv2.warpAffine(patch, affine, box, flags=cv2.INTER_AREA if f > 1 else cv2.INTER_CUBIC,
                            borderMode=cv2.BORDER_REPLICATE)
    weight = feather_mask(region.size, max(2, round(feather_fraction * min(region.size))))
    if mask is not None:
        weight = weight * mask.astype(np.float32)
    alpha = cv2.warpAffine(weight, affine, box, flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT)[..., None]
    out = source.copy()
    roi = out[y0:y1, x0:x1].astype(np.float32)
    out[y0:y1, x0:x1] = np.clip(roi + alpha * (warped.astype(np.float32) - roi) + 0.5, 0, 255).astype(np.uint8)
    return out
