"""The inside of a collar beside a head shifted sideways (issue #9; docs/mesh-engine.md "The wall beside a head
shifted sideways").

lp_s6 (a statue on a white wall, its chin resting on its collar) at 512 px x lp_d12 140-179, frames 22-34: the head
moves up and right, and left of the moved chin the plate's fill between the collar's roll and the neck column (the rows
under the collar's leftmost top, which reach the wall only through the collar: `shifted_wall.open_to`) stood as a
blurred brown band whose top was one straight row against the wall laid above it (`figures.tone_ledge`). Given to the
wall, it read as the wall seen through the collar (`figures.walled_in`). It is the collar's inside: there
`BesideWall` lays `inside_colour`, the neck's tone laid under the ear shaded towards the collar's dark ring near the
collar (`INNER`, `INNER_SHARE`), under a top that rises from the collar's top towards the neck at `SLOPE`
(`under_slope`), so the wall above meets it along a slant rather than one row.
"""

from __future__ import annotations

from collections.abc import Callable

import cv2
import numpy as np

INNER = 0.4
"""Face sizes from the photo's kept person (the collar) over which the collar's dark ring colour fades into the neck's
tone (at 0.05-0.2 the fade stepped by 8 grey levels and more every two rows above lp_s6's collar tip, a straight
ledge to `figures.tone_ledge` again)."""
INNER_SHARE = 0.6
"""The share of the dark ring's colour beside the collar (all of it stood as a black blob beside the neck)."""
SLOPE = 1.0
"""Rows per column the top of the collar's inside rises towards the neck (45 degrees: `tone_ledge` reads a run of
2-3 columns along it)."""


def under_slope(shut: np.ndarray, region: np.ndarray, neck: float, slope: float) -> np.ndarray:
    """(h, w) bool: `shut` ((h, w) bool) and the pixels of `region` ((h, w) bool) under the lowest line rising towards
    the neck's column `neck` (px) at `slope` (rows per column) that has all of a part of `shut` under it, not past the
    part's end towards the neck nor below its bottom row; each 8-connected part on its own."""
    count, labels = cv2.connectedComponents(shut.astype(np.uint8), connectivity=8)
    ys, xs = np.mgrid[0:shut.shape[0], 0:shut.shape[1]]
    out = shut.copy()
    for label in range(1, count):
        part = labels == label
        towards = 1.0 if xs[part].mean() < neck else -1.0  # +1: the neck lies right of the part
        height = ys + towards * slope * xs  # constant along a line rising towards the neck
        inward = xs * towards <= (xs[part] * towards).max()
        out |= region & inward & (ys <= ys[part].max()) & (height >= height[part].min())
    return out


def inside_colour(photo: np.ndarray, dark: np.ndarray, kept: np.ndarray, tone: np.ndarray, box: tuple[slice, slice],
                  fill: Callable[[np.ndarray, np.ndarray], np.ndarray], face_px: float) -> np.ndarray:
    """(h, w, 3) float32 RGB: the collar's inside: the neck's tone (`tone`, (n, m, 3) float32 RGB on `box`, (rows,
    columns) with starts, carried on past it by `fill`, `layers.fill_hole`) shaded towards the colour of the photo's
    dark ring (`dark`, (h, w) bool, on `photo`, (h, w, 3) uint8 RGB) by up to `INNER_SHARE` within `INNER` face sizes
    (`face_px` px) of the person the plate keeps (`kept`, (h, w) bool)."""
    on_box = np.zeros(kept.shape, np.float32)
    on_box[box] = 1.0
    laid = np.zeros((*kept.shape, 3), np.float32)
    laid[box] = tone
    toned = fill(laid, on_box)
    ring = fill(photo, dark.astype(np.float32))
    to_kept = cv2.distanceTransform((~kept).astype(np.uint8), cv2.DIST_L2, 5)
    share = INNER_SHARE * np.clip(1 - to_kept / (INNER * face_px), 0, 1)
    return toned + share[..., None] * (ring - toned)
