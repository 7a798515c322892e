"""A shut lid with no fold: the `crease` figure (issue #9).

A real shut upper lid is not one smooth shade from the lash line to the brow: a fold (the lid crease) lies
across it a little above the lashes, a thin line darker than the lid above and below it (lp_d3's own shut
frames). The carried lid (`EyeRenderer._cover`) eases its shade to the lid skin's light once shut, so the
photo's crease was lost: sr_18's and lp_s0's small shut lids read as smooth blobs. `crease` reads, across the
shut lid, the deepest dip of luminance below the mean of the lid CREASE_STEP above and below it.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import grey_image
from facereel.engines.mesh.eye.eye_smear import lower_side
from facereel.engines.mesh.figures.lid_hook import _along, _frame
from facereel.engines.mesh.geometry.mesh_topology import (
    LEFT_EYE_LOWER,
    LEFT_EYE_UPPER,
    RIGHT_EYE_LOWER,
    RIGHT_EYE_UPPER,
)

CREASE_SPAN = (0.08, 0.3)  # eye widths above the target's lower lid where a crease is looked for (the lash line
                           # below it: its dark makes no dip there)
CREASE_STEP = 0.06  # eye widths: a row's luminance is compared with the mean of the rows this far above and below
CREASE_AT = np.linspace(0.3, 0.7, 9, dtype=np.float32)  # along the corner line (0-1): where the lid is read
CREASE_AT.flags.writeable = False
ROWS = 12  # rows read across CREASE_SPAN


def crease(frame: np.ndarray, target: np.ndarray, upper: tuple[int, ...], lower: tuple[int, ...]) -> float:
    """Grey levels: the fold across a shut lid of `frame` (H, W, 3) uint8 RGB with target landmarks (478, >=2) px
    (lid polylines `upper`, `lower`, corner to corner). At each of CREASE_AT along the corner line, over ROWS rows
    CREASE_SPAN above the target's lower lid, the largest (mean of the rows CREASE_STEP above and below) - (the
    row's) luminance (bilinear); the median over CREASE_AT. A smooth or evenly shaded lid reads about 0."""
    pts = target[:, :2].astype(np.float32)
    corners = (upper[0], upper[-1])
    down = lower_side(pts, upper, lower)
    a, axis, normal = _frame(pts, corners, down)
    floor = np.interp(CREASE_AT, *_along(pts, corners, list(lower[1:-1]), down))
    rows = np.linspace(-CREASE_SPAN[0], -CREASE_SPAN[1], ROWS, dtype=np.float32)
    d = floor[:, None] + rows[None] + np.array([-CREASE_STEP, 0, CREASE_STEP], np.float32)[:, None, None]
    xy = a + CREASE_AT[:, None, None] * axis + d[..., None] * normal  # (3, len(CREASE_AT), ROWS, 2)
    luma = cv2.remap(grey_image(frame).astype(np.float32), xy.reshape(-1, 1, 2).astype(np.float32), None,
                     cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE).reshape(d.shape)
    dip = (luma[0] + luma[2]) / 2 - luma[1]
    return float(np.median(dip.max(1)))


def creases(frame: np.ndarray, target: np.ndarray) -> list[float]:
    """`crease` of both eyes (right, left) of `frame` (H, W, 3) uint8 RGB with target landmarks (478, >=2) px."""
    return [crease(frame, target, RIGHT_EYE_UPPER, RIGHT_EYE_LOWER),
            crease(frame, target, LEFT_EYE_UPPER, LEFT_EYE_LOWER)]
