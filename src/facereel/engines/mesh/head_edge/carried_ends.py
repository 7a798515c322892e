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
run at least `_RUN` face sizes wide and no steeper than `_STEEP` (a steep run is the head's side cut:
`steep_runs`), the highest of their column, are carried; the others fade as before. Decided
per frame, the carried hair still comes and goes where the map cuts the hair on one frame and squeezes it (no cut)
on the next (lp_d12 shakes her head 20-50 px a frame); `figures.hair_pops` given the targets reads it beyond the
head's own motion. So a squeezed end is carried too (`take_squeezes`): where the drawn hair beside the face ends
with no cut but the map has pressed the photo's hair into its last `_SQUEEZE_SPAN` face sizes (`_SQUEEZE` source
rows a row, in a run `_SQUEEZE_RUN` wide), that squeezed hair is taken out and carried on from the squeeze's top.
Beside a run's end the carried hair reaches up to the drawn head's own lower end (`beside_gaps`), so no wedge of
wall shows between them. Where the head's own outline lies over carried hair, the photo's wall-coloured fringe drawn
there is taken out under it (`fringe_over_carried`: no light line across the hair, `figures.light_line`). The cuts
not carried are faded before the hair is carried (their fade, read at the map's sources, thinned the hair carried
beside a cut jaw), and beside a run's end, where the carried source reaches the photo's face oval, the hair mirrored
about the end column fills in (`mirrored_beside`): no sliver of wall between the carried hair and the moved jaw
(`figures.wall_sliver`).
"""

from __future__ import annotations

import math

import cv2
import numpy as np

from facereel.engines.mesh.composite import padded_box
from facereel.engines.mesh.draw_kernels import BILINEAR_WEIGHTS, carry_pixels, cut_steps
from facereel.engines.mesh.geometry.head_proxy import smoothstep
from facereel.engines.mesh.head_edge.soft_ends import _HIGH, _LOW, SoftEnds

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
_SQUEEZE = (1.5, 3.0)
"""Source rows a drawn row over `_SQUEEZE_SPAN` above a drawn hair end: a squeeze carried. lp_s1 x lp_d12's left hair
1.7-2.3 (median of a run); more is a fold, not hair hanging: grace_hopper's collar on preset:turn 5.6, lp_s0's 3.0-3.3,
lp_s1 x lp_d12's right hair over the collar (frame 181) 4.5."""
_SQUEEZE_SPAN = 0.06  # face sizes: the squeeze is read over this far above the drawn end
_SQUEEZE_RUN = 0.06
"""Face sizes: a squeeze carried is a run at least this wide (lp_s1 x lp_d12's left hair 0.065-0.14; preset:turn's
squeezes on grace_hopper, lp_s0 and lp_s1's left hair 0.035-0.065, left as drawn)."""
_SQUEEZE_MOVE = 0.08
"""Face sizes: a squeeze carried lies this far below its source at least (its head moved down: lp_s1 x lp_d12's left
hair 0.08-0.17 on frames 23, 56, 80, 119-123, 175); preset:turn's squeezes, lp_s1's right hair 0.075 (frame 26) and
lp_s0's 0.06 (frame 11), drew the photo's matted wall beside the hair as a light box or a dark streak over the neck."""
_EDGE = 2  # px: below a squeezed end, the photo's light outline is taken out too
_LIFT = 0.1  # face sizes: beside a run, the carried hair reaches at most this far up to the drawn head's end
_FRINGE = 0.04
"""Face sizes: the photo's head layer within this of its own outline (either side) is its fringe: the person mask is
grown by 2 % of the face height, so the hair's outline over a light wall is wall-coloured pixels at alpha 0.9-1 going
over to the hair within 4-6 px (lp_s1's left hair at 512 px, 0.025-0.035 face sizes: grey 234, 224, 205, 165, 113).
Drawn over carried hair (the head's own lower outline, the photo's hair outline moved by the map: lp_s1 x lp_d12
frames 24, 78, 122, 175) it showed as a 1-3 px light line; 0.025 left the line's inner pixels (grey 180) on frame 78;
there the carried hair is drawn in front of it (`fringe_over_carried`)."""
_GAP = 5  # px: cut pixels closer than this (either way) are one run
_STEEP = 1.0
"""Rows a column at most over a carried run (its rows' span over its columns'): a hanging hair end is cut across the
hair (lp_s1 x lp_d12's runs 0-0.71 at 512). A steeper run is the side of the head cut by the still rings it moved
sideways into (sr_8 x sr_1 frames 50-61 at 512: 1.2-3.1, the far cheek's outline over the wall; sr_8 x lp_d12 79-82:
1.1-2.1); carried down column by column from its steps, it drew thin vertical streaks over the wall beside the cheek
(`figures.side_streaks`). Such runs are faded as the cuts not carried are."""
_MIRROR = 0.08
"""Face sizes: beside a run's end, the hair is mirrored (`mirrored_beside`) at most this far across: the sliver of
wall between the carried hair and the moved jaw is 3-10 px (0.02-0.06 face sizes) on lp_s1 x lp_d12 frames 78,
121-127, 176-182."""


