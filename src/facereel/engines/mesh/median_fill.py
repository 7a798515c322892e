"""A hole in a photo filled from its rim inwards, each pixel the median of the known pixels round it (issue #9,
`held_hand`: the photo under a held hand).

Telea's inpainting carries each rim pixel's colour and gradient straight in, so over a hole a hand wide a thin bright
detail on the rim was drawn out across it (lp_s1's pearl clasp, a white smear towards the moved hand) and two cloths
meeting on the rim blended into a third colour (her blue top and white dress: a pale blue-grey ellipse on the chest;
h34-look, lp_d12 140-179 at 384 px). A median takes the colour most of the rim round a pixel has: a detail a few px
wide is outvoted, and each cloth or skin grows in as itself up to where it meets the next, as regions meet in the
photo."""

from __future__ import annotations

import cv2
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

FRONT = 0.5
"""Share (0-1) of the best-known hole pixel's known neighbours a hole pixel needs to be filled in a round: the pixels
with the most of the rim round them go first, so a pixel in a notch of the rim does not take its colour from the few
pixels of one side."""


SAMPLES = 15
"""Most pixels a side of the square whose median fills a pixel is read at: a wider square (a big photo's hand) is read
every few px on a grid through the pixel (the test's hand on lp_s1 at 1024 px, 29 px squares: 1.7 -> 0.8 CPU s,
1.3 grey levels from the whole read on average; at 384 and 512 px, 11 and 15 px squares, every pixel is read)."""


def median_filled(image: np.ndarray, hole: np.ndarray, reach: int) -> np.ndarray:
    """A copy of `image` (H, W, 3) uint8 with its `hole` (H, W) bool pixels filled, in rounds from the rim inwards,
    each by the per-channel median of the known (or already filled) pixels within the (2 `reach` + 1)^2 px square round
    it, read at most `SAMPLES` px a side (`FRONT` says which pixels a round fills). A hole with no known pixel within
    `reach` of it is left as it is."""
    out = image.copy()
    if not hole.any():
        return out
    ys, xs = np.nonzero(hole)
    h, w = hole.shape
    y0, y1 = max(0, ys.min() - reach), min(h, ys.max() + reach + 1)
    x0, x1 = max(0, xs.min() - reach), min(w, xs.max() + reach + 1)
    box, left = out[y0:y1, x0:x1].astype(np.float32), hole[y0:y1, x0:x1].copy()
    side = 2 * reach + 1
    step = -(-side // SAMPLES)
    first = reach % step  # the read grid goes through the pixel itself
    while left.any():
        known = cv2.boxFilter((~left).astype(np.float32), -1, (side, side), normalize=False,
                              borderType=cv2.BORDER_CONSTANT)
        fy, fx = np.nonzero(left & (known >= FRONT * known[left].max()))
        values = np.pad(np.where(left[..., None], np.inf, box), ((reach, reach), (reach, reach), (0, 0)),
                        constant_values=np.inf)
        squares = sliding_window_view(values, (side, side), axis=(0, 1))[fy, fx]
        window = np.sort(squares[..., first::step, first::step].reshape(len(fy), 3, -1), -1)
        count = np.isfinite(window[:, 0]).sum(-1)
        if not count.any():  # no known pixel on any read grid: this round reads every pixel
            window = np.sort(squares.reshape(len(fy), 3, -1), -1)
            count = np.isfinite(window[:, 0]).sum(-1)
        if not count.any():  # no known pixel within reach of the hole at all (a hole over the whole box)
            break
        fy, fx, window, count = fy[count > 0], fx[count > 0], window[count > 0], count[count > 0]
        box[fy, fx] = np.take_along_axis(window, np.repeat(((count - 1) // 2)[:, None, None], 3, 1), -1)[..., 0]
        left[fy, fx] = False
    out[y0:y1, x0:x1] = np.clip(box + 0.5, 0, 255).astype(np.uint8)
    return out
