"""The hair cut by the photo's top, read mirrored past it into the face (issue #9).

Where the head runs off the photo's top, the layer above its top row is read mirrored (`HeadLayer.reflect_top`).
Read as abs(y), a head lowered ~200 px (sr_8 x lp_d12 from frame 0, frames 114-150) read through the hair into
the lit forehead: an upside-down fringe and a skin patch above the head. `mirrored_skin_share` is the share of
the map's samples above the photo's top that read the photo's skin; the source repeated reads none there (0).
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.animator import MeshAnimator
from facereel.engines.mesh.composite import face_size
from facereel.engines.mesh.top_band import fold_top, top_skin


def skin(animator: MeshAnimator) -> np.ndarray:
    """(h, w) bool on the crop: the photo's skin near its top (`top_band.top_skin`) on the head (its mask >= 0.5)."""
    x0, y0 = (int(v) for v in animator.origin)
    h, w = animator.layer.alpha.shape
    crop = animator.source[y0:y0 + h, x0:x0 + w]
    lm = animator.source_landmarks
    return top_skin(crop, animator.mask.head, lm, animator.origin, face_size(lm)) & (animator.mask.head >= 0.5)


def mirrored_skin_share(animator: MeshAnimator, skin_px: np.ndarray, band: np.ndarray | None = None) -> float:
    """Of the last map's coarse samples whose source lies above the photo's top (the crop's top row 0), the share
    read mirrored (`top_band.fold_top` with `band` (w,) rows; None: the layer's own `reflect_top`) onto
    `skin_px` ((h, w) bool, `skin`); 0 where none lies there."""
    band = animator.layer.reflect_top if band is None else band
    if band is None:
        return 0.0
    coarse = animator.warp.coarse_displacement
    sx, sy = animator.warp.spacing
    gy, gx = np.mgrid[0:coarse.shape[0], 0:coarse.shape[1]].astype(np.float32)
    source = np.dstack([(gx + 0.5) * sx - 0.5, (gy + 0.5) * sy - 0.5]) + coarse  # (n, m, 2) crop px
    above = source[source[..., 1] < 0]
    if not len(above):
        return 0.0
    fold_top(above, band)
    h, w = skin_px.shape
    xi = np.clip(np.rint(above[:, 0]), 0, w - 1).astype(np.intp)
    yi = np.clip(np.rint(above[:, 1]), 0, h - 1).astype(np.intp)
    return float(skin_px[yi, xi].mean())
