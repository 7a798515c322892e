"""The shadowed neck tone's colour from the photo's neck, not the jaw's shaded underside (issue #9).

Where no column has plain neck skin just below the plate's hole (a necklace against the chin, lp_s1's
pearls), `neck.NeckWarp` colours the shadowed neck tone from the band inside the jaw line: the jaw's own
shaded underside, darker and browner than the neck it stands for (lp_s1: (171, 119, 96) against the
neck's (194, 149, 131) below the pearls: a grey-brown patch). Here that band keeps its texture and takes
the brightness and chroma of the photo's plain neck lower down, where there is enough of it.
"""

from __future__ import annotations

import cv2
import numpy as np

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
