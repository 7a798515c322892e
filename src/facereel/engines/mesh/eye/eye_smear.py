"""Lash smear: a closed eye's lashes or lid shadow dragged below the lower lid onto the cheek.

The score looks at a band below where the eye's lower lid belongs (the source's lower lid carried by the
eye-corner similarity, so a sagging target lid is not followed) and counts the pixels darker than the
source's own band ever is. It reads ~0 on the source repeated.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import box_around, polygon_mask
from facereel.engines.mesh.geometry.mesh_topology import (
    LEFT_EYE_LOWER, LEFT_EYE_UPPER, RIGHT_EYE_LOWER, RIGHT_EYE_UPPER,
)
from facereel.engines.mesh.geometry.warp import fit_similarity

SMEAR_BAND = (0.05, 0.35)  # eye widths below the lower lid where the smear is looked for
SMEAR_MARGIN = 15.0  # luminance levels (0-255) darker than the source band's 2nd percentile that count as smear


def lid_offsets(points: np.ndarray, corners: tuple[int, int], lids: list[int], down: float) -> np.ndarray:
    """(N,) signed distance of lid points across the corner line, in eye widths, positive towards the lower
    lid (down: +1 or -1, the sign that makes it so). points: (478, >=2) px."""
    a, b = points[corners[0], :2], points[corners[1], :2]
    width = max(float(np.linalg.norm(b - a)), 1e-6)
    normal = down * np.array([a[1] - b[1], b[0] - a[0]]) / width
    return (points[lids, :2] - a) @ normal / width


def lower_side(points: np.ndarray, upper: tuple[int, ...], lower: tuple[int, ...]) -> float:
    """+1 or -1: the sign of `lid_offsets`' normal that points from the upper lid (polyline of landmark ids,
    corner to corner) to the lower one in `points` (478, >=2) px."""
    corners = (upper[0], upper[-1])
    gap = lid_offsets(points, corners, list(lower[1:-1]), 1.0) - lid_offsets(points, corners, list(upper[1:-1]), 1.0)
    return 1.0 if gap.mean() >= 0 else -1.0


def _luma(image: np.ndarray, polygon: np.ndarray) -> np.ndarray:
    """(N,) uint8 luminance of the pixels of `image` (H, W, 3) uint8 RGB inside `polygon` (M, 2) px."""
    x0, y0, x1, y1 = box_around(polygon, 1, (image.shape[1], image.shape[0]))
    inside = polygon_mask([polygon], (y1 - y0, x1 - x0), (x0, y0)) > 0.5
    return cv2.cvtColor(np.ascontiguousarray(image[y0:y1, x0:x1]), cv2.COLOR_RGB2GRAY)[inside]


class LashSmear:
    """The lash-smear score of one eye of one source portrait.

    Args:
        source: (H, W, 3) uint8 RGB; landmarks: (478, >=2) px; upper, lower: lid polylines (landmark ids,
        corner to corner).
    """

    def __init__(self, source: np.ndarray, landmarks: np.ndarray, upper: tuple[int, ...],
                 lower: tuple[int, ...]) -> None:
        pts = landmarks[:, :2].astype(np.float32)
        self.corners = [upper[0], upper[-1]]
        self.src_corners = pts[self.corners]
        self.src_lower_lid = pts[list(lower)]
        self.down = lower_side(pts, upper, lower)
        luma = _luma(source, self.band(pts))
        self.level = float(np.percentile(luma, 2)) - SMEAR_MARGIN if len(luma) else 0.0

    def band(self, points: np.ndarray) -> np.ndarray:
        """(2N, 2) px polygon SMEAR_BAND eye widths below where the lower lid belongs for landmarks
        `points` (478, >=2) px."""
        m = fit_similarity(self.src_corners, points[self.corners, :2].astype(np.float32))
        lid = self.src_lower_lid @ m[:, :2].T + m[:, 2]
        a, b = lid[0], lid[-1]
        normal = self.down * np.array([a[1] - b[1], b[0] - a[0]], np.float32)  # length: one eye width
        return np.vstack([lid + SMEAR_BAND[0] * normal, (lid + SMEAR_BAND[1] * normal)[::-1]]).astype(np.float32)

    def __call__(self, frame: np.ndarray, target: np.ndarray) -> float:
        """Share (0-1) of the band below the lower lid (for target landmarks (478, >=2) px) that is darker in
        `frame` (H, W, 3) uint8 RGB than the source's own band ever is (its 2nd luminance percentile less
        SMEAR_MARGIN)."""
        luma = _luma(frame, self.band(target))
        return float((luma < self.level).mean()) if len(luma) else 0.0


def lash_smear(source: np.ndarray, landmarks: np.ndarray) -> list[LashSmear]:
    """The scores of both eyes (right, left) of a portrait (H, W, 3) uint8 RGB with landmarks (478, >=2) px."""
    return [LashSmear(source, landmarks, RIGHT_EYE_UPPER, RIGHT_EYE_LOWER),
            LashSmear(source, landmarks, LEFT_EYE_UPPER, LEFT_EYE_LOWER)]
