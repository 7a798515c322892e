"""Measurements of a mouth in an image: its opening and its lips' colour."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from facereel.engines.mesh.composite import box_around, polygon_mask
from facereel.engines.mesh.geometry.mesh_topology import INNER_LIP_CONTOUR
from facereel.engines.mesh.quantiles import byte_median
from facereel.face import landmark_ids as ids

_CHEEKS = (50, 280)  # mediapipe points on the right and left cheek
# The cheeks' L* ratio (lighter over darker) over which a face reads as lit from one side (`CheekLight.mouth`): the
# still portraits of ../shared/data part by 1.55 at most (lp_s0), the other driving videos by 1.25 but lp_d11 (up to
# 1.5, past 1.6 on a few frames of 202-224); sr_1's clip 1.9-2.7 but where its head turns (9, 13, 20: 1.2-1.4).
_SIDE_LIT = (1.6, 2.0)


def mouth_gap(points: np.ndarray) -> tuple[float, float]:
    """(inner-lip gap, mouth width) in px: mean upper-to-lower inner lip distance; corner distance."""
    up = points[list(ids.INNER_UPPER_LIP[1:-1]), :2]
    lo = points[list(ids.INNER_LOWER_LIP[1:-1]), :2]
    width = np.linalg.norm(points[ids.INNER_UPPER_LIP[0], :2] - points[ids.INNER_UPPER_LIP[-1], :2])
    return float(np.linalg.norm(up - lo, axis=1).mean()), float(width)


def _band_colour(image: np.ndarray, outer: np.ndarray, inner: np.ndarray | None = None) -> np.ndarray | None:
    """(3,) float32 median RGB of (H, W, 3) `image` inside the polygon `outer` (n, 2) px and outside `inner` (m, 2)
    px (if given), or None when no pixel is there."""
    h, w = image.shape[:2]
    x0, y0, x1, y1 = box_around(outer, 1, (w, h))
    if x1 <= x0 or y1 <= y0:
        return None
    shape = (y1 - y0, x1 - x0)
    band = polygon_mask([outer], shape, (x0, y0))
    if inner is not None:
        band = band - polygon_mask([inner], shape, (x0, y0))
    px = image[y0:y1, x0:x1][band > 0.5]
    return byte_median(px) if len(px) else None


def outer_lips(points: np.ndarray) -> np.ndarray:
    """(22, 2) px, `points`' dtype: the lips' outer outline as a polygon, of (478, 2+) px landmarks `points`: the
    upper lip from corner to corner, then the lower lip back (each corner twice)."""
    pts = points[:, :2]
    return np.vstack([pts[list(ids.OUTER_UPPER_LIP)], pts[list(ids.OUTER_LOWER_LIP)][::-1]])


def lip_colour(image: np.ndarray, landmarks: np.ndarray) -> np.ndarray | None:
    """(3,) float32 median RGB between the outer and inner lip contours of (478, 3) px landmarks, or None
    when no pixel is there."""
    pts = landmarks[:, :2]
    return _band_colour(image, outer_lips(pts), pts[INNER_LIP_CONTOUR])


def lip_bands(image: np.ndarray, landmarks: np.ndarray) -> tuple[np.ndarray | None, np.ndarray | None]:
    """(upper, lower): (3,) float32 median RGB of the upper lip (between its outer and inner contours of (478, 3)
    px landmarks) and of the lower lip, each None when no pixel is there."""
    pts = landmarks[:, :2]
    return tuple(_band_colour(image, np.vstack([pts[list(outer)], pts[list(inner)][::-1]]))
                 for outer, inner in ((ids.OUTER_UPPER_LIP, ids.INNER_UPPER_LIP),
                                      (ids.OUTER_LOWER_LIP, ids.INNER_LOWER_LIP)))


def _cheek_patches(image: np.ndarray, landmarks: np.ndarray) -> list[np.ndarray]:
    """The two cheeks' pixels, (n, 3) uint8 RGB each: a patch around landmarks 50 and 280 of (478, 3) px
    `landmarks`, its half-side 0.08 of the mouth's width + 1 px."""
    h, w = image.shape[:2]
    pts = landmarks[:, :2]
    radius = 0.08 * float(np.linalg.norm(pts[ids.INNER_UPPER_LIP[0]] - pts[ids.INNER_UPPER_LIP[-1]])) + 1
    patches = []
    for i in _CHEEKS:
        x0, y0, x1, y1 = box_around(pts[[i]], radius, (w, h))
        patches.append(image[y0:y1, x0:x1].reshape(-1, 3))
    return patches


def skin_colour(image: np.ndarray, landmarks: np.ndarray) -> np.ndarray | None:
    """(3,) float32 median RGB of both cheeks (a patch around landmarks 50 and 280), the face's light."""
    return _pooled(_cheek_patches(image, landmarks))


def _pooled(patches: list[np.ndarray]) -> np.ndarray | None:
    """(3,) float32 median RGB of all the (n, 3) uint8 pixels of `patches`, None where there are none."""
    px = np.vstack(patches)
    return byte_median(px) if len(px) else None


@dataclass(frozen=True)
class CheekLight:
    """A face's light read once on its cheeks (`cheek_light`): `skin` (3,) float32 RGB, both cheeks' median
    (`skin_colour`); `mouth` (3,) float32 RGB, the skin in the light that falls on the mouth, between the cheeks;
    `side_lit` 0-1, how far the two cheeks' L* part past `_SIDE_LIT` (a face lit from one side; 0: evenly lit, `mouth`
    is `skin`)."""

    skin: np.ndarray
    mouth: np.ndarray
    side_lit: float


def cheek_light(image: np.ndarray, landmarks: np.ndarray) -> CheekLight | None:
    """The (H, W, 3) uint8 RGB `image`'s cheeks' light (`CheekLight`) with (478, 3) px `landmarks`: the light on the
    mouth is both cheeks' median unless their two medians' L* part by more than `_SIDE_LIT` (ramped, mixed in RGB):
    a face lit from one side, whose pooled median falls on its shaded cheek (sr_1's clip: L* 22-26 against the lit
    one's 49-56, the median 26-38) or its lit one from frame to frame; then the mean of the two cheeks' medians, the
    light half-way between them. None when no pixel is read."""
    patches = _cheek_patches(image, landmarks)
    both = _pooled(patches)
    if both is None:
        return None
    medians = [byte_median(p) for p in patches if len(p)]
    if len(medians) < 2:
        return CheekLight(both, both, 0.0)
    light = cv2.cvtColor(np.float32(medians)[:, None] / 255, cv2.COLOR_RGB2LAB)[:, 0, 0]
    parted = float(light.max() / max(float(light.min()), 1.0))
    share = np.float32(np.clip((parted - _SIDE_LIT[0]) / (_SIDE_LIT[1] - _SIDE_LIT[0]), 0, 1))
    return CheekLight(both, both + share * ((medians[0] + medians[1]) / 2 - both), float(share))
