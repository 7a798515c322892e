"""Shadow or hair from the face's outline smeared across a turned cheek (`rim_shadow.py`): how much more of
the drawn lower face is not skin than of the photo's.

grace_hopper on preset:turn (frames 31-43): the dark strip the tracker's oval holds beside her near jaw was
opened 3x into a dark wedge over the cheek. The figure: over the lower face (the face oval below the eye
corners' row), the share of pixels farther from the photo's skin colour than `CHI2_99` (Lab Gaussian of the
photo's own lower face), in the frame (its drawn landmarks' oval) less in the photo; 0 on the source repeated,
never below 0.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.geometry.rim_shadow import face_oval
from facereel.engines.mesh.head_mask.hanging_hair import CHI2_99, colour_distance, colour_model


def _lower_face(shape: tuple[int, int], landmarks: np.ndarray) -> np.ndarray:
    """(h, w) bool: the face oval of `landmarks` ((478, 2+) px) below its eye corners' mean row."""
    oval, row = face_oval(shape, landmarks, np.zeros(2))
    return (oval > 0) & (np.arange(shape[0])[:, None] > row)


def rim_smear(frame: np.ndarray, source: np.ndarray, source_landmarks: np.ndarray,
              drawn_landmarks: np.ndarray) -> float:
    """Share of the frame's lower face ((H, W, 3) uint8 RGB, its face at `drawn_landmarks` (478, 2+) px) not
    the skin's colour, less the photo's (`source`, `source_landmarks`), at least 0; 0 when the photo's skin
    colour cannot be read."""
    src_lab = cv2.cvtColor(source, cv2.COLOR_RGB2LAB).astype(np.float32)
    src_face = _lower_face(source.shape[:2], source_landmarks)
    model = colour_model(src_lab, src_face)
    if model is None:
        return 0.0
    photo = float((colour_distance(src_lab[src_face], model) > CHI2_99).mean())
    face = _lower_face(frame.shape[:2], drawn_landmarks)
    if not face.any():
        return 0.0
    lab = cv2.cvtColor(frame, cv2.COLOR_RGB2LAB).astype(np.float32)
    return max(0.0, float((colour_distance(lab[face], model) > CHI2_99).mean()) - photo)
