"""The neck plate's hole end softened where a dark line lies under it: the ghost jaw (issue #9).

Above the plate's hole's lower edge (`neck.NeckWarp.hole_end`) the neck plate is the shadowed neck tone, below
it the photo, whose jaw casts a dark line there that the photo's chin covered. A raised, turned head uncovers
that step as a second jaw line across the neck (grace_hopper, sr_18 x preset:turn frames 35-43,
`figures.neck_ghost`). `soften_hole_end` blurs the plate down its columns just above the end, in full at the
end and none `2 x BLEND` face sizes above it (the photo below untouched), and lays the photo's neck shading
(its band-pass, read `SHADING_SHIFT` face sizes lower, as it moves with the neck) over the blurred rows, so
the step is a gradient but the band is not a flat tone; only in the columns where the photo shows a dark line
on the neck's skin just below the end (`dark_line`; not a collar or clothes against the chin, lp_s12), or where
such a line's crease goes on just above the end (`followed`: sr_18 right of its chin). Made once per source with the
neck plate (`layers.HeadLayer`). `into_clothes` then fades the tone's last rows into the clothes' colour where
clothes darker than it, not neck skin, lie below its end (sr_8's hoodie under her raised chin).
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.geometry.head_proxy import smoothstep

BLEND = 0.03
"""Face sizes: the sigma of the vertical blur above the hole's end."""
SHADING_BAND = (0.02, 0.04)
"""Face sizes: the Gaussian sigmas whose difference is the neck's shading laid back over the blurred rows."""
SHADING_SHIFT = 0.12
"""Face sizes below each blurred row from which the shading is read (the neck's plain part, past the line)."""
LINE_REACH = (0.04, 0.1)
"""Face sizes below the hole's end: the dark line is looked for above the first, the neck it is darker than
between the two."""
LINE_DEPTH = (40.0, 70.0)
"""Lightness (OpenCV's 8-bit L) by which the line is darker than the neck below it: none of the softening
at the first, all from the second."""
NECK_SHARE = (0.5, 0.8)
"""Share of the window below the line that is skin: none of the softening at the first, all from the second."""
FOLLOW_UP = 0.03
"""Face sizes above the hole's end into which a lined column's line is followed along the jaw (`followed`: right of
sr_18's chin its crease rises 2-5 px above the end, where the neck below it is itself in the jaw's shadow)."""
FOLLOW_FROM = 0.5
"""The gate from which a column's line is followed into its neighbours (`followed`)."""
CLOTHES_STEP = (15.0, 30.0)
"""Lightness (OpenCV's 8-bit L) by which the neck plate just above the tone's end is lighter than the clothes
just below it (`into_clothes`): none of the fade at the first, all from the second."""
CLOTHES_SKIN = (0.1, 0.3)
"""Share of `LINE_REACH`'s window below the tone's end that is skin (`into_clothes`): all of the fade at the first,
none from the second (sr_8's hoodie: 0; grace_hopper's jaw shadow under her chin, lit neck 0.05 face sizes below
the end: 0.4-0.6)."""
ACROSS_NECK = 0.15
"""Face sizes: the narrowest run of columns along which the tone's end over clothes is faded (`into_clothes`): a
step across the neck (sr_8's hoodie under her chin: 0.22), not the neck's side meeting its collar beside the real
neck's (sr_18's jaw angle over its shirt collar, preset:turn 40-46: 0.08)."""


def lightness(image: np.ndarray) -> np.ndarray:
    """(h, w) float32 OpenCV 8-bit L of `image` ((h, w, 3) uint8 RGB)."""
    return cv2.cvtColor(np.ascontiguousarray(image), cv2.COLOR_RGB2LAB)[..., 0].astype(np.float32)


