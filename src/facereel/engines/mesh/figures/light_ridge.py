"""A light line along the moved head's outline, read from a rendered frame (issue #9 look, h23-sr4roll).

sr_4's head mask holds the photo's dark column beside its hair and the lit half of the pillar's soft edge beyond it
(alpha ~1); the head layer moved that strip with the head, and over the plate's dark fill behind the hair
(`plate.column_runs`) it showed as a thin grey-olive line along the hair's right side. `light_ridge` finds the
frame's pixels on the drawn head's edge (drawn alpha at least 0.5, within `REACH` px of where it is under 0.5) that
are `LIFT` grey levels lighter than both the head just inside (the alpha eroded by `REACH`) and the frame just
outside (the alpha dilated by `REACH`), each a local mean over about `REACH` px: a light ridge between two darker
sides. An ear's lit rim against a shadowed concha and a dark wall reads so too, so it is read over a box beside the
hair. The source repeated: 0 (on sr_4 the strip lies between the hair and the lit pillar).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import cv2
import numpy as np

from facereel.engines.mesh.composite import disc_kernel

if TYPE_CHECKING:
    from facereel.engines.mesh.animator import MeshAnimator

REACH = 3  # px: the edge's width and the reach of the local means inside and outside it
LIFT = 30.0  # grey levels: a ridge pixel is this much lighter than both sides


def light_ridge(frame: np.ndarray, animator: MeshAnimator) -> np.ndarray:
    """(H, W) bool: the pixels of `frame` ((H, W, 3) uint8 RGB, the last `animator.render`) on the drawn head's edge
    (`MeshAnimator.drawn_alpha`) `LIFT` grey levels lighter than the head just inside and the frame just outside."""
    x0, y0, x1, y1 = animator.box
    head = np.zeros(frame.shape[:2], np.uint8)
    head[y0:y1, x0:x1] = animator.drawn_alpha() >= 0.5
    kernel = disc_kernel(REACH)
    inside = cv2.erode(head, kernel).astype(np.float32)
    outside = 1 - cv2.dilate(head, kernel).astype(np.float32)
    grey = frame.astype(np.float32).mean(2)
    lighter = (head > 0) & (inside == 0)
    for side in (inside, outside):
        weight = cv2.GaussianBlur(side, (0, 0), REACH)
        mean = cv2.GaussianBlur(grey * side, (0, 0), REACH) / np.maximum(weight, 1e-6)
        lighter &= (weight > 0.02) & (grey - mean >= LIFT)
    return lighter
