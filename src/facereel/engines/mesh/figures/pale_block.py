"""Pale block: the neck's light tone shown on a dark wall a moved head uncovers beside its ear (issue #9).

sr_4 (whole, own size) x lp_d11 180-224, frames 21-25: the head moves ~35 px away from the dark wall strip between
its ear and a lit pillar, and the plate behind where the ear was showed a pale, skin-coloured block with a straight
right edge (x ~912-940, y 240-296 of sr_4) where the photo's wall beside the ear is dark (grey ~66): the neck's
shadowed tone, laid under the ear where the person mask holds that strip (`under_ear.wall_inside`). `pale_block` is
the share of a box's pixels that the drawn head leaves bare (its alpha under `BARE`) and that are lighter than the
wall by `LIFT` grey levels or more: the source repeated reads 0 (its ear covers the box's bare wall side), a plate
that keeps the wall's darkness reads ~0. The same reads sr_4 `--body` at 640 x lp_d3 310-350, frames 33-39: a pale
strip of the ring's fill (the dark column mixed with the pillar) beside the hair above the ear (x 460-475, y 40-100).
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.composite import grey_image

BARE = 0.1
"""The drawn head's alpha under which a pixel shows what lies behind it (the plate, the wall)."""
LIFT = 30.0
"""Grey levels over the wall's grey from which a bare pixel counts as pale (the wall strip's own shading and grain
stay within ~10; the tone laid there was 40-100 lighter)."""


def pale_block(frame: np.ndarray, alpha: np.ndarray, box: tuple[int, int, int, int], wall: float) -> float:
    """Share in [0, 1] of the pixels of `frame` ((H, W, 3) uint8 RGB) in `box` (x0, y0, x1, y1 px, end excluded) where
    the drawn head's `alpha` ((H, W) float32 on the frame's grid) is under `BARE` and the grey is at least `LIFT` over
    `wall` (grey levels: the photo's wall beside the head)."""
    x0, y0, x1, y1 = box
    grey = grey_image(frame[y0:y1, x0:x1])
    return float(((alpha[y0:y1, x0:x1] < BARE) & (grey >= wall + LIFT)).mean())
