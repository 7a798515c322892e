"""Carried ends: the moved hair's cut lower ends drawn on down to where the photo's hair ends (issue #9).

On a big move down (lp_s1 x lp_d12 frames 54-62, 138-147, 170-182) the head layer ends inside the hair where
the map stops following the head: below that line the rings stay with the wall. `soft_ends` found those cuts
and faded the hair out above them, so the faded end showed the plate's smooth fill (a grey-blue smudge over the
collar). Here (`MeshOptions.carried_ends`, on by default) the map just above the cuts (`SoftEnds.cuts`) is carried on
below them: each pixel below a run of cuts, within `REACH` face sizes of the cut line in its column (or of the
run's end, beside it), is drawn from the photo where that cut's source, carried on by the map's own steps across and
down just above the cuts, lands; the photo's hair ends there with its own soft outline. The carried hair lies behind what the frame already draws there
(the jaw, hair the map still moves), is kept to the photo's hair beside the face (`SoftEnds.soft_hair`) and fades
out over the last fifth of the reach where the photo's hair goes on further. Only cuts drawn from that hair, in a
run at least `_RUN` face sizes wide, the highest of their column, are carried; the others fade as before. Decided
per frame, the carried hair still comes and goes where the map cuts the hair on one frame and squeezes it (no cut)
on the next (lp_d12 shakes her head 20-50 px a frame); `figures.hair_pops` given the targets reads it beyond the
head's own motion. Left: a sliver of wall between the carried hair and the moved jaw, where the carried source
reaches the photo's face oval.
"""

from __future__ import annotations

import math

import cv2
import numpy as np

from facereel.engines.mesh.draw_kernels import BILINEAR_WEIGHTS, carry_pixels
from facereel.engines.mesh.soft_ends import SoftEnds

REACH = 0.5
"""Face sizes: a cut hair end is carried at most this far below the cut."""
_ABOVE = 2  # px: the map's steps are read this many px above the cut
_FADE = 0.8  # the carried hair fades out from this share of `REACH` to its end
_RUN = 0.03
"""Face sizes: a cut carried is a run of cut pixels at least this wide. 0.1 (the seventeenth session) left runs of
0.04-0.09 face sizes cut on the frames between carried ones (lp_s1 x lp_d12's right hair 134-135, 138, 146, 149; the
left 22-23, 78): the hair popped on and off with the run's width; none of sr_18's, grace_hopper's or the
astronaut's cuts (preset:turn, lp_d12) lie on the photo's hair beside the face (`SoftEnds.hair`): that rule, not the
width, keeps their short runs along a turned cheek (thin streaks over the sky) from being carried."""
_GAP = 5  # px: cut pixels closer than this (either way) are one run


def long_runs(rows: np.ndarray, cols: np.ndarray, shape: tuple[int, int], least: float) -> np.ndarray:
    """(K,) int: each cut's run (`rows`, `cols` (K,) int on a box of `shape`), 0 for none: a run is cut pixels under
    `_GAP` px apart (a cut line steps by a few rows) at least `least` px wide, and each column keeps only its
    highest cut (a second cut below it is carried by the first)."""
    if not len(rows):
        return np.zeros(0, np.intp)
    # The runs are found on the cuts' own box grown by `_GAP` px (the dilation's reach), not the whole box: the same
    # runs, numbered in the same (raster) order.
    r0, c0 = max(0, int(rows.min()) - _GAP), max(0, int(cols.min()) - _GAP)
    r1, c1 = min(shape[0], int(rows.max()) + _GAP + 1), min(shape[1], int(cols.max()) + _GAP + 1)
    marks = np.zeros((r1 - r0, c1 - c0), np.uint8)
    marks[rows - r0, cols - c0] = 1
    _, label, stats, _ = cv2.connectedComponentsWithStats(cv2.dilate(marks, np.ones((_GAP, _GAP), np.uint8)))
    run = label[rows - r0, cols - c0]
    run[stats[run, cv2.CC_STAT_WIDTH] - (_GAP - 1) < least] = 0
    top = np.full(shape[1], shape[0], np.intp)
    np.minimum.at(top, cols[run > 0], rows[run > 0])
    run[rows != top[cols]] = 0
    return run


