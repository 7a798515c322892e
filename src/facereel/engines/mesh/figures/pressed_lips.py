"""Lips pressed to a line (issue #9, issue #12 relative driving): each lip's thickness as the engine drew it
beside the photo's own, canonical (head pose removed), so faces of any size and pose compare.

A driver whose reference frame has its mouth open (lp_d12 from frame 90) closes it; relative retargeting added
that closing as lengths to a portrait whose mouth is already closed, so its lower lip's outer edge rose over the
upper one's and both were drawn as a thin dark line (lp_s5 at 512 x lp_d12 frames 9-10, 54-56; sr_4 with dark
specks). The closing is now kept to what the portrait's own gap allows (`motion.retarget._close_no_further`).
`thickness_share` is 1 on the source repeated. `lips_crossed`: how far a video source's dubbed inner lips pass each
other (h30-v2vlips), 0 on the source repeated.
"""

from __future__ import annotations

import numpy as np

from facereel.face import landmark_ids as ids
from facereel.face.pose import estimate_pose

LIP_EDGES = ((ids.UPPER_LIP_MIDDLE, 13), (14, ids.LOWER_LIP_BOTTOM))
"""Per lip (upper, lower): its outer and inner edge's landmark on the face's midline, top to bottom."""


def lip_thickness(landmarks: np.ndarray) -> np.ndarray:
    """(T, 2) canonical height of the upper and the lower lip on the midline (inner edge below outer edge for the
    upper lip, outer below inner for the lower; negative where the lip is drawn upside down) of (T, 478, 3) px
    landmarks."""
    canonical = estimate_pose(np.asarray(landmarks, np.float64))[1]
    return np.stack([canonical[:, b, 1] - canonical[:, a, 1] for a, b in LIP_EDGES], axis=1)


def thickness_share(source: np.ndarray, drawn: np.ndarray) -> np.ndarray:
    """(T, 3) each lip's drawn thickness over the photo's own (upper, lower) and both together's, of frames'
    landmarks `drawn` (T, 478, 3) px as the engine drew them (`FrameMap.target`) and the photo's `source` (478, 3)
    px: 1 on the source repeated, below 0 where a lip is drawn upside down."""
    own, now = lip_thickness(np.asarray(source)[None])[0], lip_thickness(drawn)
    return np.concatenate([now / own, now.sum(1, keepdims=True) / own.sum()], axis=1)


def lips_crossed(source: np.ndarray, drawn: np.ndarray) -> np.ndarray:
    """(T,) how far the drawn inner lips pass each other on the midline (the upper lip's inner edge below the
    lower's; 0 where they meet or part), over the source frame's both lips' thickness, canonical: 0 on the source
    repeated. source, drawn: (T, 478, 3) px, a video source's tracked frames and the engine's targets for them.
    A clip's own mouth closing faster than the retargeting's smoothing pushed its lower lip up through the upper
    (sr_1 x lp_d19 `--regions lips` frames 22-24, a dark wedge with a pale rim)."""
    gap = estimate_pose(np.asarray(drawn, np.float64))[1]
    overlap = np.maximum(0.0, gap[:, 13, 1] - gap[:, 14, 1])
    return overlap / lip_thickness(source).sum(1)
