"""The shadowed neck tone's colour from the photo's neck, not the jaw's shaded underside (issue #9).

Where no column has plain neck skin just below the plate's hole (a necklace against the chin, lp_s1's
pearls), `neck.NeckWarp` colours the shadowed neck tone from the band inside the jaw line: the jaw's own
shaded underside, darker and browner than the neck it stands for (lp_s1: (171, 119, 96) against the
neck's (194, 149, 131) below the pearls: a grey-brown patch). Here that band keeps its texture and takes
the brightness and chroma of the photo's plain neck lower down, where there is enough of it.

Beside the mirrored neck (`neck._mirrored`, the photo's neck just below the hole, in shadow under the chin)
the band's colour was a different tone: under lp_s1's turned, raised chin (preset:turn 16-22) the tone filled
from it showed between two mirrored stretches of her neck as a tan patch with vertical sides, its top the
head's outline (issue #9). There the tone is filled from the mirrored neck instead (`from_mirror`).

The band's pixels themselves were the tone's where the raised head uncovers them: its own features along the
photo's jaw outline showed there (under lp_s12's raised, turned chin, preset:turn 10-25, the dark shadow under
his ear at the band's end: a dark vertical stroke, the hard right edge of the tone's block; `figures.tone_trace`).
The band's colours are averaged along it (`along_band`); the tone's texture is its grain and the chin's texture
(`neck._grain`, `neck._chin_texture`).
"""

from __future__ import annotations

import cv2
import numpy as np

MIRROR_REACH = 0.15
"""Face sizes across from a column where the mirrored neck holds within which the jaw's band does not colour
the tone (`from_mirror`)."""
BAND_BLUR = 0.06
"""Face sizes: the sigma of the Gaussian over which the band's colours are averaged (`along_band`): the band's depth
(`neck.SKIN_BAND`), so a feature inside it (a shadow under the ear) is spread along it."""
NECK_SHARE = 0.1
"""The photo's plain neck skin must cover at least this share of the band's pixels to colour it (less is
not a neck, a few skin-coloured specks between beads)."""


def neck_coloured(band: np.ndarray, where: np.ndarray, neck: np.ndarray, known: np.ndarray) -> np.ndarray:
    """(h, w, 3) float32 RGB: `band` ((h, w, 3) float32 RGB, the shadowed band's colours) with its pixels
    where `where` ((h, w) bool) moved, in YCrCb, to the median brightness (a factor) and chroma (an offset)
    of the photo's neck (`neck`, (h, w, 3) uint8 RGB, where `known` ((h, w) bool)); unchanged when the neck
    covers under `NECK_SHARE` of `where`."""
    if not where.any() or known.sum() < NECK_SHARE * where.sum():
        return band
    ycrcb = cv2.cvtColor(np.clip(band, 0, 255).astype(np.uint8), cv2.COLOR_RGB2YCrCb).astype(np.float32)
    target = np.median(cv2.cvtColor(np.ascontiguousarray(neck), cv2.COLOR_RGB2YCrCb)[known].astype(np.float32), 0)
    own = np.median(ycrcb[where], 0)
    moved = ycrcb.copy()
    moved[..., 0] *= target[0] / max(float(own[0]), 1.0)
    moved[..., 1:] += target[1:] - own[1:]
    rgb = cv2.cvtColor(np.clip(moved, 0, 255).astype(np.uint8), cv2.COLOR_YCrCb2RGB).astype(np.float32)
    return np.where(where[..., None], rgb, band).astype(np.float32)


def from_mirror(colour: np.ndarray, known: np.ndarray, band: np.ndarray, mirror: np.ndarray, weight: np.ndarray,
                face_px: float) -> tuple[np.ndarray, np.ndarray]:
    """The shadowed tone's colours and where they are known ((n, m, 3) float32 RGB and (n, m) float32 in [0, 1],
    `colour` and `known` as `neck.NeckWarp` makes them) with the mirrored neck (`mirror`, (n, m, 3) float32
    RGB, where `weight` (n, m) > 0.5) known too, and the jaw's band (`band`, (n, m) bool) no longer known in
    the columns within `MIRROR_REACH` face sizes (`face_px` px each) of one where the mirror holds: the tone
    filled between and beside the mirrored stretches continues them."""
    held = weight > 0.5
    size = max(3, int(2 * MIRROR_REACH * face_px) | 1)
    near = cv2.dilate(held.any(0).astype(np.uint8)[None], np.ones((1, size), np.uint8))[0] > 0
    colour = np.where(held[..., None], mirror, colour).astype(np.float32)
    return colour, np.where(band & near[None], 0.0, np.maximum(known, held)).astype(np.float32)


def along_band(colour: np.ndarray, band: np.ndarray, face_px: float) -> np.ndarray:
    """(n, m, 3) float32 RGB: `colour` ((n, m, 3) float32 RGB, the shadowed tone's colours) with its pixels where
    `band` ((n, m) bool, the jaw's band colouring it) replaced by the band's mean around them (a Gaussian of
    `BAND_BLUR` face sizes, `face_px` px each, over the band's pixels alone)."""
    if not band.any():
        return colour
    weight = band.astype(np.float32)
    sigma = max(1.0, BAND_BLUR * face_px)
    mean = cv2.GaussianBlur(colour * weight[..., None], (0, 0), sigma) / np.maximum(
        cv2.GaussianBlur(weight, (0, 0), sigma), 1e-3)[..., None]
    return np.where(band[..., None], mean, colour).astype(np.float32)
