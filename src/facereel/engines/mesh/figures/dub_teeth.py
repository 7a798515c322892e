"""A glowing white teeth slab in a dubbed video (issue #12 item 1), read on a frame and its (478, 3) px landmarks.

lp_d11's clip dubbed by sr_1 (`--regions lips`): sr_1's teeth (L* 65, about twice its dim skin's) took the
skins' exposure ratio (lp_d11's skin L* 52 over sr_1's 30: 1.9) to L* 100, a flat white slab brighter than any
teeth lp_d11 shows. The teeth are the opening's lightest fifth (`teeth_band.teeth_lab`), read beside the
clip's own frames (the baseline: the source repeated):

- `ratio`: their L* over the skin's (the cheeks' median); lp_d11's own open mouths 1.04-1.28.
- `white`: the share of them at L* `WHITE` or more (clipped to white: no texture left).
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.figures.teeth_band import TALKING, teeth_lab

WHITE = 95.0
"""L* from which a teeth pixel reads as clipped white."""


def dub_teeth(frame: np.ndarray, landmarks: np.ndarray) -> tuple[float, float] | None:
    """(ratio, white) of (H, W, 3) uint8 RGB `frame`'s talking mouth (from `TALKING` mouth widths open): its
    teeth's mean L* over the skin's, and their share at `WHITE` or above; None where no teeth read."""
    read = teeth_lab(frame, landmarks, TALKING)
    if read is None:
        return None
    teeth, skin = read
    return float(teeth[:, 0].mean()) / max(float(skin[0]), 1.0), float((teeth[:, 0] >= WHITE).mean())
