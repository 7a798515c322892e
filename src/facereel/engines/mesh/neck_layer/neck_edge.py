"""The shadowed neck tone's sides: an edge along the neck's outline, not a ramp (issue #12 part 4, issue #9).

The neck's width across its box (`neck.NeckWarp`: its own width, the photo's skin-coloured person below the hole, the
held mirror's and a white collar's columns) is smoothed along the jaw by `neck.SIDE_SOFTNESS` (0.06 face sizes), so
it fell from 1 to 0 over ~50 px beside each side. The tone laid by it was a film of skin and wall there: under a jaw
raised far (`edit --pitch -30` on lp_d19's frame 0) soft pale translucent lumps beside both jaw corners, the tone at
0.2-0.6 over the wall's fill (`figures.wall_film`). A neck's side against the wall is an edge: the width is laid in
full where it is half or more, none beyond, with an edge as soft as the photo's own outlines (`layers.HeadLayer`'s
blur of the tone's share still softens it).
"""

from __future__ import annotations

import cv2
import numpy as np

EDGE_SOFTNESS = 0.004
"""Face sizes: the sigma of the neck tone's side edge across the columns (lp_d19's neck outline against the wall,
284 px a face, is 1-2 px soft)."""


def edged(width: np.ndarray, face_px: float, gap_px: float) -> np.ndarray:
    """(m,) float32 in [0, 1]: 1 on the columns where `width` ((m,) in [0, 1], the neck's width across its box) is
    half or more, gaps between them narrower than 2 round(`gap_px`) + 1 columns closed (the neck is one span: a dip
    of lp_s12's collar columns under his ear, cut at half, let the wall show as a grey upright line in the tone), 0
    elsewhere, the step softened by `EDGE_SOFTNESS` face sizes (`face_px` px each; at least half a px)."""
    window = np.ones((1, 2 * round(gap_px) + 1), np.uint8)
    step = cv2.morphologyEx((np.asarray(width) >= 0.5).astype(np.uint8)[None], cv2.MORPH_CLOSE, window,
                            borderType=cv2.BORDER_REPLICATE)[0].astype(np.float32)
    sigma = max(0.5, EDGE_SOFTNESS * face_px)
    return cv2.GaussianBlur(step[None], (0, 0), sigma, sigmaY=1e-3, borderType=cv2.BORDER_REPLICATE)[0]

