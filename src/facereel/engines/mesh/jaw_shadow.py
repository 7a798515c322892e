"""The jaw's cast shadow on the neck, taken out of the plate's neck and laid once under the moved jaw (issue #9).

The photo's neck just below the jaw is darkened by the jaw's shadow. The neck a turned or raised head uncovers
is that neck mirrored up across the plate's hole's lower edge (`neck._mirrored`) and stretched below it
(`neck.NeckWarp.displacement`), so the shadow showed twice: mirrored above the join and stretched below it (a
V-shaped dark line under sr_18's turned chin). Here the shadow is read as a factor (`shadow_factor`: the
neck's smoothed brightness over the lit neck's below it) that the plate's neck is divided by (the mirror and
the stretched neck are then the lit neck, joining without a step) and that is laid back over the moved plate
each frame, moved with the jaw (`NeckWarp.jaw_shadow`): one shadow under the moved jaw, with the photo's own
strength. Where the jaw does not move the factor is laid where it was taken: the frame is the photo.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.head_proxy import smoothstep

SHADOW_DEPTH = 0.08
"""Face sizes below the plate's hole's lower edge within which the lit neck (the brightest row) is looked for:
the jaw's shadow lies above it."""
SHADOW_BLUR = 0.003
"""Face sizes: the sigma of the blur of the brightness the factor is read from (the neck's texture stays in
the lifted neck, only the shadow's shading is taken out)."""
DARKEST = 0.3
"""The factor is at least this (a shadow darker than that is lifted only so far: dividing by less amplified
the grain into noise)."""
SHADOW_SOFTNESS = 0.01
"""Face sizes: the sigma softening the factor across the columns (`shadow_factor`)."""


def shadow_factor(crop: np.ndarray, edge: np.ndarray, neck: np.ndarray, photo: np.ndarray,
                  box: tuple[slice, slice], face_px: float) -> np.ndarray:
    """(n, m, 3) float32 in [`DARKEST`, 1] on `box` (n rows, m columns of the crop): the jaw's shadow on the
    photo's neck, per RGB channel (a shadow on skin is warmer as well as darker: one factor for the three
    lifted it to orange). Per column, from the plate's hole's lower edge (`edge`, (m,) crop row) down to the
    brightest row of the photo's neck skin (`neck`, (n, m) bool on the box) within `SHADOW_DEPTH` face sizes,
    the neck's colour (blurred by `SHADOW_BLUR` face sizes) over that brightest row's, by the plate's share of
    the photo there (`photo`, (n, m) float32 in [0, 1] on the box: 1 - `layers.HeadLayer`'s fill weight, partly
    the fill where the head's alpha is just under `layers.FULL_PLATE_AT`: lifted in full, a light line showed
    along the edge). 1 elsewhere; softened across the columns by `SHADOW_SOFTNESS`. crop: (h, w, 3) uint8 RGB."""
    rows, cols = box
    colour = cv2.GaussianBlur(crop[rows, cols].astype(np.float32), (0, 0), max(0.7, SHADOW_BLUR * face_px))
    grey = colour.mean(-1)
    below = np.arange(rows.start, rows.stop, dtype=np.float32)[:, None] - edge[None]  # (n, m) rows below the edge
    band = neck & (below >= 0) & (below <= SHADOW_DEPTH * face_px)
    peak = np.argmax(np.where(band, grey, -1.0), 0)  # (m,) box row of the lit neck
    lit = colour[peak, np.arange(grey.shape[1])]  # (m, 3)
    share = photo * band
    share *= (np.arange(grey.shape[0])[:, None] <= peak[None]) & band.any(0)[None]
    raw = np.clip(colour / np.maximum(lit, 1.0)[None], DARKEST, 1.0)
    factor = 1 - share[..., None] * (1 - raw)
    sigma = max(0.7, SHADOW_SOFTNESS * face_px)
    return cv2.GaussianBlur(factor.astype(np.float32), (0, 0), sigma, sigmaY=1e-3, borderType=cv2.BORDER_REPLICATE)


def lift(crop: np.ndarray, factor: np.ndarray, box: tuple[slice, slice]) -> np.ndarray:
    """(h, w, 3) float32: `crop` ((h, w, 3) uint8 or float32 RGB) with `box` divided by the shadow's `factor`
    ((n, m, 3) float32 on `box`, `shadow_factor`): the neck as lit below the jaw as below its shadow."""
    lifted = crop.astype(np.float32)
    lifted[box] /= factor
    return lifted


def laid(plate: np.ndarray, lit: np.ndarray) -> np.ndarray:
    """(n, m, 3) float32: the shadow under the jaw as laid over the lit plate's neck, per pixel: `plate` over
    `lit` (both (n, m, 3) float32 RGB on the neck's box: the plate's neck as the photo has it, and with the
    jaw's shadow taken out), so that the lit plate times it is the plate."""
    return (plate / np.maximum(lit, 1.0)).astype(np.float32)


def moved(factor: np.ndarray, smooth: np.ndarray, offset: np.ndarray) -> np.ndarray:
    """(n, m, 3) float32: the shadow (`laid`'s per-pixel `factor` and the shadow's shading below the plate's hole,
    `smooth`, `shadow_factor`; (n, m, 3) on the neck's box) moved with the jaw: each column x takes the shading
    at (x, y) plus the jaw's backward offset
    there (`offset`, (m, 2) px: source minus target, `NeckWarp.jaw_offset`; 1, no shadow, where that lies off
    the box), fading to the per-pixel factor where the offset is under a px: zero offsets give `factor` back,
    so a still jaw leaves the photo as it was; once it moves the shadow laid is smooth (the per-pixel one laid
    the photo's texture over another's and read as speckles)."""
    n, m = factor.shape[:2]
    xs = np.arange(m, dtype=np.float32)[None] + offset[None, :, 0].astype(np.float32)
    ys = np.arange(n, dtype=np.float32)[:, None] + offset[None, :, 1].astype(np.float32)
    shadow = cv2.remap(smooth, np.broadcast_to(xs, (n, m)).astype(np.float32), ys.astype(np.float32),
                       cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=(1.0, 1.0, 1.0))
    still = (1 - smoothstep(0.0, 1.0, np.abs(offset).max(1))).astype(np.float32)[None, :, None]  # (1, m, 1)
    return shadow + still * (factor - shadow)
