"""The photo's halo round the head left on the wall as a line along the old outline (issue #9, h23-halo).

A sharpened photo draws a thin light rim round the head and a faint darker one outside it (lp_s6's statue: 3-8 grey
levels over the wall). Where the head's alpha is 0 the plate was the photo, so that rim stayed behind when the head
moved: a faint line along the old outline (`plate_fill.head_halo`).

`left_halo` reads the rim's fine detail (luma minus its blur over `SIGMA` px) where it lies: the pixels within `BAND`
face sizes outside the photo's head (its alpha under 0.5), beside the background (within 2 `BAND` of the pixels off
the person: not the body under the head), where the photo's detail is at least `RIM` grey levels lighter (the light
rim); of those, the ones the drawn head has left by more than `BAND` (the frame there is the plate alone). It gives the
mean of the frame's detail there: the light rim's contrast left in the frame, grey levels of luma (the wall's light
grain kept in place reads a little too). None where fewer than `LEAST` px are uncovered (the source repeated: nothing
moves).
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import LUMA

BAND = 0.02
"""Face sizes outside the photo's head alpha (0.5): where its rim lies (lp_s6 at 512: ~3 px)."""
SIGMA = 2.0
"""Px (Gaussian sigma): the fine detail is the luma minus its blur over this: a 1-3 px line, not the wall's shading."""
RIM = 2.0
"""Grey levels of luma: the photo's detail from which a pixel is read as the light rim's."""
LEAST = 30
"""Px of the uncovered rim below which nothing is read."""


def _detail(image: np.ndarray) -> np.ndarray:
    """(h, w) float32 grey levels: the luma of `image` ((h, w, 3) uint8 RGB) minus its blur over `SIGMA` px."""
    luma = image.astype(np.float32) @ LUMA
    return luma - cv2.GaussianBlur(luma, (0, 0), SIGMA)


def left_halo(frame: np.ndarray, photo: np.ndarray, alpha: np.ndarray, person: np.ndarray, drawn: np.ndarray,
              face_size: float) -> float | None:
    """Grey levels (module doc), or None. frame, photo: (h, w, 3) uint8 RGB on the engine's crop box; alpha: (h, w)
    float32, the photo's head alpha (`layer.alpha`); person: (h, w) float32, the person (`HeadMask.person`); drawn:
    (h, w) float32, the head alpha as drawn on that frame (`MeshAnimator.drawn_alpha`); face_size: px."""
    band = max(2.0, BAND * face_size)
    past_old = cv2.distanceTransform((alpha < 0.5).astype(np.uint8), cv2.DIST_L2, 5)
    past_drawn = cv2.distanceTransform((drawn < 0.02).astype(np.uint8), cv2.DIST_L2, 5)
    to_background = cv2.distanceTransform((person >= 0.5).astype(np.uint8), cv2.DIST_L2, 5)
    rim = _detail(photo)
    read = ((past_old > 0) & (past_old <= band) & (to_background <= 2 * band) & (past_drawn > band)
            & (rim >= RIM))
    if np.count_nonzero(read) < LEAST:
        return None
    return float(_detail(frame)[read].mean())
