"""The painted opening (synthetic or the driver's) finished to the portrait's own look: its colourfulness and its
sharpness.

A black-and-white photo (sr_4 in greyscale x preset:laugh) got a dark maroon-brown synthetic cavity and warm-tinted
teeth (CIELAB chroma up to 7.8 where the photo has 0; the synthetic throat's `_DEEP_TINT`, its enamel's warmth, the
driver's red cavity): the interior's a* b* are scaled by the portrait's skin chroma over `_GREY_SKIN` where the skin
is less colourful than that (`chroma_share`, `greyed`): a colourless skin, a colourless mouth. The colour portraits
of ../shared/data (skin chroma 9.7, lp_s12's colourised photo, to 34.7) are untouched.

A low-resolution photo magnified (lp_s5 at 256 px given at 1024 x lp_d18) drew the driver's interior crisp, unsharp-
masked as magnified (`mouth_driver.sharpened`), with its polygon's outline pasted into the blurred face. Where the
photo has next to no detail under a px round its mouth (`softness` of its `fine_share`: the share of its detail
energy under `_DETAIL` px that lies under `_FINE` px), the opening and its outline are blurred (`softening`) until
the frame's fine share over them (`opening_seen`) is at most `_SLACK` x the face's round them (`face_ring`). The
../shared/data photos at their own size read sharp (their openings drawn as before), so do small faces the engine
upscales (`small_face.py` reads the photo's own softness).
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import box_around, polygon_mask
from facereel.engines.mesh.geometry.mesh_topology import INNER_LIP_CONTOUR
from facereel.engines.mesh.open_mouth.mouth_driver import from_lab, to_lab
from facereel.engines.mesh.open_mouth.mouth_shape import mouth_gap

_GREY_SKIN = 8.0  # skin CIELAB chroma under which the interior's chroma is scaled by skin chroma / this
_FINE, _DETAIL = 0.7, 5.6  # px: Gaussian sigmas of the fine band (under _FINE) and of all detail read
_SOFT = (0.008, 0.004)  # a portrait's fine share round its mouth (`softness`): sharp at the first, soft at the second
_AROUND = 0.6  # ... read in the box round its inner lips grown by this share of the mouth width
_SLACK = 1.25  # the opening's fine share may be this times the face's before it is blurred
_SIGMAS = (0.5, 1.0, 1.5, 2.0, 3.0, 4.0)  # px: the blurs tried (`softening`), interpolated between
MARGIN = 8  # px round an opening's box for the blur (`grown`): twice the last of `_SIGMAS`
_RING = (3.0, 0.3)  # the face ring: from this many px outside the opening out to this share of the mouth width more
_EDGE_PX = 2.0  # px: the outline read with the opening (`opening_seen`) reaches this far past it
_LUMA = np.array([0.299, 0.587, 0.114], np.float32)


def chroma_share(skin: np.ndarray) -> float:
    """0-1: the share of its CIELAB chroma the interior keeps on a portrait whose skin is (3,) RGB `skin`: its
    chroma over `_GREY_SKIN`, at most 1 (a colour portrait keeps all)."""
    return float(min(np.hypot(*to_lab(skin)[1:]) / _GREY_SKIN, 1.0))


def greyed(paint: np.ndarray, share: float) -> np.ndarray:
    """(h, w, 3) float32 RGB 0-255 `paint` with its CIELAB chroma times `share` (0-1); as it is at 1."""
    if share >= 1:
        return paint
    lab = to_lab(paint)
    lab[..., 1:] *= share
    return from_lab(lab)


def fine_share(rgb: np.ndarray, mask: np.ndarray) -> float:
    """0-1: the share of an (h, w, 3) RGB image's detail energy under `_DETAIL` px (its luma's, over `mask` (h, w)
    bool) that lies under `_FINE` px; NaN where `mask` is empty. A photo magnified 4x has next to none (`softness`)."""
    if not mask.any():
        return float("nan")
    grey = np.asarray(rgb, np.float32) @ _LUMA
    fine = float(((grey - cv2.GaussianBlur(grey, (0, 0), _FINE))[mask] ** 2).mean())
    detail = float(((grey - cv2.GaussianBlur(grey, (0, 0), _DETAIL))[mask] ** 2).mean())
    return fine / max(detail, 1e-6)


def softness(image: np.ndarray, landmarks: np.ndarray) -> float:
    """0-1: how far a portrait, (H, W, 3) RGB `image` with (478, 3) px `landmarks`, is softer than its pixels round
    its mouth (a low-resolution photo magnified): the `fine_share` of the box round its inner lips grown by
    `_AROUND` x the mouth width, ramped over `_SOFT` (lp_s5 at 256 px given at 1024: 0.003, 1; the ../shared/data
    photos at their own size 0.010 (sr_4, sr_8) to 0.057 (lp_s12), 0)."""
    poly = np.asarray(landmarks, np.float32)[INNER_LIP_CONTOUR, :2]
    x0, y0, x1, y1 = box_around(poly, _AROUND * mouth_gap(landmarks)[1], (image.shape[1], image.shape[0]))
    share = fine_share(image[y0:y1, x0:x1], np.ones((y1 - y0, x1 - x0), bool))
    return float(np.nan_to_num(np.clip((_SOFT[0] - share) / (_SOFT[0] - _SOFT[1]), 0, 1)))


def face_ring(inside: np.ndarray, width: float) -> np.ndarray:
    """(h, w) bool: the face round an opening of coverage `inside` (h, w) 0-1 for a mouth `width` px wide: from
    `_RING[0]` px outside it out to `_RING[1]` of the width farther (the lips and the skin next to them)."""
    dist = cv2.distanceTransform((inside <= 0.5).astype(np.uint8), cv2.DIST_L2, 3)
    return (dist >= _RING[0]) & (dist <= _RING[0] + _RING[1] * width)


def opening_seen(inside: np.ndarray) -> np.ndarray:
    """(h, w) bool: an opening of coverage `inside` (h, w) 0-1 and its outline, out to `_EDGE_PX` px past it."""
    return cv2.distanceTransform((inside <= 0.5).astype(np.uint8), cv2.DIST_L2, 3) <= _EDGE_PX


def face_share(image: np.ndarray, poly: np.ndarray, width: float) -> float:
    """`fine_share` of the face round an opening (`face_ring`): (H, W, 3) RGB `image`, the opening's (20, 2) px
    inner-lip contour `poly`, the mouth `width` px; NaN where the ring is empty."""
    x0, y0, x1, y1 = box_around(poly, _RING[0] + _RING[1] * width + 2, (image.shape[1], image.shape[0]))
    inside = polygon_mask([poly], (y1 - y0, x1 - x0), (x0, y0))
    return fine_share(image[y0:y1, x0:x1], face_ring(inside, width))


def grown(image: np.ndarray, repeat: bool) -> np.ndarray:
    """(h + 2 `MARGIN`, w + 2 `MARGIN`, ...) `image` (h, w, ...) grown by `MARGIN` px each side, room for
    `softened`'s blur: its edge repeated (`repeat`: a paint) or 0 (a coverage, a mask)."""
    m = MARGIN
    return cv2.copyMakeBorder(image, m, m, m, m, cv2.BORDER_REPLICATE if repeat else cv2.BORDER_CONSTANT, value=0)


