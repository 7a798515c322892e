"""Cool grey on the lower face: the `cool_on_face` figure (issue #9).

lp_s12 512 x preset:turn 36-43: a light grey-blue stroke on the turned jaw under the raised chin, the colour of the
wall beside her: the face outline's edge pixels, unmixed against the wall's fill, bounded (`layers.outline_rim`) or
regrained before `head_edge.outline_skin` added its skin less the layer's own colour. Skin, lips, a beard and a
moustache are warm or dark. This reads the frame's light (CIE L* at least `LIGHT`, of 100) and cool (b* at most `COOL`,
yellow positive) pixels in islands (8-connected) that lie wholly within the lower face: the frame's face oval (the
target landmarks' `FACE_OVAL`; the drawn jaw may reach past it) grown by `REACH` face sizes, below its nose tip. The
wall beside the face, a white collar below the chin, reach out of it and do not count. The figure is their share of
that region. From the frame alone: the source repeated (its own landmarks) and any engine read the same way.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import disc_kernel, face_size, polygon_mask
from facereel.face import landmark_ids as ids

REACH = 0.05
"""Face sizes the face oval is grown by (lp_s12's stroke lies up to 1-3 px past the target oval's jaw)."""
LIGHT = 35.0
"""CIE L* (0-100) from which a pixel is light (lp_s12's stroke 48-52, her beard and moustache 15-30)."""
COOL = 2.0
"""CIE b* at most which a pixel is cool (the stroke -3..1 over her wall's -2; her skin +8..+20)."""


def cool_mask(frame: np.ndarray, landmarks: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(H, W) bool the light cool islands of `frame` ((H, W, 3) uint8 RGB) within the lower face, and (H, W) bool
    that region: the face oval of `landmarks` ((478, 2+) px, the frame's) grown by `REACH` face sizes, below the
    nose tip."""
    h, w = frame.shape[:2]
    oval = polygon_mask([np.asarray(landmarks)[list(ids.FACE_OVAL), :2]], (h, w), (0.0, 0.0)) > 0.5
    region = cv2.dilate(oval.astype(np.uint8), disc_kernel(max(1, round(REACH * face_size(landmarks))))) > 0
    region[:int(np.ceil(landmarks[ids.NOSE_TIP, 1]))] = False
    lab = cv2.cvtColor(frame.astype(np.float32) / 255.0, cv2.COLOR_RGB2LAB)  # L* 0-100, b* signed
    cool = (lab[..., 0] >= LIGHT) & (lab[..., 2] <= COOL)
    count, labels = cv2.connectedComponents(cool.astype(np.uint8), connectivity=8)
    outside = np.zeros(count, bool)
    outside[np.unique(labels[cool & ~region])] = True  # islands reaching out of the region
    return cool & ~outside[labels], region


def cool_on_face(frame: np.ndarray, landmarks: np.ndarray) -> float:
    """The share in [0, 1] of the lower face region of `frame` ((H, W, 3) uint8 RGB, its face at `landmarks`
    (478, 2+) px) held by light cool islands (`cool_mask`)."""
    cool, region = cool_mask(frame, landmarks)
    return float(cool.sum() / max(1, region.sum()))
