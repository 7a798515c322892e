"""A crack of the head layer's alpha along the closed notch beside a jaw corner, read from the head alpha the layer
is drawn with (issue #9, h46-ghturn).

`jaw_corners.close_jaw_corners` joins to the head the thin notch between the jaw and the hair beside each jaw corner.
It raised the notch's pixels (the head mask at most 0.5) to 1 but left the notch's walls, the head's own soft edge on
either side, as they were: a 1-2 px line of alpha 0.5-0.95 inside the closed head along each wall (the mask's "V"
under grace_hopper's ear lobes, 512 px high); `jaw_corners.close_walls` closes it. At rest the head is drawn premultiplied against the plate, so the
line is the photo; moved over another plate (preset:turn 33-47: the head raised and turned over the flag's white
stripe and the neck tone) a tenth to a half of that plate shows through it, a pale diagonal streak through the
hair under the far ear. `notch_cracks` counts the pixels near the jaw angles that a 3 x 3 closing of the head's
opaque pixels (alpha at least `OPAQUE`) fills but that are not opaque, in face sizes (the length of a 1 px line);
it reads the engine's alpha, not a frame, so the source repeated (no head layer) has none to read.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.head_mask.jaw_corners import CORNER_REACH
from facereel.engines.mesh.neck_layer.jaw_line import jaw_ends

OPAQUE = 0.95
"""Head alpha from which a pixel is opaque head."""


def cracks(alpha: np.ndarray) -> np.ndarray:
    """(h, w) bool: the pixels of a head alpha ((h, w) float in [0, 1]) under `OPAQUE` that a 3 x 3 closing of its
    opaque pixels fills (a crack 1 px wide inside the opaque head, or a 1 px dent in its outline)."""
    solid = (alpha >= OPAQUE).astype(np.uint8)
    closed = cv2.morphologyEx(solid, cv2.MORPH_CLOSE, np.ones((3, 3), np.uint8), borderType=cv2.BORDER_REPLICATE)
    return (closed > 0) & (solid == 0)


def notch_cracks(alpha: np.ndarray, landmarks: np.ndarray, origin: np.ndarray, face_px: float) -> float:
    """Face sizes: the `cracks` of `alpha` ((h, w) float in [0, 1], a head alpha on a crop at `origin` (2,) px) within
    `jaw_corners.CORNER_REACH` face sizes of the jaw angles of `landmarks` ((478, 2+) px; face_px: the face size, px)."""
    near = np.zeros(alpha.shape, np.uint8)
    for x, y in np.round(jaw_ends(landmarks) - origin).astype(int):
        cv2.circle(near, (int(x), int(y)), max(1, round(CORNER_REACH * face_px)), 1, -1)
    return float((cracks(alpha) & (near > 0)).sum() / face_px)