def long_runs(rows: np.ndarray, cols: np.ndarray, shape: tuple[int, int], least: float) -> np.ndarray:
    """(K,) int: each cut's run (`rows`, `cols` (K,) int on a box of `shape`), 0 for none: a run is cut pixels under
    `_GAP` px apart (a cut line steps by a few rows) at least `least` px wide, and each column keeps only its
    highest cut (a second cut below it is carried by the first)."""
    if not len(rows):
        return np.zeros(0, np.intp)
    # The runs are found on the cuts' own box grown by `_GAP` px (the dilation's reach), not the whole box: the same
    # runs, numbered in the same (raster) order.
    box = padded_box(rows, cols, _GAP, shape)
    r0, c0 = box[0].start, box[1].start
    marks = np.zeros((box[0].stop - r0, box[1].stop - c0), np.uint8)
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
    a = maps.shape[1]
    row = np.maximum(rows - _ABOVE, 1)
    left, right = np.maximum(cols - 1, 0), np.minimum(cols + 1, a - 1)
    across = np.median((maps[row, right] - maps[row, left]) / np.maximum(right - left, 1)[:, None], axis=0)
    down = np.median(maps[row, cols] - maps[row - 1, cols], axis=0)
    return np.float32([across if across[0] > 0.25 else (1.0, 0.0), down if down[1] > 0.25 else (0.0, 1.0)])


def carry(ends: SoftEnds, head: np.ndarray, maps: np.ndarray, cuts: tuple[np.ndarray, np.ndarray],
          layer: np.ndarray, row0: int = 0) -> None:
    """Draws `head` ((b, a, 4) float32, premultiplied colour and alpha on a box; `maps` (b, a, 2) float32, each
    pixel's source position, crop px) on below its `cuts` (rows, columns (K,) int, `SoftEnds.cuts`) in place,
    behind what it draws there, from `layer` ((h, w, 4) float32, the photo's premultiplied head layer on the
    crop) down to where the photo's hair ends; the squeezed ends (`take_squeezes`; `row0`: the box's first row on
    the crop) too. The cuts not carried are faded (`SoftEnds.soften`) before the carried hair is drawn, so that
    their fade (read at the map's sources: the wall's beside a cut jaw) leaves the carried hair as drawn (lp_s1 x
    lp_d12 frame 78: the jaw's cut faded the hair carried beside it into a light sliver)."""
    b, a = head.shape[:2]
    ys, xs = cuts
    h, w = ends.hair.shape
    source = np.rint(maps[ys, xs]).astype(np.intp)
    in_hair = ends.hair[np.clip(source[:, 1], 0, h - 1), np.clip(source[:, 0], 0, w - 1)] > 0
    run = np.zeros(len(ys), np.intp)  # on the photo's hair beside the face, in a long run
    run[in_hair] = long_runs(ys[in_hair], xs[in_hair], (b, a), _RUN * ends.face_px)
    run[np.isin(run, steep_runs(run, ys, xs))] = 0
    squeezes = take_squeezes(ends, head, maps, layer, row0)
    ends.soften(head, maps, (ys[run == 0], xs[run == 0]))
    for label in np.unique(run[run > 0]):
        carry_run(ends, head, maps, ys[run == label], xs[run == label], layer)
    for ry, rx in squeezes:
        carry_run(ends, head, maps, ry, rx, layer)


