"""The head layer's translucent fringe beside its moved outline (issue #9, lp_s0's see-through near cheek).

lp_s0 at 512 x preset:turn 37-42: beside her near cheek and temple the head layer laid the photo's sofa (the olive
leaf by her jaw) at alpha 0.15-0.48 over a 6-10 px band past the moved outline, stretched ~2x by the turn: the cheek's
edge drawn see-through, the leaves showing in it. The segmentation gave those pixels 0-0.08; `fringe_unmix` raised
them, taking the leaf for skin darker than the neck plate. `carried_fringe` reads the head layer's alpha as drawn
(`MeshAnimator.drawn_alpha`): of the band outside its 0.5 edge (alpha < 0.5, within `REACH` face sizes of the
pixels at 0.5 or more) in a window of the crop, the share the head still lays at `LOW` or more. A soft edge a pixel
or two wide reads ~0.1-0.3 (lp_s0's layer at rest, the source repeated: 0.13).
"""

from __future__ import annotations

import cv2
import numpy as np

LOW = 0.1
"""Head alpha (0-1) from which a pixel past the 0.5 edge lays the head's colour visibly over the plate."""
REACH = 0.06
"""Face sizes: how far outside the head's 0.5 edge the band reaches (lp_s0 at 512: ~8 px)."""


def carried_fringe(alpha: np.ndarray, window: tuple[slice, slice], face_px: float) -> float:
    """In [0, 1]: of the band outside the 0.5 edge of the head alpha `alpha` ((h, w) float32 in [0, 1], crop px)
    within `REACH` face sizes (`face_px` px) of it, in `window` ((rows, columns) of the crop), the share at `LOW`
    or more; 0 where the window holds no band."""
    part = alpha[window]
    outside = (part < 0.5).astype(np.uint8)
    distance = cv2.distanceTransform(outside, cv2.DIST_L2, 3)
    band = (outside > 0) & (distance <= REACH * face_px)
    return float((band & (part >= LOW)).sum() / band.sum()) if band.any() else 0.0
