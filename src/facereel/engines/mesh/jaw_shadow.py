"""The jaw's dark line on the neck lifted where the moved head has left it (issue #9).

The photo's jaw casts a dark line on the neck just below the plate's hole's end (`hole_end.dark_line`), and
the neck's mirror (`neck._mirrored`) reflects it just above the end. Where the neck stretches up to the moved
head the line moves with the neck's top and stays under the jaw; where it does not (sr_18's creased neck
shows no neck to stretch, preset:turn frames 37-43) a raised, turned head leaves it behind as a diagonal
crease across the neck, the flat uncovered skin above it (`figures.neck_ghost`). `shadow_lift` is the colour
that takes the line out of the neck plate (each channel raised to the neck's level below it, in the
dark-line columns, within `SHADOW_REACH` face sizes either side of the end), made once per source;
`lift_weight` says per frame column how much of it applies: none while the neck's top shown lies within
`LIFT_GAP[0]` face sizes of the moved head's lower edge (the line is still a shadow under the jaw), all from
`LIFT_GAP[1]`.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.head_proxy import smoothstep
from facereel.engines.mesh.hole_end import SHADING_SHIFT, dark_line, lightness

LIFT_GAP = (0.02, 0.06)
"""Face sizes between the moved head's lower edge and the neck's top shown below it: none of the lift at the
first, all of it from the second."""
LIFT_SIGMA = 0.015
"""Face sizes: the sigma of the blur whose colour is raised (the line's shading, not the skin's grain)."""
SHADOW_REACH = (0.06, 0.09)
"""Face sizes either side of the hole's end: all of the lift within the first, none beyond the second (the
line below the end and its reflection above it)."""
LEVEL_REACH = (0.07, 0.13)
"""Face sizes below the hole's end: the neck's skin whose level the line is raised to."""
ACROSS = 0.03
"""Face sizes: the sigma along the rows over which the dark-line columns and the neck's level are smoothed
(a creased neck's columns differ; taken one by one the lift streaked it)."""
GRAIN = 15.0
"""Grey levels (0-255): the most the texture laid on the replaced line departs from the neck's level."""
DARKER = 20.0
"""Grey levels (0-255) by which the plate is darker than the neck's level where it is replaced in full."""
COLLAR_RAMP = 0.02
"""Face sizes above each column's collar line (`NeckWarp.collars`) over which the lift fades out: none at and
below the line (what lies there, lp_s1's choker or a still neck, stays the photo; reaching 0.09 face sizes
below the hole's end, the line's replacement also flattened the neck's shading there, `figures.neck_join`)."""


def shadow_lift(plate: np.ndarray, crop: np.ndarray, hole_end: np.ndarray, collars: np.ndarray, skin: np.ndarray,
                box: tuple[slice, slice], face_px: float) -> np.ndarray | None:
    """(n, m, 3) float32 to add to the neck plate on `box` (`plate`, (n, m, 3) float32; n rows from
    `box[0].start`) to take the jaw's dark line out around the hole's end (`hole_end`, (m,) crop rows), above
    each column's collar line (`collars`, (m,) crop rows; `COLLAR_RAMP`): the plate's pixels darker than the
    median of the neck's skin `LEVEL_REACH` face sizes below the end are replaced by it plus the photo's skin
    texture lower down (over `LIFT_SIGMA` face sizes, capped at `GRAIN`), within `SHADOW_REACH` of the end,
    in the dark-line columns (`hole_end.dark_line` with the skin likeness `skin`, (h, m) float32); the columns'
    share and level smoothed along the rows by `ACROSS` face sizes. None where no column has a line.
    crop: (h, w, 3) uint8 RGB, the photo; face_px: the face size, px."""
    rows, cols = box
    gate = dark_line(lightness(crop[:, cols]), hole_end, skin, face_px)
    if not gate.any():
        return None
    ys = np.arange(rows.start, rows.stop, dtype=np.float32)[:, None]
    below = (ys - hole_end[None]) / face_px  # (n, m) face sizes below the end
    window = (below >= LEVEL_REACH[0]) & (below < LEVEL_REACH[1]) & (skin[rows] > 0.5)
    has = window.any(0)
    level = np.zeros((plate.shape[1], 3), np.float32)
    level[has] = np.stack([np.nanmedian(np.where(window[:, has], plate[:, has, c], np.nan), 0) for c in range(3)], 1)
    # Along the rows: the level where known, each column's share of it beside (normalised convolution).
    across = max(1.0, ACROSS * face_px)
    weight = _along(has.astype(np.float32), across)
    level = _along(level * has[:, None], across) / np.maximum(weight, 1e-6)[:, None]
    gate = _along(gate * has, across)
    # The line is replaced, not raised (a dark red core raised by a gain turned orange): the neck's level with
    # the photo's fine texture read `SHADING_SHIFT` face sizes lower (past the line), where that is skin; only
    # where the plate is darker than the level (by `DARKER` grey levels in full).
    # (The skin's own mean, not its edge against a collar: a bright streak along the astronaut's turtleneck.)
    grey, on_skin = crop[:, cols].astype(np.float32).mean(2), (skin > 0.5).astype(np.float32)
    sigma = max(0.5, LIFT_SIGMA * face_px)
    mean = cv2.GaussianBlur(grey * on_skin, (0, 0), sigma) / np.maximum(cv2.GaussianBlur(on_skin, (0, 0), sigma), 1e-3)
    fine = np.clip(grey - mean, -GRAIN, GRAIN) * on_skin
    read = np.clip(ys.astype(int) + round(SHADING_SHIFT * face_px), 0, grey.shape[0] - 1)
    target = level[None] + fine[read, np.arange(len(level))[None]][..., None]
    low = cv2.GaussianBlur(plate.mean(2), (0, 0), 1.0)  # how dark the plate is, its pores aside
    darker = smoothstep(0.0, DARKER, level.mean(1)[None] - low)
    band = 1 - smoothstep(*SHADOW_REACH, np.abs(below))
    band *= smoothstep(0.0, COLLAR_RAMP, (collars[None] - ys) / face_px)  # above the column's collar line
    return ((gate[None] * band * darker)[..., None] * (target - plate)).astype(np.float32)


def _along(values: np.ndarray, sigma: float) -> np.ndarray:
    """`values` ((m,) or (m, c) float32) smoothed along their first axis by a Gaussian of `sigma` px."""
    out = cv2.GaussianBlur(np.ascontiguousarray(values, np.float32).reshape(len(values), -1).T, (0, 0), sigma,
                           sigmaY=1e-3, borderType=cv2.BORDER_REPLICATE).T
    return out.reshape(values.shape)


def lift_weight(gap: np.ndarray, face_px: float) -> np.ndarray:
    """(m,) float32 in [0, 1] per frame column: how much of `shadow_lift` applies where the neck's top is shown
    `gap` px ((m,) float32) below the moved head's lower edge (`LIFT_GAP`)."""
    return smoothstep(*LIFT_GAP, gap / face_px).astype(np.float32)