def steep_runs(run: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """(R,) int: the labels of the runs (`run` (K,) int per cut, 0 for none; `rows`, `cols` (K,) int) whose rows
    span more than `_STEEP` times their columns': the side of the head cut, not a hanging end."""
    labels = np.unique(run[run > 0])
    steep = [label for label in labels
             if np.ptp(rows[run == label]) > _STEEP * (np.ptp(cols[run == label]) + 1)]
    return np.asarray(steep, np.intp)


def squeezed_ends(ends: SoftEnds, head: np.ndarray, maps: np.ndarray, row0: int) -> tuple[np.ndarray, np.ndarray]:
    """Rows and columns (K,) int of the squeezes' tops: where the drawn hair beside the face ends (alpha at least
    `_HIGH` above under `_LOW`, drawn from `SoftEnds.hair`) with no cut, the map having squeezed the photo's hair
    into it (over the `_SQUEEZE_SPAN` face sizes above the end, at least `_SQUEEZE` source rows a row) as the head
    moved down (that row drawn at least `_SQUEEZE_MOVE` face sizes below its source; `row0`: the box's first row on
    the crop), the row `_SQUEEZE_SPAN` above that end."""
    alpha = head[..., 3]
    span = max(2, round(_SQUEEZE_SPAN * ends.face_px))
    ys, xs = cut_steps(alpha[span:], np.float32(_HIGH), np.float32(_LOW))
    ys = ys + span
    h, w = ends.hair.shape
    source = np.rint(maps[ys, xs]).astype(np.intp)
    in_hair = ends.hair[np.clip(source[:, 1], 0, h - 1), np.clip(source[:, 0], 0, w - 1)] > 0
    rate = (maps[ys, xs, 1] - maps[ys - span, xs, 1]) / span
    moved = ys - span + row0 - maps[ys - span, xs, 1] >= _SQUEEZE_MOVE * ends.face_px
    keep = in_hair & (rate >= _SQUEEZE[0]) & (rate <= _SQUEEZE[1]) & moved
    return ys[keep] - span, xs[keep]


def take_squeezes(ends: SoftEnds, head: np.ndarray, maps: np.ndarray, layer: np.ndarray,
                  row0: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """The squeezed hair ends (`squeezed_ends`) in runs at least `_SQUEEZE_RUN` face sizes wide, to be carried as
    cuts are: the hair `head` draws from each run's top line (rows interpolated between its columns) down to
    `_EDGE` px below its end is taken out, in place. Returns each run's tops (rows, columns (K,) int), for
    `carry_run`."""
    b, a = head.shape[:2]
    ys, xs = squeezed_ends(ends, head, maps, row0)
    run = long_runs(ys, xs, (b, a), _SQUEEZE_RUN * ends.face_px)
    h, w = ends.hair.shape
    span = max(2, round(_SQUEEZE_SPAN * ends.face_px))
    runs = []
    for label in np.unique(run[run > 0]):
        ry, rx = ys[run == label], xs[run == label]
        order = np.argsort(rx)
        columns = np.arange(rx.min(), rx.max() + 1)
        top = np.ceil(np.interp(columns, rx[order], ry[order])).astype(np.intp)
        y0, y1 = int(top.min()) + 1, min(b, int(top.max()) + span + _EDGE + 1)
        rows = np.arange(y0, y1)[:, None]
        squeezed = (rows > top) & (rows <= top + span + _EDGE)  # (rows, columns): the squeeze and its outline
        source = np.rint(maps[y0:y1, columns]).astype(np.intp)
        at = np.clip(source[..., 1], 0, h - 1), np.clip(source[..., 0], 0, w - 1)
        hair = ends.hair[at] * (layer[..., 3][at] >= _HIGH) * squeezed
        head[y0:y1, columns] *= (1 - hair)[..., None]
        runs.append((ry, rx))
    return runs


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
    y1 = min(b, int(ys.max()) + pad + 1)
    columns = np.arange(x0, x1)
    anchor = np.clip(columns, xs[0], xs[-1])  # (m,) the cut line's column each column is carried from
    top = np.interp(anchor, xs, ys).astype(np.float32)
    start = np.stack([np.interp(anchor, xs, maps[ys, xs, k]) for k in (0, 1)], 1).astype(np.float32)  # (m, 2)
    dx = (columns - anchor).astype(np.float32)  # (m,) px beside the run's end
    steps = map_steps(maps, ys, xs)
    above = max(0, int(np.floor(top.min())) - math.ceil(_LIFT * ends.face_px))
    fringe = drawn_fringe(ends, maps[above:y1, x0:x1], layer)  # (n, m) float32
    solid = head[above:y1, x0:x1, 3] * (1 - fringe)  # the gaps are read on the run's window only
    lift = beside_gaps(solid, top - above, dx != 0, _LIFT * ends.face_px)
    top -= lift
    start -= lift[:, None] * steps[1]  # the same sources, drawn from higher up
    y0 = int(np.floor(top.min()))
    fade = np.float32([_FADE * reach, max(reach - _FADE * reach, 1e-6)])  # `smoothstep`'s start and span, px
    drawing = (top, dx, start, steps, np.float32(reach), fade, ends.soft_hair[..., None], layer, BILINEAR_WEIGHTS)
    fringe_over_carried(head[y0:y1, x0:x1], fringe[y0 - above:], drawing)
    carry_pixels(head, y0, x0, y1 - y0, *drawing)
    mirrored_beside(ends, head[y0:y1, x0:x1], y0, drawing)


def mirrored_beside(ends: SoftEnds, window: np.ndarray, y0: int, drawing: tuple) -> None:
    """Beside a run's end, where the carried source (`drawing`: `carry_pixels`' arguments from its `top` on, `top`
    rows on the box; `window` (n, m, 4) float32, the head's premultiplied layer from row `y0` of the box on the
    run's columns) reaches the photo's face oval (`SoftEnds.soft_hair` under 1 there), the photo's hair mirrored
    about the run's end column (dx -> -dx) is laid behind, in place, as far as the own source is off the hair: the
    sliver of wall between the carried hair and the moved jaw (lp_s1 x lp_d12 frames 78, 121-127: the face moved
    and grew more than the hair beside it) shows hair. Nothing on the run's own columns nor past `_MIRROR` face
    sizes beside them (under the chin, the neck)."""
    top, dx, start, steps, reach, fade, _, layer, _ = drawing
    columns = np.nonzero((dx != 0) & (np.abs(dx) <= _MIRROR * ends.face_px))[0]
    if not len(columns):
        return
    dy = np.arange(y0, y0 + len(window), dtype=np.float32)[:, None] - top[columns][None]  # (n, k)
    across = np.broadcast_to(dx[columns][None], dy.shape)
    distance = np.hypot(across, dy)
    own = start[columns][None] + across[..., None] * steps[0] + dy[..., None] * steps[1]  # (n, k, 2)
    mirror = (start[columns][None] - across[..., None] * steps[0] + dy[..., None] * steps[1]).astype(np.float32)
    own_hair = cv2.remap(ends.soft_hair, own.astype(np.float32), None, cv2.INTER_LINEAR, borderValue=1.0)
    mirror_hair = cv2.remap(ends.soft_hair, mirror, None, cv2.INTER_LINEAR, borderValue=0.0)
    taken = cv2.remap(layer, mirror, None, cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=0)
    faded = 1 - smoothstep(fade[0], fade[0] + fade[1], distance)
    weight = (dy >= 0) * (distance <= reach) * (1 - own_hair) * mirror_hair * faded
    if not weight.any():
        return
    part = window[:, columns]
    part += (1 - part[..., 3:]) * (weight[..., None] * taken)
    window[:, columns] = part


def drawn_fringe(ends: SoftEnds, maps: np.ndarray, layer: np.ndarray) -> np.ndarray:
    """(n, m) float32, 1 where a drawn pixel (`maps` (n, m, 2) float32, its source position, crop px) shows the photo's
    fringe (`SoftEnds.fringe` of `layer`'s alpha, (h, w, 4) float32 on the crop; nearest sample), else 0."""
    fringe = ends.fringe(layer[..., 3], _FRINGE)
    h, w = fringe.shape
    source = np.rint(maps).astype(np.intp)
    return fringe[np.clip(source[..., 1], 0, h - 1), np.clip(source[..., 0], 0, w - 1)].astype(np.float32)


def fringe_over_carried(window: np.ndarray, fringe: np.ndarray, drawing: tuple) -> None:
    """Takes the drawn fringe pixels (`fringe` (n, m) float32, `drawn_fringe`) of `window` ((n, m, 4) float32, the
    head's premultiplied layer where a run is carried, its top row that of the carried top's highest pixel) out in
    place in proportion to the carried hair's cover there (`drawing`: `carry_pixels`' arguments from its `top` on,
    `top` rows on the box), so the carried hair laid behind them shows through: the photo's wall-coloured outline
    pixels no longer draw a light line over it. Nothing where the window shows no fringe."""
    rows, cols = np.nonzero(fringe.any(1))[0], np.nonzero(fringe.any(0))[0]
    if not len(rows):
        return
    n, c0, c1 = rows[-1] + 1, cols[0], cols[-1] + 1  # the cover is drawn on the fringe's rows and columns only
    top, dx, start, *rest = drawing
    carried = np.zeros((n, c1 - c0, 4), np.float32)
    carry_pixels(carried, 0, 0, n, top[c0:c1] - np.floor(top.min()), dx[c0:c1], start[c0:c1], *rest)
    window[:n, c0:c1] *= (1 - fringe[:n, c0:c1] * carried[..., 3])[..., None]


def beside_gaps(alpha: np.ndarray, top: np.ndarray, beside: np.ndarray, most: float) -> np.ndarray:
    """(m,) float32 px: in each of the `beside` columns ((m,) bool), how far above its carried top (`top` (m,)
    float32 rows, at least 0, under the last row) the drawn head (`alpha` (n, m) float32, on the run's columns) ends,
    if within `most` px: the wall seen there between the head's own lower outline and the hair carried from the
    run's end (lp_s1 x lp_d12 frames 21-23, 78: a light wedge along the cut) is carried over too. 0 elsewhere.
    All columns at once: the rows from each top upward, those above the window's first left out."""
    lift = np.zeros(len(top), np.float32)
    reach = max(1, math.ceil(most))
    cols = np.flatnonzero(beside)
    rows = np.ceil(top[cols]).astype(np.intp)[:, None] - 1 - np.arange(reach)  # (k, reach) upward from the top
    above = (rows >= 0) & (alpha[np.maximum(rows, 0), cols[:, None]] >= _HIGH)
    found = above.any(1)
    lift[cols[found]] = np.argmax(above[found], 1)
    return lift
