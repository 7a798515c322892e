"""The hair hanging beside the jaw slid off it by a roll: the `rolled_hair` figure (issue #9).

lp_s1 `facereel edit --roll 20` (512 px): the hair's lower left end was cut straight over a light gap beside the
jaw (x 150-170, y ~290): the rings there kept the shell's outline, turned about the shell's centre, while the face
turned about a point ~20 px lower (`head_proxy.ROLL_PIVOT`), so the hair slid 7-11 px off the jaw. This reads, over
the photo's hanging hair (`HeadMask.hanging`) moved as the face moves (`hard_ends.aligned_photo`'s similarity) and
grown by `GROW` face sizes, the frame's mean grey distance from the photo moved so: a roll of the whole head reads
~0 there, hair slid off the jaw its stripe of the plate and the jaw's skin. The source repeated (the portrait not
turned at all) is its baseline.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import disc_kernel, face_size
from facereel.engines.mesh.figures.hard_ends import aligned_photo

GROW = 0.02
"""Face sizes the moved hanging hair is grown by (the strip beside it, where the gap between it and the jaw shows)."""


def rolled_hair(frame: np.ndarray, photo: np.ndarray, hanging: np.ndarray, source_landmarks: np.ndarray,
                target_landmarks: np.ndarray) -> float:
    """Grey levels: the mean |grey(frame) - grey(photo moved)| over the photo's hanging hair moved with the face
    (module docstring); frame and photo (H, W, 3) uint8 RGB, hanging (H, W) float32 in [0, 1] of the photo (full
    frame), landmarks (478, 2+) px of the photo and of the frame's face. 0 without hanging hair."""
    moved = aligned_photo(np.dstack([photo, np.uint8(255) * (hanging > 0.5)]), source_landmarks, target_landmarks)
    near = cv2.dilate(moved[..., 3], disc_kernel(max(1, round(GROW * face_size(target_landmarks))))) > 127
    if not near.any():
        return 0.0
    grey = cv2.cvtColor(frame, cv2.COLOR_RGB2GRAY).astype(np.float32)
    own = cv2.cvtColor(np.ascontiguousarray(moved[..., :3]), cv2.COLOR_RGB2GRAY).astype(np.float32)
    return float(np.abs(grey - own)[near].mean())
