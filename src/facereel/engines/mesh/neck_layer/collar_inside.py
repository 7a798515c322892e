"""The inside of a collar beside a head shifted sideways (issue #9; docs/mesh-engine.md "The wall beside a head
shifted sideways").

lp_s6 (a statue on a white wall, its chin resting on its collar) at 512 px x lp_d12 140-179, frames 22-34: the head
moves up and right, and left of the moved chin the plate's fill between the collar's roll and the neck column (the rows
under the collar's leftmost top, which reach the wall only through the collar: `shifted_wall.open_to`) stood as a
blurred brown band whose top was one straight row against the wall laid above it (`figures.tone_ledge`). Given to the
wall, it read as the wall seen through the collar (`figures.walled_in`). It is the collar's inside: there
`BesideWall` lays `inside_colour`, the neck's tone laid under the ear shaded towards the collar's own colours
beside it (the roll, not its dark ring) near the collar (`INNER`, `INNER_SHARE`), under a top that rises from the
collar's top towards the neck at `SLOPE` (`under_slope`), anti-aliased over `FEATHER`, so the wall above meets it
along a soft slant rather than one row (h48-s6collar laid it hard at 45 degrees, shaded towards the dark ring: a
stair-stepped slope over a dark wedge at 512 px, `figures.stair_slope`; h49-s6collar).
"""

from __future__ import annotations

from collections.abc import Callable

import cv2
import numpy as np

INNER = 0.4
"""Face sizes from the photo's kept person (the collar) over which the collar's colour fades into the neck's
tone (at 0.05-0.2 the fade stepped by 8 grey levels and more every two rows above lp_s6's collar tip, a straight
ledge to `figures.tone_ledge` again)."""
INNER_SHARE = 0.6
"""The share of the collar's colour beside the collar (the dark ring's colour in full stood as a black blob beside
the neck; at 0.6 of it, as a dark wedge larger than main's band at 512 px)."""
GRAIN_PX = 1.5
"""Px: the sigma smoothing the inside's colour (the neck tone's grain, 3 grey levels and more row to row, lengthened
`figures.tone_ledge`'s runs along the top by a column: 0.036 against 0.029)."""
FEATHER = 1.0
"""Px across the top of the collar's inside (perpendicular to it) over which its share of each pixel ramps from 0 to
1: the pixel's covered share, an anti-aliased top (laid hard, the 45-degree top stood as a stair of one-pixel steps at
512 px, `figures.stair_slope` 0.32-0.42; wider ramps lengthen the runs `figures.tone_ledge` reads along the slope:
2 px at 45 degrees 0.043)."""
SLOPE = 2.0
"""Rows per column the top of the collar's inside rises towards the neck (63 degrees: `tone_ledge` reads a run of 4
columns along the anti-aliased top; at 1 and 1.5 5, over its bar; at 2.5 the ramp's rows lengthen the runs again).
Steeper, the top meets lp_s6's moved jaw (near upright there) higher up: the inside larger than at 45 degrees."""


def under_slope(shut: np.ndarray, region: np.ndarray, neck: float, slope: float) -> np.ndarray:
    """(h, w) float32 in [0, 1]: how much of each pixel lies in the collar's inside: 1 on `shut` ((h, w) bool) and,
    of the pixels of `region` ((h, w) bool), the share under the lowest line rising towards the neck's column `neck`
    (px) at `slope` (rows per column) that has all of a part of `shut` under it, not past the part's end towards the
    neck nor below its bottom row; across the line the share ramps over `FEATHER` px (an anti-aliased slope, not
    stair steps); each 8-connected part on its own."""
    count, labels = cv2.connectedComponents(shut.astype(np.uint8), connectivity=8)
    ys, xs = np.mgrid[0:shut.shape[0], 0:shut.shape[1]]
    out = shut.astype(np.float32)
    for label in range(1, count):
        part = labels == label
        towards = 1.0 if xs[part].mean() < neck else -1.0  # +1: the neck lies right of the part
        height = ys + towards * slope * xs  # constant along a line rising towards the neck
        below = (height - height[part].min()) / np.hypot(1.0, slope)  # px under the line, across it
        share = np.clip(0.5 + below / FEATHER, 0.0, 1.0)
        inward = xs * towards <= (xs[part] * towards).max()
        out = np.maximum(out, share * (region & inward & (ys <= ys[part].max())))
    return out


def inside_colour(photo: np.ndarray, dark: np.ndarray, kept: np.ndarray, tone: np.ndarray, box: tuple[slice, slice],
                  fill: Callable[[np.ndarray, np.ndarray], np.ndarray], face_px: float) -> np.ndarray:
    """(h, w, 3) float32 RGB: the collar's inside: the neck's tone (`tone`, (n, m, 3) float32 RGB on `box`, (rows,
    columns) with starts, carried on past it by `fill`, `layers.fill_hole`) shaded towards the colour of the photo's
    collar (the person the plate keeps, `kept`, (h, w) bool, less the photo's dark ring, `dark`, (h, w) bool, on
    `photo`, (h, w, 3) uint8 RGB, carried on off it by `fill`) by up to `INNER_SHARE` within `INNER` face sizes
    (`face_px` px) of the collar, smoothed over `GRAIN_PX`."""
    on_box = np.zeros(kept.shape, np.float32)
    on_box[box] = 1.0
    laid = np.zeros((*kept.shape, 3), np.float32)
    laid[box] = tone
    toned = fill(laid, on_box)
    roll = fill(photo, (kept & ~dark).astype(np.float32))
    to_kept = cv2.distanceTransform((~kept).astype(np.uint8), cv2.DIST_L2, 5)
    share = INNER_SHARE * np.clip(1 - to_kept / (INNER * face_px), 0, 1)
    return cv2.GaussianBlur(toned + share[..., None] * (roll - toned), (0, 0), GRAIN_PX)
