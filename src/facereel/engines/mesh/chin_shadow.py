"""The jaw's cast shadow carried by the head layer along the chin's soft edge, not left on the plate (issue #9).

Behind the chin's soft lower edge the plate stays the photo (`HeadMask.photo`, `chin_outline.soften_chin`):
the photo's own shadow where the chin meets the neck. Under a moved chin that band stayed put on the plate:
the darkest arm of the V-shaped dark line under sr_18's turned chin (`figures.neck_join.NeckJoin.dark_band`).
Here the plate in that band (and `BELOW_EDGE` face sizes below the plate's hole, where the shadow's darkest
pixels reach) is the lit neck filled in from below it (`lit_plate`). The head layer, the source less (1 -
alpha) times the plate (`layers.HeadLayer`), then carries the photo's shadow, at its own strength, as the
difference from the lit neck: it moves with the chin, and at rest the frame is the photo.
"""

from __future__ import annotations

import cv2
import numpy as np

BELOW_EDGE = 0.006
"""Face sizes below the plate's hole's edge down which the band is the lit neck too (the shadow's darkest px
reach 1-2 px below the hole at 512)."""
LIT_FROM = (0.03, 0.08)
"""Face sizes below the band: the photo's neck between these depths is the lit neck the band is filled from."""


def lit_plate(plate: np.ndarray, crop: np.ndarray, photo: np.ndarray, hole: np.ndarray, person: np.ndarray,
              face_px: float) -> np.ndarray:
    """(h, w, 3) float32: `plate` ((h, w, 3) float32) with the chin's soft-edge band (`photo`, (h, w) float32 in
    [0, 1], `HeadMask.photo`, grown `BELOW_EDGE` face sizes past the hole (`hole`, (h, w) uint8)) replaced by
    the lit neck: the colour of the photo's neck skin (`person`, (h, w) float32 in [0, 1]) `LIT_FROM` face sizes
    below that band, carried up (push-pull fill). crop: (h, w, 3) uint8 RGB; face_px: the face size, px."""
    from facereel.engines.mesh.layers import fill_hole  # (layers imports this module)

    if not photo.any():
        return plate
    grow = max(1, int(round(BELOW_EDGE * face_px)))
    outside = (hole == 0).astype(np.uint8)
    # Rows below the band only: the band's columns, within `grow` of the hole, on the person.
    band_cols = photo.max(0) > 0.05
    near = cv2.distanceTransform(outside, cv2.DIST_L2, 3)
    below_edge = (outside > 0) & (near <= grow) & band_cols[None] & (person > 0.5)
    weight = np.maximum(photo, below_edge.astype(np.float32))
    weight = np.maximum(weight, cv2.GaussianBlur(weight, (0, 0), 1.0)) * (person > 0.5)
    lo, hi = LIT_FROM[0] * face_px, LIT_FROM[1] * face_px
    lit = (outside > 0) & (near >= lo) & (near <= hi) & band_cols[None] & (person > 0.5)
    top = np.argmax(weight > 0.05, 0)
    lit &= np.arange(plate.shape[0])[:, None] > top[None]  # below the band, not beside the head
    if not lit.any():
        return plate
    filled = fill_hole(crop, lit.astype(np.float32))
    return plate + weight[..., None] * (filled - plate)
