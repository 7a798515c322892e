"""The near cheek's rim shadow widened into a dark band on a turn towards its side (issue #9, h25-s3crease).

lp_s3 at 512 px, `edit --yaw 25` (nearly frontal photo, the head turned to show more of its right cheek; crop x
185-255, y 95-185 at 4x): the tracker's oval runs along the painted reddish-brown shadow between the cheek and the ear
(x 226-235 on row 135), which the skin's colour model (`face_colours.skin`, its lightness spread 51 levels on this
painting) takes for skin, so `rim_shadow` left its triangles free to open to their 3D width: ~9 px of shadow were
drawn 2.3x wide over the lit cheek, a hard reddish-brown band along the outline. `shadow_width` reads the band a frame
draws: per row of the rim band (within `rim_shadow.RIM_DEPTH` face sizes inside the frame's face oval, below the eye
corners), the px darker than the photo's skin by `rim_shadow.DARKER` of its lightness's spread (`rim_shadow.shaded`);
the mean over those rows. The source repeated reads the photo's own shadow.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import face_size
from facereel.engines.mesh.geometry.rim_shadow import RIM_DEPTH, face_oval, shaded
from facereel.engines.mesh.head_mask.face_colours import face_colours


def shadow_width(photo: np.ndarray, photo_landmarks: np.ndarray, frame: np.ndarray, landmarks: np.ndarray) -> float:
    """Mean px per row of the rim band of `frame` ((H, W, 3) uint8 RGB, drawn at `landmarks` (478, 2+) image px)
    darker than the skin of `photo` ((H, W, 3) uint8 RGB, tracked at `photo_landmarks`); 0 when the photo's skin
    colour cannot be read."""
    zero = np.zeros(2, np.float32)
    photo_oval, _ = face_oval(photo.shape[:2], photo_landmarks, zero)
    skin = face_colours(photo, photo_landmarks, zero, photo_oval).skin
    if skin is None:
        return 0.0
    oval, row = face_oval(frame.shape[:2], landmarks, zero)
    depth = cv2.distanceTransform(oval, cv2.DIST_L2, 3)
    band = (depth > 0) & (depth <= RIM_DEPTH * face_size(landmarks))
    band[:int(np.ceil(row))] = False
    dark = band & shaded(cv2.cvtColor(frame, cv2.COLOR_RGB2LAB).astype(np.float32), skin)
    rows = np.flatnonzero(band.any(1))
    return float(dark[rows].sum() / max(len(rows), 1))
