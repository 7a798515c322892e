"""A laugh's short opening under a moustache (issue #9, h40-s12laugh): lp_s12 at 512 px x preset:laugh 25-28.

His tracked mouth is narrow (corners 40 px apart under the moustache, 0.31 of his face's width; lp_s1's 57 px, 0.39),
and the retarget scales the driver's opening by the mouth's width (`motion.retarget._mouth_scale`), so his opening is
7-10 px (0.18-0.24 mouth widths, as lp_s1's) but 0.06-0.07 face widths (lp_s1's 0.10-0.12). The synthetic rows keep
their least heights in px (`mouth_synthetic._UPPER_MIN_PX`): his upper teeth take 3-4 px, the lower row runs into
the lower lip's pale band, and the cavity between is a 2 px line at L* 28 (lp_s1's 7 px down to L* 19): a pale
slab under the moustache, no dark mouth. `opening_height` reads it on the retargeted landmarks. Mended (h41-laugh):
the photo's hidden corners (`open_mouth/hidden_corners.py`) take his scale to 1: 0.076-0.099 face widths.
"""

from __future__ import annotations

import numpy as np

FACE_SIDES = (234, 454)
"""Landmarks at the face's sides (cheek to cheek), the width the opening is read in."""
LIP_MIDDLES = (13, 14)
"""Landmarks at the middle of the upper and the lower inner lip."""


def opening_height(landmarks: np.ndarray) -> float:
    """Face widths: the gap between the (478, 3) px `landmarks`' inner lips at their middle over the distance
    between the face's sides (`FACE_SIDES`)."""
    pts = np.asarray(landmarks, np.float32)[:, :2]
    gap = float(np.linalg.norm(pts[LIP_MIDDLES[1]] - pts[LIP_MIDDLES[0]]))
    return gap / max(float(np.linalg.norm(pts[FACE_SIDES[1]] - pts[FACE_SIDES[0]])), 1.0)
