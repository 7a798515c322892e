"""A closing lid's dark lines off the lid's hue: `cool` (issue #9).

The lash line, crease and edge shadow a closing lid is drawn with (`eye.eyes`) are dark lines on the carried lid.
Drawn in the iris's colour (lp_s5's blue-black painted iris showing above its tracked lid) they are violet on the
warm lid, and with the lid a blue-grey bruise. `cool` reads the hue of a shut lid's darkest `DARK_SHARE` of
pixels (the lines) against the source's lid skin's: the CIELAB hue angle (degrees, atan2(b*, a*)) of their mean
a*, b* less the lid skin's (`closed_lids.LID_BAND` above the source's upper lid); below 0 cooler (towards blue).
A shut lid: the target's opening at most `SHUT` of the source's by area; the source's whole opening carried onto
it is read (`ClosedLid.covered(shut=True)`). NaN on an eye not shut (the source repeated).
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import box_around, polygon_mask
from facereel.engines.mesh.figures.closed_lids import LID_BAND, ClosedLid, _pixels
from facereel.engines.mesh.geometry.mesh_topology import (
    LEFT_EYE_LOWER,
    LEFT_EYE_UPPER,
    RIGHT_EYE_LOWER,
    RIGHT_EYE_UPPER,
)

DARK_SHARE = 0.25  # the darkest share (by L*) of the covered lid's pixels read as its lines
LEAST = 10  # covered pixels below which a lid is not read
SHUT = 0.5  # a target eye opening (by area) at most this share of the source's reads as (half) shut


def _lab(px: np.ndarray) -> np.ndarray:
    """(N, 3) float32 CIELAB (L* 0-255 as OpenCV's 8-bit, a* and b* centred on 0) of RGB px (N, 3) 0-255."""
    lab = cv2.cvtColor(np.clip(px, 0, 255).astype(np.uint8)[None], cv2.COLOR_RGB2LAB)[0].astype(np.float32)
    return lab - np.float32([0, 128, 128])


def _area(polygon: np.ndarray) -> float:
    """Area (px^2) of a polygon (M, 2) px."""
    return float(abs(cv2.contourArea(polygon.astype(np.float32))))


def _hue(lab: np.ndarray) -> float:
    """Hue angle (degrees) of the mean a*, b* of CIELAB pixels lab (N, 3)."""
    a, b = lab[:, 1:].mean(0)
    return float(np.degrees(np.arctan2(b, a)))


class LidHue:
    """`cool` of one eye (lid polylines `upper`, `lower`: mesh_topology's, corner to corner; `ClosedLid`'s covered
    area) of a source portrait (H, W, 3) uint8 RGB with landmarks (478, >=2) px."""

    def __init__(self, source: np.ndarray, landmarks: np.ndarray, upper: tuple[int, ...],
                 lower: tuple[int, ...]) -> None:
        self.lid = ClosedLid(source, landmarks, upper, lower)
        pts = landmarks[:, :2].astype(np.float32)
        a, b = self.lid.src_corners
        up = np.array([b[1] - a[1], a[0] - b[0]], np.float32)  # 1 eye width across the corner line
        up = up if up[1] < 0 else -up  # ... towards the brow (image y up)
        lid = pts[list(upper)]
        band = np.vstack([lid + LID_BAND[0] * up, (lid + LID_BAND[1] * up)[::-1]])
        box = box_around(band, 1, (source.shape[1], source.shape[0]))
        mask = polygon_mask([band], (box[3] - box[1], box[2] - box[0]), box[:2])
        self.skin = _lab(_pixels(source, mask, box))
        """(N, 3) CIELAB (`_lab`) of the source's lid skin's pixels."""
        self.skin_hue = _hue(self.skin)
        """The source's lid skin's hue angle, degrees."""

    def shut_lid(self, frame: np.ndarray, target: np.ndarray) -> np.ndarray | None:
        """(N, 3) CIELAB (`_lab`) of the shut lid's pixels (`ClosedLid.covered`, `shut`) of `frame` (H, W, 3) uint8
        RGB, for target landmarks (478, >=2) px; None where the target's eye is not shut (SHUT) or fewer than LEAST
        pixels are covered."""
        opening = _area(target[self.lid.contour, :2]) / max(_area(self.lid.src_opening), 1e-6)
        box, mask = self.lid.covered(target, (frame.shape[1], frame.shape[0]), shut=True)
        px = _pixels(frame, mask, box)
        return None if opening > SHUT or len(px) < LEAST else _lab(px)

    def cool(self, frame: np.ndarray, target: np.ndarray) -> float:
        """Hue angle (degrees) of the darkest DARK_SHARE of the shut lid's pixels (`ClosedLid.covered`, `shut`) of
        `frame` (H, W, 3) uint8 RGB, for target landmarks (478, >=2) px, less the source's lid skin's (wrapped to
        -180..180); NaN where the target's eye is not shut (SHUT) or fewer than LEAST pixels are covered."""
        lab = self.shut_lid(frame, target)
        if lab is None:
            return float("nan")
        dark = lab[lab[:, 0] <= np.percentile(lab[:, 0], 100 * DARK_SHARE)]
        return float((_hue(dark) - self.skin_hue + 180) % 360 - 180)


def lid_hues(source: np.ndarray, landmarks: np.ndarray) -> list[LidHue]:
    """The figure of both eyes (right, left) of a portrait (H, W, 3) uint8 RGB with landmarks
    (478, >=2) px."""
    return [LidHue(source, landmarks, RIGHT_EYE_UPPER, RIGHT_EYE_LOWER),
            LidHue(source, landmarks, LEFT_EYE_UPPER, LEFT_EYE_LOWER)]