def dark_line(grey: np.ndarray, hole_end: np.ndarray, skin: np.ndarray, face_px: float) -> np.ndarray:
    """(m,) float32 in [0, 1] per column: how much the photo (`grey`, (h, m) float32, the lightness of the
    crop's columns under the neck box, `lightness`) shows a
    jaw's dark line on the neck just below the hole's end (`hole_end`, (m,) crop rows): the darkest lightness
    within `LINE_REACH[0]` face sizes under the end against the median of the neck's skin between
    `LINE_REACH`, mapped by `LINE_DEPTH`; none where that window is mostly not skin (`skin`, (h, m) float32
    in [0, 1], the crop's skin likeness in those columns, `NeckWarp.skin_columns`: a collar or clothes
    against the chin); and the line followed on from there where it rises above the end (`followed`)."""
    ys = np.arange(grey.shape[0], dtype=np.float32)[:, None]
    below = ys - hole_end[None]
    zone = np.where((below >= 0) & (below < LINE_REACH[0] * face_px), grey, np.inf)
    line, row = zone.min(0), zone.argmin(0)
    window = (below >= LINE_REACH[0] * face_px) & (below < LINE_REACH[1] * face_px)
    neck = window & (skin > 0.5)
    share = smoothstep(*NECK_SHARE, neck.sum(0) / np.maximum(window.sum(0), 1))
    has = neck.any(0) & np.isfinite(line)
    depth = np.zeros(len(line), np.float32)
    if has.any():
        depth[has] = np.nanmedian(np.where(neck[:, has], grey[:, has], np.nan), 0) - line[has]
    gate = (smoothstep(*LINE_DEPTH, depth) * share).astype(np.float32)
    return followed(gate, grey, hole_end, row, line, share, face_px)


def followed(gate: np.ndarray, grey: np.ndarray, hole_end: np.ndarray, row: np.ndarray, line: np.ndarray,
             share: np.ndarray, face_px: float) -> np.ndarray:
    """(m,) float32: `gate` ((m,) float32, `dark_line`'s) where the line of a lined column (gate >= `FOLLOW_FROM`; its
    row `row` and lightness `line`, (m,)) goes on above the hole's end into its unlined neighbours: column by column
    from the lined run's ends, the darkest of the three rows beside the line's last row, between `FOLLOW_UP` face
    sizes above the end (`hole_end`, (m,) crop rows) and `LINE_REACH[0]` below it, as long as it lies above the end,
    is no lighter than the lined column's line, is a crease (`_crease_depth` within `LINE_REACH[0]`, mapped by
    `LINE_DEPTH`) and the neck below the end is skin (`share`, (m,), `NECK_SHARE` mapped); a followed column takes
    the lined column's gate times its crease and share. sr_18's crease right of its chin rises out of the end's
    reach and stays one line; a cast shadow's soft edge going on above the end (lp_s0, lp_s3) is no crease, and a
    dark line that does not continue a lined one is not taken. grey: (h, m) float32 lightness."""
    out = gate.copy()
    lo = np.ceil(hole_end - FOLLOW_UP * face_px).astype(int)
    hi = np.floor(hole_end + LINE_REACH[0] * face_px).astype(int)
    lined = gate >= FOLLOW_FROM
    reach = max(1, round(LINE_REACH[0] * face_px))
    for step in (-1, 1):
        for start in np.flatnonzero(lined):
            c = start + step
            if not 0 <= c < len(gate) or lined[c]:
                continue
            r, darkest, strength = int(row[start]), float(line[start]), float(gate[start])
            while 0 <= c < len(gate) and not lined[c] and share[c] > 0:
                rows = np.arange(max(r - 1, lo[c]), min(r + 1, hi[c]) + 1)
                if not len(rows):
                    break
                r = int(rows[np.argmin(grey[rows, c])])
                crease = smoothstep(*LINE_DEPTH, _crease_depth(grey[:, c], r, reach))
                if grey[r, c] > darkest or r >= hole_end[c] or crease <= 0:
                    break
                out[c] = max(out[c], strength * float(share[c] * crease))
                c += step
    return out.astype(np.float32)


def soften_hole_end(plate: np.ndarray, crop: np.ndarray, hole_end: np.ndarray, skin: np.ndarray,
                    box: tuple[slice, slice], face_px: float) -> np.ndarray:
    """(n, m, 3) float32: the neck plate on `box` (`plate`, (n, m, 3) float32; n rows from `box[0].start`)
    softened above the hole's end (`hole_end`, (m,) crop rows) in the dark-line columns (`dark_line`, with the
    skin likeness `skin`, (h, m) float32; module docstring); crop: (h, w, 3) uint8 RGB, the photo; face_px:
    the face size, px."""
    rows, cols = box
    grey = lightness(crop[:, cols])
    gate = dark_line(grey, hole_end, skin, face_px)
    if not gate.any():
        return plate
    sigma = max(1.0, BLEND * face_px)
    soft = cv2.GaussianBlur(plate, (0, 0), sigmaX=1e-3, sigmaY=sigma, borderType=cv2.BORDER_REPLICATE)
    weight = _end_ramp(hole_end, rows, sigma) * gate[None]
    fine, coarse = (cv2.GaussianBlur(grey, (0, 0), max(0.5, s * face_px)) for s in SHADING_BAND)
    ys = np.arange(rows.start, rows.stop)[:, None]
    read = np.clip(ys + round(SHADING_SHIFT * face_px), 0, grey.shape[0] - 1)
    shading = (fine - coarse)[read, np.arange(cols.stop - cols.start)[None]]  # (n, m)
    return (plate + weight[..., None] * (soft + shading[..., None] - plate)).astype(np.float32)


