"""The still neck beside a moved head paled, read from a rendered frame (issue #9): lp_s6 `facereel edit --pitch 20
--roll -15`: the photo's neck under the image-left lobe, which the neck band leaves out, was laid over with the
hole's wall-coloured fill once the jaw moved off it (`plate_fill.kept_photo`), a pale block with a straight edge
between the ear and the cheek.

`paled_neck` counts, in a box of the frame, the pixels of the photo's person that are not the head (the head layer's
alpha in the photo under `layers.FULL_PLATE_AT`) nor covered by the head as drawn (its drawn alpha under the same)
whose frame is `PALER` grey levels or more lighter than the photo: the body that stays, paled. The source repeated
shows the photo there: 0.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from facereel.engines.mesh.layers import FULL_PLATE_AT

if TYPE_CHECKING:
    from facereel.engines.mesh.animator import MeshAnimator

PALER = 25.0
"""Grey levels: a still body pixel this much lighter than the photo is paled (the block was 60-120 over the neck's
photo; the neck's own shading under a moved jaw stays within ~10)."""


def paled_neck(frame: np.ndarray, animator: MeshAnimator, box: tuple[int, int, int, int]) -> int:
    """Pixels of `frame` ((H, W, 3) uint8 RGB, the last `animator.render`) inside `box` ((x0, y0, x1, y1) image px)
    on the photo's person off its head and off the drawn head, `PALER` or more grey levels over the photo."""
    x0, y0, x1, y1 = animator.box
    bx0, by0, bx1, by1 = max(box[0], x0), max(box[1], y0), min(box[2], x1), min(box[3], y1)
    if bx0 >= bx1 or by0 >= by1:
        return 0
    window = (slice(by0 - y0, by1 - y0), slice(bx0 - x0, bx1 - x0))
    still = ((animator.mask.person[window] > 0.5) & (animator.layer.plate_alpha[window] < FULL_PLATE_AT)
             & (animator.drawn_alpha(window) < FULL_PLATE_AT))
    grey = frame[by0:by1, bx0:bx1].astype(np.float32).mean(2)
    photo = animator.source[by0:by1, bx0:bx1].astype(np.float32).mean(2)
    return int((still & (grey - photo >= PALER)).sum())
