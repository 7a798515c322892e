"""How dark a lowered lid's edge is: the `fade` figure, and its lid band's `light` and the `shadow` under it
(`LashLine.band`) (issue #9, half-closed lids).

A half-closed lid's edge is a dark line (lashes, liner, the lid's shadow on the eyeball), as the source's own
open eye's upper edge is; drawn as lid skin down to the eyeball it reads as a flat smudge (lp_s5, lp_s12 x
lp_d3 frames 74-104). `fade` compares the darkest luminance right above the target's upper lid with the source's
above its own: 0 as dark, 1 as light as the lid skin above.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import grey_image
from facereel.engines.mesh.eye.eye_smear import lower_side
from facereel.engines.mesh.geometry.mesh_topology import (
    LEFT_EYE_LOWER, LEFT_EYE_UPPER, RIGHT_EYE_LOWER, RIGHT_EYE_UPPER,
)

EDGE_BAND = (-0.1, -0.02)  # eye widths across the upper lid (positive towards the lower lid) where its edge is sought:
                          # right above it (below it a lowered lid's eyeball, a dark iris, is no lid edge)
SKIN_AT = (0.15, 0.3)  # eye widths above the upper lid: the lid skin the edge's darkness is measured against
LID_AT = (-0.2, -0.03)  # eye widths across the upper lid: the lid band right above a lowered lid's edge ...
UNDER_AT = (0.02, 0.1)  # ... and the eyeball right under it
ALONG = np.linspace(0.2, 0.8, 13)  # where along the lid (0-1 between its corners) it is measured
_ACROSS = 9  # samples across each band


class LashLine:
    """`fade` and `band` of one eye (lid polylines `upper`, `lower`: mesh_topology's, corner to corner) of a source
    portrait (H, W, 3) uint8 RGB with landmarks (478, >=2) px."""

    def __init__(self, source: np.ndarray, landmarks: np.ndarray, upper: tuple[int, ...],
                 lower: tuple[int, ...]) -> None:
        self.upper = list(upper)
        self.down = lower_side(landmarks[:, :2].astype(np.float32), upper, lower)
        self.edge, self.skin = self._levels(source, landmarks)

    def _levels(self, image: np.ndarray, landmarks: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(len(ALONG),) float32 each: the darkest luminance of `image` (H, W, 3) uint8 RGB across EDGE_BAND and
        the median across SKIN_AT at each of ALONG on the upper lid of landmarks (478, >=2) px."""
        return (self._across(image, landmarks, *EDGE_BAND).min(1),
                np.median(self._across(image, landmarks, -SKIN_AT[1], -SKIN_AT[0]), 1))

    def _across(self, image: np.ndarray, landmarks: np.ndarray, lo: float, hi: float) -> np.ndarray:
        """(len(ALONG), _ACROSS) float32: the luminance of `image` (H, W, 3) uint8 RGB from lo to hi eye widths
        across the upper lid of landmarks (478, >=2) px (positive towards the lower lid) at each of ALONG."""
        return self.sample(grey_image(image), landmarks, lo, hi)

    def sample(self, plane: np.ndarray, landmarks: np.ndarray, lo: float, hi: float) -> np.ndarray:
        """(len(ALONG), _ACROSS) float32: `plane` (H, W) float32 (a luminance, L*) sampled as `_across` says."""
        lid = landmarks[self.upper, :2].astype(np.float32)
        a, b = lid[0], lid[-1]
        width = max(float(np.linalg.norm(b - a)), 1e-6)
        normal = self.down * np.array([a[1] - b[1], b[0] - a[0]], np.float32)  # towards the lower lid, 1 eye width
        u = (lid - a) @ (b - a) / (width * width)
        at = np.stack([np.interp(ALONG, u, lid[:, k]) for k in range(2)], 1)  # (n, 2) px on the lid
        d = np.linspace(lo, hi, _ACROSS, dtype=np.float32)
        xy = (at[:, None] + d[None, :, None] * normal).astype(np.float32)  # (n, _ACROSS, 2)
        return cv2.remap(plane, xy[..., 0], xy[..., 1], cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)

    def fade(self, frame: np.ndarray, target: np.ndarray) -> float:
        """Mean over ALONG of how much lighter the darkest pixel at the upper lid of `frame` (H, W, 3) uint8 RGB,
        for target landmarks (478, >=2) px, is than the source's at its own, over the source's lid skin less its
        edge (at least 8 grey levels): 0 as dark as the source's edge, 1 as light as its lid skin."""
        edge = self._levels(frame, target)[0]
        return float(np.mean((edge - self.edge) / np.maximum(self.skin - self.edge, 8.0)))


    def band(self, frame: np.ndarray, target: np.ndarray) -> tuple[float, float]:
        """(light, shadow) of the lowered lid in `frame` (H, W, 3) uint8 RGB, for target landmarks (478, >=2) px,
        each a median luminance over the source's lid skin (SKIN_AT's median) at each of ALONG, meaned: `light`,
        the lid band right above its edge (LID_AT; a pale flat fill reads high, the photo's own lid with its
        shadow above the lashes lower); `shadow`, the eyeball right under the edge (UNDER_AT; lit where the lid
        casts no shadow on it)."""
        return tuple(float(np.mean(np.median(self._across(frame, target, *at), 1) / self.skin))
                     for at in (LID_AT, UNDER_AT))


def lash_lines(source: np.ndarray, landmarks: np.ndarray) -> list[LashLine]:
    """The figures of both eyes (right, left) of a portrait (H, W, 3) uint8 RGB with landmarks (478, >=2) px."""
    return [LashLine(source, landmarks, RIGHT_EYE_UPPER, RIGHT_EYE_LOWER),
            LashLine(source, landmarks, LEFT_EYE_UPPER, LEFT_EYE_LOWER)]