def map_steps(maps: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """(2, 2) float32, source px per frame px across (row 0) and down (row 1): the medians over the cuts
    (`rows`, `cols` (K,) int, each an upper pixel) of the map's (`maps` (b, a, 2) float32, crop px) steps
    `_ABOVE` px above them; a step down that does not go down (a squeeze or a fold above the cut) is straight
    down, a step across that does not go across is straight across (1 px per px)."""
    b, a = maps.shape[:2]
    row = np.maximum(rows - _ABOVE, 1)
    left, right = np.maximum(cols - 1, 0), np.minimum(cols + 1, a - 1)
    across = np.median((maps[row, right] - maps[row, left]) / np.maximum(right - left, 1)[:, None], axis=0)
    down = np.median(maps[row, cols] - maps[row - 1, cols], axis=0)
    return np.float32([across if across[0] > 0.25 else (1.0, 0.0), down if down[1] > 0.25 else (0.0, 1.0)])


def carry(ends: SoftEnds, head: np.ndarray, maps: np.ndarray, cuts: tuple[np.ndarray, np.ndarray],
          layer: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Draws `head` ((b, a, 4) float32, premultiplied colour and alpha on a box; `maps` (b, a, 2) float32, each
    pixel's source position, crop px) on below its `cuts` (rows, columns (K,) int, `SoftEnds.cuts`) in place,
    behind what it draws there, from `layer` ((h, w, 4) float32, the photo's premultiplied head layer on the
    crop) down to where the photo's hair ends. Returns the cuts not carried (rows, columns), for
    `SoftEnds.soften`."""
    b, a = head.shape[:2]
    ys, xs = cuts
    h, w = ends.hair.shape
    source = np.rint(maps[ys, xs]).astype(np.intp)
    in_hair = ends.hair[np.clip(source[:, 1], 0, h - 1), np.clip(source[:, 0], 0, w - 1)] > 0
    run = np.zeros(len(ys), np.intp)  # on the photo's hair beside the face, in a long run
    run[in_hair] = long_runs(ys[in_hair], xs[in_hair], (b, a), _RUN * ends.face_px)
    for label in np.unique(run[run > 0]):
        carry_run(ends, head, maps, ys[run == label], xs[run == label], layer)
    return ys[run == 0], xs[run == 0]


def carry_run(ends: SoftEnds, head: np.ndarray, maps: np.ndarray, ys: np.ndarray, xs: np.ndarray,
              layer: np.ndarray) -> None:
    """`carry` for one run of cuts (`ys`, `xs` (K,) int, one per column): below the run each column is carried on
    from the cut line (rows and sources interpolated across the columns between cuts), beside it from the run's
    end column, by the map's steps (`map_steps`), within `REACH` face sizes of that anchor."""
    b, a = head.shape[:2]
    order = np.argsort(xs)
    ys, xs = ys[order], xs[order]
    reach = REACH * ends.face_px
    pad = math.ceil(reach)
    x0, x1 = max(0, int(xs[0]) - pad), min(a, int(xs[-1]) + pad + 1)
    y0, y1 = int(ys.min()), min(b, int(ys.max()) + pad + 1)
    columns = np.arange(x0, x1)
    anchor = np.clip(columns, xs[0], xs[-1])  # (m,) the cut line's column each column is carried from
    top = np.interp(anchor, xs, ys).astype(np.float32)
    start = np.stack([np.interp(anchor, xs, maps[ys, xs, k]) for k in (0, 1)], 1).astype(np.float32)  # (m, 2)
    dx = (columns - anchor).astype(np.float32)  # (m,) px beside the run's end
    fade = np.float32([_FADE * reach, max(reach - _FADE * reach, 1e-6)])  # `smoothstep`'s start and span, px
    carry_pixels(head, y0, x0, y1 - y0, top, dx, start, map_steps(maps, ys, xs), np.float32(reach), fade,
                 ends.soft_hair[..., None], layer, BILINEAR_WEIGHTS)
