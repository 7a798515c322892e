"""How much paler a lowered lid is than the skin round the eye: `pale_lid` (issue #9, lids).

lp_s12 (an old colourised photo whose lids are pale, its sockets dark) x lp_d3 100-140 in absolute expression mode,
the driver looking down: the lowered lids were a pale band lighter than the skin round them, read as white eyes.
The figure is the median L* (CIELAB, 0-100) of the lid band right above the target's upper lid (`LashLine`'s
`LID_AT`) less the median L* of the skin round the eye (`eyes.RING` eye widths out from its lid contour).
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.eye.eyes import ring_pixels
from facereel.engines.mesh.figures.lash_line import LID_AT, LashLine, lash_lines
from facereel.engines.mesh.geometry.mesh_topology import (
    LEFT_EYE_LOWER,
    LEFT_EYE_UPPER,
    RIGHT_EYE_LOWER,
    RIGHT_EYE_UPPER,
    contour,
)


def lightness(image: np.ndarray) -> np.ndarray:
    """(H, W) float32 CIELAB L* (0-100) of an (H, W, 3) uint8 RGB image."""
    return cv2.cvtColor(image.astype(np.float32) / 255.0, cv2.COLOR_RGB2LAB)[..., 0]


def ring_lightness(frame: np.ndarray, target: np.ndarray, upper: tuple[int, ...], lower: tuple[int, ...]) -> float:
    """Median L* of the skin round an eye (`eyes.ring_pixels`; lid polylines `upper`, `lower`, corner to corner) in
    `frame` (H, W, 3) uint8 RGB with landmarks `target` (478, >=2) px."""
    pts = target[:, :2].astype(np.float32)
    width = float(np.linalg.norm(pts[upper[0]] - pts[upper[-1]]))
    return float(np.median(lightness(ring_pixels(frame, pts[contour(upper, lower)], width)[None])))


def pale_lid(frame: np.ndarray, target: np.ndarray, fig: LashLine, upper: tuple[int, ...],
             lower: tuple[int, ...]) -> float:
    """The lid band's median L* (LID_AT above the upper lid, `fig`'s samples) less the skin round the eye's
    (`ring_lightness`), in `frame` (H, W, 3) uint8 RGB with landmarks `target` (478, >=2) px: above 0 a lid
    paler than the skin round it."""
    return float(np.median(fig.sample(lightness(frame), target, *LID_AT))) - ring_lightness(frame, target, upper, lower)


def pale_lids(source: np.ndarray, landmarks: np.ndarray, frame: np.ndarray, target: np.ndarray) -> list[float]:
    """`pale_lid` of both eyes (right, left) of `frame` for a portrait `source` (H, W, 3) uint8 RGB with
    landmarks (478, >=2) px."""
    lids = ((RIGHT_EYE_UPPER, RIGHT_EYE_LOWER), (LEFT_EYE_UPPER, LEFT_EYE_LOWER))
    return [pale_lid(frame, target, fig, *lid) for fig, lid in zip(lash_lines(source, landmarks), lids)]
