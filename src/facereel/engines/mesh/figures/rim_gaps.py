"""Gaps in the head's alpha along its outline (issues #9 / #12; `head_halo.skin_rim`).

lp_s3 at its own size, `facereel edit --pitch -25`: along the image-left jaw the head layer's alpha read, from the wall
in, 0.2, 0.5, 0.08, 0.8, 1: `skin_rim` raised the photo's pale edge outside the mask, but not the mask's own soft-edge
pixel between (alpha 0.08-0.18 on the photo's bright skin), and the raised jaw's outline was drawn dotted, the wall's
fill showing through a line of the head's edge.

`rim_gaps` counts the pixels of the alpha's edge (under `CORE`, within `REACH` px of the head's core) that are lower
by more than `DIP` than a neighbour (8-connected) lying farther from the core: an outline's alpha falls off outwards,
a gap dips and rises again. The mask as the segmentation drew it (before `skin_rim`) is the reference.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.plate_fill.head_halo import RIM_PX

DIP = 0.2
"""Alpha by which a gap pixel lies under an outer neighbour: lp_s3's jaw gaps 0.3-0.45; a smooth ramp's steps run the
other way (outer neighbours lower)."""
CORE = 0.95  # alpha from which a pixel is the head's core, the edge's distances are measured from it
REACH = 3 * RIM_PX  # px from the core: the mask's soft edge (~2 px) and the rim `skin_rim` reads outside it


def rim_gaps(alpha: np.ndarray, rows: slice = slice(None), cols: slice = slice(None)) -> int:
    """The gap pixels in the edge of `alpha` ((h, w) float in [0, 1], a head layer's alpha), counted in the
    window `rows`, `cols` (crop px)."""
    off = cv2.distanceTransform((alpha < CORE).astype(np.uint8), cv2.DIST_L2, 5)
    pad_a = np.pad(alpha.astype(np.float32), 1, mode="edge")
    pad_d = np.pad(off, 1, mode="edge")
    h, w = alpha.shape
    gap = np.zeros((h, w), bool)
    for dy in (-1, 0, 1):
        for dx in (-1, 0, 1):
            if dy or dx:
                a = pad_a[1 + dy:1 + dy + h, 1 + dx:1 + dx + w]
                d = pad_d[1 + dy:1 + dy + h, 1 + dx:1 + dx + w]
                gap |= (d > off + 0.5) & (a > alpha + DIP)
    gap &= (off > 0) & (off <= REACH)
    return int(np.count_nonzero(gap[rows, cols]))