def _end_ramp(end: np.ndarray, rows: slice, sigma: float) -> np.ndarray:
    """(n, m) float32: 1 at an end (`end`, (m,) crop rows) down to 0 `2 x sigma` px above it, 0 below it, on the
    box's `rows`."""
    above = end[None] - np.arange(rows.start, rows.stop)[:, None]  # (n, m) rows above the end
    return (np.clip(1 - above / (2 * sigma), 0, 1) * (above >= 0)).astype(np.float32)


def tone_end(share: np.ndarray, rows: slice) -> np.ndarray:
    """(m,) float32 crop row per column: the first below the neck plate's tone (`share`, (n, m) float32 its share of
    the plate on the box's `rows`, `layers.HeadLayer`), the last row over 0.5 plus one; the box's top row where none."""
    over = share[::-1] > 0.5
    return (rows.start + np.where(over.any(0), len(share) - np.argmax(over, 0), 0)).astype(np.float32)


def into_clothes(plate: np.ndarray, photo: np.ndarray, end: np.ndarray, skin: np.ndarray, rows: slice,
                 face_px: float) -> np.ndarray:
    """(n, m, 3) float32: the neck plate on the box (`plate`, n rows from `rows.start`) faded, over `2 x BLEND` face
    sizes above the tone's end (`end`, (m,) crop rows, `tone_end`), into the colour of the photo's clothes just below
    it (their mean within `LINE_REACH[0]` face sizes), in the columns where no neck's skin lies below the end (`skin`,
    (h, m) float32; `CLOTHES_SKIN` of `LINE_REACH`'s window), the plate just above is lighter than those clothes
    (`CLOTHES_STEP`) and such columns run on across the neck (`ACROSS_NECK`). A raised chin over dark clothes against
    it (sr_8's hoodie, `edit --pitch -15`) uncovered the shadowed neck tone ending in a hard straight line there; a
    white collar (lp_s12's) is lighter, kept. photo: (h, m, 3) uint8 RGB, the crop's columns under the box."""
    grey = lightness(photo)
    below = np.arange(grey.shape[0], dtype=np.float32)[:, None] - end[None]
    near = (below >= 0) & (below < max(1.0, LINE_REACH[0] * face_px))
    window = (below >= 0) & (below < LINE_REACH[1] * face_px)
    bare = 1 - smoothstep(*CLOTHES_SKIN, (window & (skin > 0.5)).sum(0) / np.maximum(window.sum(0), 1))
    count = np.maximum(near.sum(0), 1)
    clothes = (near[..., None] * photo).sum(0) / count[:, None]  # (m, 3)
    last = np.clip(end.astype(int) - 1 - rows.start, 0, plate.shape[0] - 1)
    above = lightness(np.clip(plate[last, np.arange(plate.shape[1])], 0, 255).astype(np.uint8)[None])[0]
    step = above - (near * grey).sum(0) / count
    gate = _across(bare * smoothstep(*CLOTHES_STEP, step) * (end > rows.start) * near.any(0), face_px)
    if not gate.any():
        return plate
    weight = _end_ramp(end, rows, max(1.0, BLEND * face_px)) * gate[None]
    return (plate + weight[..., None] * (clothes[None] - plate)).astype(np.float32)


def _across(gate: np.ndarray, face_px: float) -> np.ndarray:
    """(m,) float32: `gate` ((m,) in [0, 1] per column) opened along the columns by `ACROSS_NECK` face sizes: none
    left on runs narrower than that."""
    size = max(1, round(ACROSS_NECK * face_px))
    return cv2.morphologyEx(gate.astype(np.float32)[None], cv2.MORPH_OPEN, np.ones((1, size), np.uint8))[0]


def _crease_depth(column: np.ndarray, row: int, reach: int) -> float:
    """Lightness by which `column` ((h,) float32) is darker at `row` than the lighter of the lightest rows within
    `reach` px above it and within `reach` px below it: the line's own depth, whatever the neck's level further
    down (sr_18's neck right of its chin is itself in the jaw's shadow)."""
    above, below = column[max(0, row - reach):row], column[row + 1:row + 1 + reach]
    if not len(above) or not len(below):
        return 0.0
    return float(min(above.max(), below.max()) - column[row])
