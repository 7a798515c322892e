"""The skin above the mouth drawn below the upper lip's edge (issue #9: the brown notch under the nose), read from
a frame's landmarks as the engine drew them.

A driver whose reference frame has its mouth open (lp_d12 from frame 90) closes it by moving its lower lip up, and
on a portrait with a closed mouth (lp_s5) the target's lips are pressed flat, the lower lip's outer edge over the
upper one's. The lip ring (`geometry.lip_ring`) then read the skin above the mouth as inside the lips and pushed
the nose's underside and the philtrum 12-15 px down through both: the dark underside of the nose drawn as a
brown triangle over the upper lip (lp_s5 at 512 x lp_d12 144-146). `skin_under_lip` is how far below the upper
lip's outer edge that skin is drawn: 0 on the source repeated.
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.composite import face_size
from facereel.engines.mesh.geometry.lip_ring import OUTER_LIP_CONTOUR, LipRing, below_upper_lip, mouth_width


def above_lip(landmarks: np.ndarray) -> np.ndarray:
    """(K,) landmark ids: the skin points the lip ring keeps out of the photo's (landmarks (478, 2+) px) upper lip
    (`lip_ring.LipRing`'s `points` whose `side` is 1) between the mouth's corners (the nose's underside, the
    philtrum, the skin beside them)."""
    lm = np.asarray(landmarks, np.float64)[:, :2]
    ring = LipRing(lm)
    above = ring.points[ring.side == 1]
    return above[np.isfinite(below_upper_lip(lm[OUTER_LIP_CONTOUR], lm[above]))]


def skin_under_lip(source: np.ndarray, drawn: np.ndarray) -> float:
    """Face sizes (the photo's) the skin above the upper lip (`above_lip` of the photo's landmarks `source`,
    (478, 2+) px) lies below the drawn upper lip's outer edge at its deepest (`lip_ring.below_upper_lip`), in the
    frame's landmarks `drawn` ((478, 2+) px, as the engine drew them: `FrameMap.target`); 0 when none does (the
    source repeated)."""
    lm = np.asarray(drawn, np.float64)[:, :2]
    depth = below_upper_lip(lm[OUTER_LIP_CONTOUR], lm[above_lip(source)])
    return float(np.nanmax(depth, initial=0.0)) * mouth_width(lm) / face_size(np.asarray(source, np.float64))
