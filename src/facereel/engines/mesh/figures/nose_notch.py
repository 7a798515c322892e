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
from facereel.engines.mesh.geometry.lip_ring import OUTER_LIP_CONTOUR, REACH, lip_side, mouth_width
from facereel.engines.mesh.geometry.map_kernels import nearest_segments
from facereel.face import landmark_ids as ids


def above_lip(landmarks: np.ndarray) -> np.ndarray:
    """(K,) landmark ids: the skin points (no lip, no face outline) the photo's landmarks (478, 2+) px show
    above the upper lip (`lip_ring.lip_side` 1), nearer its outer edge than `lip_ring.REACH` mouth widths and
    between the mouth corners (the nose's underside, the philtrum, the skin beside them)."""
    lm = np.asarray(landmarks, np.float64)[:, :2]
    lips = set(ids.OUTER_UPPER_LIP + ids.OUTER_LOWER_LIP + ids.INNER_UPPER_LIP + ids.INNER_LOWER_LIP
               + ids.FACE_OVAL)
    skin = np.array([i for i in range(ids.NUM_LANDMARKS) if i not in lips])
    contour = lm[OUTER_LIP_CONTOUR]
    distance, _, segment = nearest_segments(np.ascontiguousarray(lm[skin]), np.ascontiguousarray(contour))
    across = _across_mouth(lm, lm[skin])[:, 0]
    near = ((distance > 0) & (distance < REACH * mouth_width(lm)) & (lip_side(lm[skin], contour, segment) == 1)
            & (across > 0) & (across < 1))
    return skin[near]


def _across_mouth(landmarks: np.ndarray, points: np.ndarray) -> np.ndarray:
    """(K, 2) points (K, 2) px in the mouth's frame of landmarks (478, 2) px: along the line from the corner 61
    to 291 (0 to 1) and down across it (mouth widths, positive away from the nose)."""
    left, right = landmarks[ids.MOUTH_CORNERS[0]], landmarks[ids.MOUTH_CORNERS[1]]
    along = right - left
    width = max(float(np.hypot(*along)), 1e-9)
    down = np.array([-along[1], along[0]]) / width  # image y down: the corners' line turned a quarter clockwise
    moved = points - left
    return np.stack([moved @ along / width ** 2, moved @ down / width], 1)


def skin_under_lip(source: np.ndarray, drawn: np.ndarray) -> float:
    """Face sizes (the photo's) the skin above the upper lip (`above_lip` of the photo's landmarks `source`,
    (478, 2+) px) lies below the drawn upper lip's outer edge at its deepest, in the frame's landmarks `drawn`
    ((478, 2+) px, as the engine drew them: `FrameMap.target`), measured across the mouth at each point's place
    along it; 0 when none does (the source repeated)."""
    lm = np.asarray(drawn, np.float64)[:, :2]
    points = _across_mouth(lm, lm[above_lip(source)])
    edge = _across_mouth(lm, lm[list(ids.OUTER_UPPER_LIP)])
    order = np.argsort(edge[:, 0], kind="stable")
    inside = (points[:, 0] > edge[order[0], 0]) & (points[:, 0] < edge[order[-1], 0])
    if not inside.any():
        return 0.0
    depth = points[inside, 1] - np.interp(points[inside, 0], edge[order, 0], edge[order, 1])
    return max(0.0, float(depth.max()) * mouth_width(lm) / face_size(np.asarray(source, np.float64)))