def softened(paint: np.ndarray, cover: np.ndarray, sigma: float) -> tuple[np.ndarray, np.ndarray]:
    """(h, w, 3) float32 `paint` and (h, w) float32 `cover` blurred by `sigma` px: the interior and its outline
    (grown, `grown`) as soft as the face round them; as they are at 0."""
    if sigma <= 0:
        return paint, cover
    return (cv2.GaussianBlur(paint, (0, 0), sigma).astype(np.float32),
            cv2.GaussianBlur(cover, (0, 0), sigma).astype(np.float32))


def over(back: np.ndarray, paint: np.ndarray, cover: np.ndarray) -> np.ndarray:
    """(h, w, 3) float32: `paint` (h, w, 3) at (h, w) `cover` 0-1 over `back` (h, w, 3)."""
    return back + (paint - back) * cover[..., None]


def softening(back: np.ndarray, paint: np.ndarray, cover: np.ndarray, seen: np.ndarray, face: float) -> float:
    """px: the Gaussian sigma that brings the `fine_share` over `seen` (h, w) bool (the opening and its outline,
    `opening_seen`) of an opening's (h, w, 3) `paint` at (h, w) `cover` over `back` (h, w, 3, the frame under it;
    all `grown`) down to `_SLACK` x the face's `face` round it: 0 where already there or either is unread;
    interpolated between `_SIGMAS` in log share, at most their last."""
    goal = _SLACK * face
    shares = [fine_share(over(back, paint, cover), seen)]
    if not goal > 0 or not shares[0] > goal:
        return 0.0
    sigmas = (0.0, *_SIGMAS)
    for k, sigma in enumerate(_SIGMAS, 1):
        shares.append(fine_share(over(back, *softened(paint, cover, sigma)), seen))
        if shares[k] <= goal:
            lo, hi = np.log(np.maximum(shares[k - 1:], 1e-9))
            return sigmas[k - 1] + float(np.clip((lo - np.log(goal)) / max(lo - hi, 1e-6), 0, 1)) * (sigma - sigmas[k - 1])
    return _SIGMAS[-1]
