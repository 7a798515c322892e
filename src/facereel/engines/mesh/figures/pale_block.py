"""Pale block: the neck's light tone shown on a dark wall a moved head uncovers beside its ear (issue #9).

sr_4 (whole, own size) x lp_d11 180-224, frames 21-25: the head moves ~35 px away from the dark wall strip between
its ear and a lit pillar, and the plate behind where the ear was showed a pale, skin-coloured block with a straight
right edge (x ~912-940, y 240-296 of sr_4) where the photo's wall beside the ear is dark (grey ~66): the neck's
shadowed tone, laid under the ear where the person mask holds that strip (`under_ear.wall_inside`). `pale_block` is
the share of a box's pixels that the drawn head leaves bare (its alpha under `BARE`) and that are lighter than the
wall by `LIFT` grey levels or more: the source repeated reads 0 (its ear covers the box's bare wall side), a plate
that keeps the wall's darkness reads ~0. The same reads sr_4 `--body` at 640 x lp_d3 310-350, frames 33-39: a pale
strip of the ring's fill (the dark column mixed with the pillar) beside the hair above the ear (x 460-475, y 40-100).

`behind_ear` places the box by the photo's near ear instead (`hidden_ear.near_ear`): the ear's lower half, from its
middle column `EAR_REACH` face sizes inward (towards the nose), against the grey of the photo's background `WALL_SPAN`
face sizes outward of the ear on those rows. sr_18 at 512 x preset:turn (2 s) 36-44: the head turned and raised
uncovers the plate behind the near ear, a pale skin block with the old jaw's creases in it over the dark crowd
(source repeated 0.001, h46's engine 0.62-0.82); the ear and cheek there are the head's (alpha over `BARE`) at rest.
`past_neck` reads only the box's pixels outward of the neck's near outline continued up to the moved ear: the
straight line from the photo's neck outline `COLLAR_DROP` face sizes under its near ear (`NearEar.collar`: the kept
jaw corner under the lobe) to the frame's jaw line end at the lobe (`LOBE_FOOT`), upright above it. Behind and
under a near ear the neck runs up to the skull, so a neck drawn up to the lobe is no fault; the block's protrusion
past that line and its square top corner over the crowd are (main 0.67 / 0.67 / 0.40 on frames 36 / 40 / 44).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from facereel.engines.mesh.composite import grey_image
from facereel.engines.mesh.figures.hidden_ear import near_ear
from facereel.engines.mesh.neck_layer.jaw_line import ENDS
from facereel.face import landmark_ids as ids

BARE = 0.1
"""The drawn head's alpha under which a pixel shows what lies behind it (the plate, the wall)."""
LIFT = 30.0
"""Grey levels over the wall's grey from which a bare pixel counts as pale (the wall strip's own shading and grain
stay within ~10; the tone laid there was 40-100 lighter)."""
EAR_REACH = 0.3
"""Face sizes from the near ear's middle column inward that `behind_ear`'s box spans (sr_18's ear and the jaw beside
it, 36 px at 512: the block reached 0.3-0.35 face sizes in)."""
WALL_SPAN = 0.15
"""Face sizes outward of the near ear whose photo's median grey is `behind_ear`'s wall."""
COLLAR_DROP = 0.05
"""Face sizes under the photo's near ear's lowest pixel of the row whose outermost pale pixel (`LIFT` over the wall)
is the neck's near outline that `past_neck` continues up: the photo's own outline under the lobe, the jaw's corner
that the engine keeps where the body stays (sr_18 at 512: 6 px, (293, 149)). From 0.15 (18 px down, where the jaw
meets the neck) the straight line cut through that kept corner: a neck drawn up to the lobe past it read as the block
(0.08 / 0.20 / 0.19 on preset:turn 36 / 40 / 44 where the crowd is laid past the neck's continued outline)."""
LOBE_FOOT = {-1: ENDS[1], 1: ENDS[0]}
"""The jaw line's end where the head's outline meets the ear lobe (`jaw_line.ENDS`: 93, 323) on the image-left (-1)
and image-right (1) side: the neck runs up behind a near ear to the lobe. From the oval's next point down (132 / 361,
on the jaw under the lobe) the line asked for a neck cut level under the lobe, a black gap between the lobe and the
neck (the head looked severed: /tmp/h48-sr18ear/b2.png)."""


