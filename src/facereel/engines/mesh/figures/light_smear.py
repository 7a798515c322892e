"""A light smear of the plate's fill where the moved head left (issue #9): grace_hopper's flag star, held in the plate's
hole's margin over the top of her hat, had its white carried into the fill under the head (`plate.edge_match`) as a
blob down to the hat, laid bare once preset:turn moved the hat down (frames 26-29, 45-49).

`light_smear` finds the frame's pixels that show the plate's fill (not the photo: `left_marks.bare_fill`) at least
`LIGHTER` grey levels over the frame's local median (over `WINDOW` face sizes): a light colour carried into a
darker background. The source repeated shows the photo: 0.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import cv2
import numpy as np

from facereel.engines.mesh.composite import face_size
from facereel.engines.mesh.figures.left_marks import bare_fill

if TYPE_CHECKING:
    from facereel.engines.mesh.animator import MeshAnimator

LIGHTER = 40.0
"""Grey levels over the frame's local median that make a pixel of the plate's fill a light smear (the star's blob:
150-220 on the flag's blue, 50-110)."""
WINDOW = 0.3
"""Face sizes: the width of the local median's window, wider than the smear (grace_hopper's star blob 0.1-0.15 face
sizes across: over a window as narrow the median took the blob's own light)."""


def light_smear(frame: np.ndarray, animator: MeshAnimator) -> np.ndarray:
    """(H, W) bool: the pixels of `frame` ((H, W, 3) uint8 RGB, the last `animator.render`) that show the plate's fill
    (`bare_fill`) `LIGHTER` over the frame's local median (over `WINDOW` face sizes)."""
    bare, grey, _ = bare_fill(frame, animator)
    window = 2 * max(1, round(WINDOW * face_size(animator.source_landmarks) / 2)) + 1
    median = cv2.medianBlur(frame, window).astype(np.float32).mean(2)
    return bare & (grey >= median + LIGHTER)
