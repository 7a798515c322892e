"""The skin `head_edge.OutlineSkin` draws its band with: the nearest skin's tone, smoothed, and the photo's grain.

Each band pixel's colour was its nearest opaque skin pixel's: along a row one colour, and between rows the steps of
the silhouette's own pixels, so a turned face's far outline moved inside the head drew a flat block streaked along
the rows (sr_18 x lp_d3 284-308 frames 10-23 below the far ear, `figures.flat_skin.row_runs`). `grained_skin` keeps
that tone (the nearest pixels' colours, so the band is on average no lighter nor darker than before) but blurred over
the band (`LEVEL`: the steps between rows smoothed) and adds the photo's grain (`far_grain.GRAIN`, cut at
`far_grain.CLIP` times its median) read from the skin mirrored through that nearest pixel, as far inside the skin as
the band pixel lies outside it; where the mirror image leaves the skin the band pixel has no grain. The skin further
in, tone and all, is not read: as the mirror image (h30-sr18block) or the nearest pixel 0.015 face sizes inside the
skin (h31-flatblock) it gave sr_18's block his cheek's lighter tone but drew a lighter sliver in sr_4's dark hair by
the far eye on preset:turn 79-86 (whose outline's edge, blended with the hair, is 20-50 grey levels darker than the
skin inside it; sr_18's, blended with his jacket and the grey streak, 20-55 too).
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.head_edge.far_grain import CLIP, GRAIN, GRAIN_PX

LEVEL = 0.01
"""Face sizes: the standard deviation of the blur of the band's nearest-skin colours over the band (sr_18's steps
between rows 1-4 px apart at his own size, face ~400 px; wider, the band's tone slid along the outline)."""


def masked_blur(image: np.ndarray, mask: np.ndarray, sigma: float) -> np.ndarray:
    """(h, w, c) float32: `image` ((h, w, c) float32) blurred by a Gaussian of `sigma` px over the pixels of `mask`
    ((h, w) bool) only (each output the weighted mean of the masked pixels round it; 0 where none is near)."""
    weight = cv2.GaussianBlur(mask.astype(np.float32), (0, 0), sigma, borderType=cv2.BORDER_REPLICATE)
    summed = cv2.GaussianBlur(image * mask[..., None], (0, 0), sigma, borderType=cv2.BORDER_REPLICATE)
    return (summed / np.maximum(weight, 1e-6)[..., None]).astype(np.float32)


def mirrored(band: np.ndarray, nearest: np.ndarray, side: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each `band` pixel ((h, w) bool, row-major order): its mirror image through its nearest skin pixel
    (`nearest`, (h, w) int64 flat indices) as a flat index ((n,) int64) and whether that lies on the skin `side`
    ((n,) bool; (h, w) bool)."""
    h, w = side.shape
    ys, xs = np.nonzero(band)
    near_y, near_x = np.divmod(nearest[ys, xs], w)
    my, mx = 2 * near_y - ys, 2 * near_x - xs
    inside = (my >= 0) & (my < h) & (mx >= 0) & (mx < w)
    inside[inside] = side[my[inside], mx[inside]]
    return np.where(inside, my * w + mx, 0), inside


def grained_skin(crop: np.ndarray, band: np.ndarray, nearest: np.ndarray, side: np.ndarray,
                 face_px: float) -> np.ndarray:
    """(n, 3) float32 RGB levels of the `band` pixels ((h, w) bool, row-major order): their nearest skin pixels'
    colours (`nearest`, (h, w) int64 flat indices into `crop`, (h, w, 3) uint8 RGB) blurred over the band (`LEVEL`)
    plus the grain of the skin `side` ((h, w) bool) at their mirror images (`mirrored`; module docstring)."""
    image = crop.astype(np.float32)
    flat = image.reshape(-1, 3)
    toned = np.zeros_like(image)
    toned[band] = flat[nearest[band]]
    level = masked_blur(toned, band, max(0.5, LEVEL * face_px))[band]
    grain = image - masked_blur(image, side, max(GRAIN_PX, GRAIN * face_px))
    at, on_skin = mirrored(band, nearest, side)
    if not side.any():
        return level
    bound = CLIP * float(np.median(np.abs(grain[side])))
    read = np.clip(grain.reshape(-1, 3)[at], -bound, bound) * on_skin[:, None]
    return (level + read).astype(np.float32)
