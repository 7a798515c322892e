"""The background behind the near ear where a turned head's near jaw moves in (issue #9).

sr_18 at 512 x preset:turn (2 s) 36-44: the face turns towards image right and rises, and the near ear and jaw (image
left) move in towards the neck's axis. The plate behind them is the hole's fill under the photo's near ear, which is
the body's (`plate.neck_body_side`: the neck is nearer there than the crowd), and the neck's shadowed tone: uncovered,
a pale skin block with the old jaw's creases in it, its top level and its outer side straight, over the dark crowd
(`figures.pale_block.past_neck`). Behind and under a near ear the neck runs up to the skull, so the block is not
replaced whole: laid level above the hole's end there (cfa6e917) the crowd cut the neck under the lobe, a black gap
between the lobe and the neck (the head looked severed). Where the near jaw line's end moves in (`laid`: by
`neck.FAR_IN`'s share, as `NeckWarp.far_in` on the far side), the plate and the moved neck plate in the hole there
(`region`: from `RISE` face sizes above the hole's end on the near side, `NeckWarp.near_end`, down to it, and at most
`REACH` face sizes inside the photo's jaw end) are laid with the background's fill (the photo off the person carried
in, `layers.fill_hole`) only outward of the neck's near outline continued up: the straight line from `near_end` (the
photo's outline under the lobe) to the moved jaw line's near end (where the head's outline meets the lobe), upright
above it. The neck keeps its own outline up to the lobe; the crowd shows past it.

The neck's near side pulled in with the lobe (`neck_sides.SidePull` pulling where its meeting point moves in) does not
join them: under `PLAIN_PULL` sr_18's creased near side (plainness 0.47) is pulled not at all, and pulled half or in
full its creases fanned into streaks converging on the lobe with a horizontal smear over the crowd
(/tmp/h48-sr18ear/pulls4.png).
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.geometry.head_proxy import smoothstep
from facereel.engines.mesh.neck_layer.neck import FAR_IN, NeckWarp

REACH = 0.35
"""Face sizes inside the photo's near jaw line end (towards the neck's axis) that `region` reaches at most (sr_18's
near jaw end moves in up to 0.36 face sizes on preset:turn 36-40, and the block reached 0.3-0.35 in)."""
RISE = 0.45
"""Face sizes above the hole's end at the near side (`NeckWarp.near_end`) up to which the hole is laid with the
background (sr_18's block stood 0.25 face sizes above it, up to the ear's middle; at 0.3 the body's fill of the
ring above it was left as a faint brown line)."""
SOFTNESS = 0.03
"""Face sizes: the sigma softening the region's edges, and half the width of `laid`'s ramp."""


def _inward(neck: NeckWarp, xs: np.ndarray) -> np.ndarray:
    """Px each of `xs` (crop columns) lies inside the photo's near jaw line end, towards the neck's axis."""
    near = -neck.far_step
    end = float(neck.jaw[:, 0].max() if near > 0 else neck.jaw[:, 0].min())
    return -near * (np.asarray(xs, np.float32) - end)


def region(hole: np.ndarray, neck: NeckWarp, face_px: float) -> tuple[np.ndarray, tuple[slice, slice]] | None:
    """Where the plate behind the near ear may be laid with the background: the plate's `hole` ((h, w) bool on the crop)
    from `RISE` face sizes above `neck.near_end` down to it, out from `REACH` face sizes inside the photo's near jaw
    line end, softened by `SOFTNESS` (`face_px` px); as ((n, m, 1) float32 in [0, 1], its box (rows, columns) of the
    crop: the bounds of its pixels above 0); None where the near side has no dark background beside the neck
    (`near_end` None) or no such pixel."""
    if neck.box is None or neck.near_end is None:
        return None
    ys = np.arange(hole.shape[0], dtype=np.float32)[:, None]
    inside = hole & (_inward(neck, np.arange(hole.shape[1]))[None] < REACH * face_px)
    end = neck.near_end[1]
    inside &= (ys < end) & (ys >= end - RISE * face_px)
    if not inside.any():
        return None
    soft = cv2.GaussianBlur(inside.astype(np.float32), (0, 0), max(1.0, SOFTNESS * face_px))
    rows, cols = np.flatnonzero(soft.any(axis=1)), np.flatnonzero(soft.any(axis=0))
    box = slice(int(rows[0]), int(rows[-1]) + 1), slice(int(cols[0]), int(cols[-1]) + 1)
    return soft[box][..., None], box


def laid(neck: NeckWarp, target_jaw: np.ndarray, box: tuple[slice, slice], face_px: float) -> np.ndarray | None:
    """(n, m) float32 in [0, 1] on `box` (`region`'s: rows and columns of the crop): how much of `region` the frame
    lays with the background for the jaw moved to `target_jaw` ((J, 2) crop px): `FAR_IN`'s share of how far its near
    end moved in (face sizes `face_px` px), outward of the neck's near outline continued up to the moved jaw's near end
    (the lobe's foot): the straight line from `neck.near_end` to it, upright above it, a ramp `SOFTNESS` face sizes
    either side; None where it did not move in."""
    target = np.asarray(target_jaw, np.float32)
    near = -neck.far_step
    foot = target[np.argmax(near * target[:, 0])]
    moved = float(_inward(neck, foot[0]))
    share = float(smoothstep(FAR_IN[0] * face_px, FAR_IN[1] * face_px, moved))
    if share <= 0 or neck.near_end is None:
        return None
    ex, ey = neck.near_end
    ys, xs = np.mgrid[box].astype(np.float32)
    along = np.clip((ys - foot[1]) / max(ey - foot[1], 1.0), 0.0, 1.0)
    outline = foot[0] + along * (ex - foot[0])
    soft = SOFTNESS * face_px
    return (share * smoothstep(-soft, soft, near * (xs - outline))).astype(np.float32)
