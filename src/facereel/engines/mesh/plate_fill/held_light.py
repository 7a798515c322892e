"""The light background a turned face's head mask holds, carried on into the plate's fill under the head (issue #9).

Beside sr_18's far cheek the head mask holds the photo's light grey background (`head_mask.held_background`), and the
plate keeps the photo there (`lighter_than_fill`); under the head right beside it the plate was the hole's fill,
carried in from the ring past the hole's margin, near-black. Whatever the moved head uncovers or draws transparent
there (the light background its outline held, `head_edge.outline_skin.far_wall`) showed that fill as a dark notch
between the cheek and the grey (sr_18 x lp_d3 284-308 frames 10-22). `carry_held_light` carries the held background's
colour on into the fill under the head along the rows, fading out: the light behind the head goes on a little way
behind it, as the background beside it does; above and below it (the ear, the jaw) the fill stays the ring's.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import padded_box
from facereel.engines.mesh.plate_fill.plate import ring_fill

FULL = 0.6
"""Hole margins (`MeshOptions.plate_grow`, 0.05 face sizes) along the row from the held background over which its
light is carried in full (sr_18 x lp_d3 284-308 moves his far outline 15-20 px, 0.8-1 margins, over it)."""
REACH = 1.5
"""Hole margins along the row from the held background where the carried light has faded out into the ring's fill
(in full to 1 and out at 2.5, a light rectangle stood beside sr_18's turned cheek, preset:turn 24-36)."""
ROW_SOFT = 1.5
"""px: the carried light's weight is blurred over this (Gaussian sigma) across the rows (its top and bottom rows
would end in a step)."""
ENDS = 0.6
"""Hole margins over which the carried light's fade-out (`FULL` to `REACH`) grows from none at the held background's
top and bottom rows (the rows' distance to the nearest row that holds none; there it ends at `FULL`): carried as far
in every row, its top and bottom were straight rows, a grey block beside sr_18's turned cheek (preset:turn 16-36,
`figures.row_edges`: 135-154 pixels on its edges; now 15-34). The whole reach shortened to none there instead (0.6:
15-64 pixels, 0.3: 104-128) left a dark band under his ear (lp_d3 284-308 `background_cracks` 0.53 / 0.38)."""
HELD = 0.5
"""The held background's share kept in the plate (`lighter_than_fill`) from which the carried light's distance is
read."""
CORE = 0.95
"""That share from which its colour is carried (its core). Its soft edge (~2 px) is the photo's blend into the cheek
over the fill, and is carried into too: left as it was, the plate kept a red-brown line along it (sr_18: the fill
under it 45 grey levels, the photo's blend 160, 120, 100)."""


def row_mirror(source: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each pixel's distance along its row to the nearest pixel of `source` ((h, w) bool) in that row ((h, w) float32
    px, `np.inf` in rows without one) and the column of its mirror image across that pixel ((h, w) int64, clipped to
    the row)."""
    w = source.shape[1]
    columns = np.arange(w, dtype=np.float32)
    left = np.maximum.accumulate(np.where(source, columns, -np.inf), axis=1)
    right = np.minimum.accumulate(np.where(source, columns, np.inf)[:, ::-1], axis=1)[:, ::-1]
    distance = np.minimum(columns - left, right - columns).astype(np.float32)
    near = np.where(columns - left <= right - columns, left, right)
    mirror = np.where(np.isfinite(near), 2 * np.where(np.isfinite(near), near, 0) - columns, columns)
    return distance, np.clip(mirror, 0, w - 1).astype(np.int64)


def row_ends(rows: np.ndarray) -> np.ndarray:
    """(h,) float32 px: each row's distance to the nearest row of `rows` ((h,) bool) outside it (0 outside, 1 in an
    end row)."""
    pad = np.concatenate([[False], rows, [False]]).astype(np.uint8)[:, None]
    return cv2.distanceTransform(pad, cv2.DIST_L1, 3)[1:-1, 0].astype(np.float32)


def carry_held_light(filled: np.ndarray, crop: np.ndarray, held: np.ndarray, hole: np.ndarray, margin_px: int
                     ) -> np.ndarray:
    """(h, w, 3) float32: the plate's fill `filled` ((h, w, 3) float32) with the held background's colour carried on
    into the `hole` ((h, w), nonzero inside) beside it: the photo `crop` ((h, w, 3) uint8) where the plate keeps it
    in full (`held`, (h, w) float32 in [0, 1], at least `CORE`), mirrored along the row across the nearest held pixel
    (`row_mirror`, `held` at least `HELD`) where the mirror falls on that core, else carried in from it
    (`plate.ring_fill`); weighted by the distance along the row: in full within `FULL` hole margins (`margin_px` px), fading
    linearly to none at `REACH`, that fade shortened to none over `ENDS` at the held rows' ends (`row_ends`), soft
    over `ROW_SOFT` across the rows. `filled` itself where nothing is held."""
    core = held >= CORE
    if not core.any():
        return filled
    reach = REACH * margin_px
    ys, xs = np.nonzero(held >= HELD)
    box = padded_box(ys, xs, int(np.ceil(reach)) + 1, held.shape)
    inside = (hole[box] > 0) & ~core[box]
    carried = ring_fill(crop[box], inside, core[box].astype(np.float32), margin_px)
    if carried is None:
        return filled
    full = FULL * margin_px
    distance, mirror = row_mirror(held[box] >= HELD)
    rows = np.arange(mirror.shape[0])[:, None]
    mirrored = core[box][rows, mirror]  # the held light's own gradient and grain, mirrored along the row
    carried = np.where(mirrored[..., None], crop[box][rows, mirror].astype(np.float32), carried)
    ends = np.clip(row_ends((held[box] >= HELD).any(axis=1)) / (ENDS * margin_px), 0, 1)[:, None]
    weight = np.clip((full + (reach - full) * ends - distance) / (reach - full), 0, 1)
    weight = (cv2.GaussianBlur(weight, (0, 0), ROW_SOFT) * inside)[..., None]
    out = filled.copy()
    out[box] += weight * (carried - filled[box])
    return out