class NearEar(NamedTuple):
    """`behind_ear`'s placement: `box` (x0, y0, x1, y1) px, end excluded; `wall` grey level; `collar` (x, y) px, the
    photo's neck outline under the near ear; `side` -1 where the near ear is on image left, 1 on image right."""

    box: tuple[int, int, int, int]
    wall: float
    collar: tuple[int, int]
    side: int


def pale_block(frame: np.ndarray, alpha: np.ndarray, box: tuple[int, int, int, int], wall: float) -> float:
    """Share in [0, 1] of the pixels of `frame` ((H, W, 3) uint8 RGB) in `box` (x0, y0, x1, y1 px, end excluded) where
    the drawn head's `alpha` ((H, W) float32 on the frame's grid) is under `BARE` and the grey is at least `LIFT` over
    `wall` (grey levels: the photo's wall beside the head)."""
    x0, y0, x1, y1 = box
    grey = grey_image(frame[y0:y1, x0:x1])
    return float(((alpha[y0:y1, x0:x1] < BARE) & (grey >= wall + LIFT)).mean())


def behind_ear(photo: np.ndarray, alpha: np.ndarray, landmarks: np.ndarray, face_px: float) -> NearEar | None:
    """The box behind the photo's near ear (its lower half's rows, from its middle column `EAR_REACH` face sizes
    towards the nose), the grey of the background beside it (`WALL_SPAN` face sizes outward on those rows) and the
    neck's outline `COLLAR_DROP` face sizes under the ear, for `pale_block` / `past_neck`; None where no near ear or no
    neck under it is found (`near_ear` on the photo's head `alpha`, (H, W) float32; `photo` (H, W, 3) uint8 RGB,
    `landmarks` (478, 2+) px, `face_px` px)."""
    ear = near_ear(alpha, landmarks, face_px)
    if not ear.any():
        return None
    ys, xs = np.nonzero(ear)
    middle, top, bottom = round(0.5 * (xs.min() + xs.max())), round(0.5 * (ys.min() + ys.max())), int(ys.max()) + 1
    reach, span = round(EAR_REACH * face_px), round(WALL_SPAN * face_px)
    side = -1 if middle < landmarks[ids.NOSE_TIP, 0] else 1
    x0, x1 = (middle, middle + reach) if side < 0 else (middle - reach + 1, middle + 1)
    wall_cols = (slice(max(int(xs.min()) - span, 0), int(xs.min())) if side < 0 else
                 slice(int(xs.max()) + 1, int(xs.max()) + 1 + span))
    wall = float(np.median(grey_image(photo[top:bottom, wall_cols])))
    row = min(bottom - 1 + round(COLLAR_DROP * face_px), photo.shape[0] - 1)
    start = max(int(xs.min()) - span, 0) if side < 0 else min(int(xs.max()) + span, photo.shape[1] - 1)
    line = grey_image(photo[row:row + 1])[0]
    line = line[start:] if side < 0 else line[start::-1]
    pale = np.nonzero(line >= wall + LIFT)[0]
    if not pale.size:
        return None
    collar = (start + int(pale[0]) * -side, row)
    return NearEar((max(x0, 0), top, min(x1, photo.shape[1]), bottom), wall, collar, side)


def past_neck(frame: np.ndarray, alpha: np.ndarray, near: NearEar, landmarks: np.ndarray) -> float:
    """`pale_block` in `near.box` of `frame` ((H, W, 3) uint8 RGB; drawn head alpha `alpha`, (H, W) float32) counting
    only the pixels outward (away from the nose) of the neck's near outline continued up to the moved ear: the line from
    `near.collar` to the frame's `LOBE_FOOT` (`landmarks`, (478, 2+) px of the frame), upright above that point. Share
    in [0, 1] of the box's pixels."""
    x0, y0, x1, y1 = near.box
    rows, cols = np.mgrid[y0:y1, x0:x1]
    lobe_x, lobe_y = (float(v) for v in landmarks[LOBE_FOOT[near.side], :2])
    cx, cy = near.collar
    along = np.clip((rows - lobe_y) / max(cy - lobe_y, 1.0), 0.0, 1.0)
    outline = lobe_x + along * (cx - lobe_x)
    past = cols < outline if near.side < 0 else cols > outline
    grey = grey_image(frame[y0:y1, x0:x1])
    return float(((alpha[y0:y1, x0:x1] < BARE) & (grey >= near.wall + LIFT) & past).mean())
