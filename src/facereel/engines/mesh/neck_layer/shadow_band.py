"""The jaw's thin shadow band on a lit neck: the neck's mirror reflects the band, not the lit neck past it (issue #9).

The neck's mirror (`neck._mirrored`) lays the photo's neck just below the plate's hole's end up across that end, as
far as the photo's neck skin goes on below it (`neck._neck_run`). Right of lp_s3's chin the photo's neck just below
the end is a thin dark band, the jaw's shadow on the neck's side, and past it the neck's lit front: the band passes
the skin test by its chroma, so the mirror went on into the lit front and laid it above the old jaw line, where a
head leaning up and aside (lp_d12 frames 8-12) uncovered it as a pale lobe with a light outline beside the chin
(`figures.neck_lobe`). Its strong lower edge also read as a collar's against the chin, so those columns showed no
neck to stretch up to the moved jaw (`neck.NeckWarp.collars`). Where the neck's run starts with such a band
(`band_end`), the mirror's run ends on the band's far side (what it reflects up there is the neck in the jaw's
shadow) and the neck is looked for past it. A cast shadow's far edge is soft (its penumbra, `SOFT`): a crease or
the jaw's dark outline under a turned jaw (sr_18's), as deep against a neck as pale, ends in a step, and past it is
the neck the turned jaw uncovers, which the mirror keeps. Where the band lies just above the hole's end instead, in
the head's soft lower edge (sr_8's, over a lit neck more saturated than its face), `dark_rim` finds it: there the
mirror does not hold and the shadowed tone takes the band's colour (`neck.NeckWarp`), as far along the jaw as that
shadow lasts (`RIM_FADE`).
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.neck_layer.hole_end import LINE_DEPTH

BAND_REACH = 0.06
"""Face sizes below the hole's end within which the band's darkest row is looked for."""
DEEP = 0.62
"""A band is the jaw's shadow on a lit neck where its darkest lightness is at most this share of the lit neck's
(lp_s3's beside the chin 0.23-0.41, lp_s0's 0.53-0.62; sr_18's lines under its turned jaw 0.46-0.62 are told apart by
their sharp edge, `SOFT`)."""
LIT = 1.2
"""The share of the jaw skin's median lightness that the neck past the band is at least (a lit neck; with `PALE`, paler
than the face)."""
PALE = 0.72
"""The share of the jaw skin's median saturation (YCrCb chroma over brightness) that the neck past the band is at most:
a lit neck paler than the face, mirrored up beside the chin, is a pale lobe (past the band's far side, lp_s3's
0.33-0.57 of the saturation, 1.38-1.65 of the lightness; lp_s0's 0.63-0.71 and 1.23-1.29; under sr_18's chin
0.78-0.9; under grace_hopper's chin, read past the band's darkest row, her wrinkled neck mirrored up is skin like her
face's, 0.74-0.84 and 1.21-1.31, and the tone in its place a dark smudge under her turned far ear)."""
RIM_WIDTH = 0.1
"""Face sizes along the jaw that `dark_rim`'s shadow spans at least (sr_8's right of its chin 0.15)."""
RIM_DEEP = 0.45
"""`dark_rim`'s shadow is at most this share of the neck's lightness below it (sr_8's; 0.65 also took in sr_18's,
lp_s0's, lp_s3's and lp_s5's columns, whose neck the mirror keeps)."""
RIM_FADE = 0.85
"""Beside `dark_rim`'s stretch the jaw's shadow goes on along the jaw while it is at most this share of the neck's
lightness below it: sr_8's lightens from `RIM_DEEP` to 0.85 over 0.05 face sizes left of its rim, where the mirror laid
its lit neck up as a sliver beside the rim's dark tone (a staircase of blocks under the moved jaw, sr_1 52-58)."""
FAR_SIDE = 0.5
"""The share of the way from the band's darkest lightness up to the lit neck's at which the band ends."""
SOFT = 0.03
"""Face sizes: a band is a cast shadow where its far edge is at least this soft: its depth (the lit neck's lightness
less its darkest) over the steepest one-row rise from its darkest row to its far side (lp_s0's 0.048-0.128, lp_s3's
0.056-0.122; the sharp lines under sr_18's turned jaw 0.011-0.019 and grace_hopper's at 600 px 0.010-0.012)."""
RIM_HAIR = 0.5
"""The share of a column's `dark_rim` rows that the hanging hair may hold: past it the column has no rim (lp_s5's curl
0.59-0.78 in the columns it read as the jaw's shadow)."""
BLUR = 0.02
"""Face sizes: the sigma of the blur of the band as the neck's mirror lays it up (`soft_band`)."""


def _column_medians(values: np.ndarray, where: np.ndarray, empty: float) -> np.ndarray:
    """(m,) float32: the median of `values` ((n, m) float32) where `where` ((n, m) bool) per column; `empty` in
    columns with none."""
    has = where.any(0)
    out = np.full(values.shape[1], empty, np.float32)
    out[has] = np.nanmedian(np.where(where[:, has], values[:, has], np.nan), 0)
    return out


def band_end(grey: np.ndarray, saturation: np.ndarray, start: np.ndarray, stop: np.ndarray,
             jaw_skin: tuple[float, float], face_px: float) -> np.ndarray:
    """(m,) int per column: `stop` ((m,) int, the row of `grey` at which the neck's run below the hole's end, from
    `start` ((1, m) int), ends), or, where the run begins with the jaw's shadow band on a lit neck, the row just past
    the band. The band: the darkest lightness within `BAND_REACH` face sizes (`face_px` px each) of `start`, at least
    `LINE_DEPTH`'s first step (the jaw's dark line's) darker than the median of the run past it and at most `DEEP`
    of it; its far side: the first row past the darkest where the lightness is back `FAR_SIDE` of the way up to that
    median, reached softly (`SOFT`); the lit neck: the run from the far side on, its median lightness at least `LIT`
    of the jaw skin's median lightness and its median saturation at most `PALE` of the jaw skin's (`jaw_skin`: both).
    grey, saturation: (n, m) float32 lightness (`hole_end.lightness`) and saturation (YCrCb chroma over brightness)
    of the rows the run is counted in."""
    rows = np.arange(grey.shape[0])[:, None]
    run = (rows >= start) & (rows < stop[None])
    near = run & (rows < start + max(1, round(BAND_REACH * face_px)))
    near_grey = np.where(near, grey, np.inf)
    core = np.argmin(near_grey, 0)  # (m,) the band's darkest row
    darkest = near_grey[core, np.arange(grey.shape[1])]
    past = run & (rows > core[None])
    level = _column_medians(grey, past, 0.0)  # (m,) the lightness past the band's darkest
    has = np.isfinite(darkest) & past.any(0)
    darkest = np.where(has, darkest, level)
    back = past & (grey >= (darkest + FAR_SIDE * (level - darkest))[None])
    far = np.argmax(back, 0)  # (m,) the band's far side
    rise = np.diff(grey, axis=0, append=grey[-1:])  # (n, m) from each row to the next
    steepest = np.where((rows >= core[None]) & (rows < far[None]), rise, 0).max(0)  # (m,) grey levels per row
    # The lit neck: past the band's far side (lp_s0's wide shadow under her ear, counted in, read as saturated as her
    # face, her lit neck's 0.63-0.71 of it beyond).
    lit = run & (rows >= far[None])
    band = has & (level - darkest >= LINE_DEPTH[0]) & (darkest <= DEEP * level) & back.any(0)
    band &= (_column_medians(grey, lit, 0.0) >= LIT * jaw_skin[0])
    band &= (_column_medians(saturation, lit, np.inf) <= PALE * jaw_skin[1])
    band &= level - darkest >= SOFT * face_px * steepest
    return np.where(band, far, stop).astype(stop.dtype)


def soft_band(colour: np.ndarray, banded: np.ndarray, face_px: float) -> np.ndarray:
    """(n, m, 3) float32: the neck's mirrored colours (`colour`, (n, m, 3) float32 RGB on the neck's box) blurred by
    `BLUR` face sizes (`face_px` px each) in the `banded` columns ((m,) bool: their mirror holds the band alone).
    Mirrored to and fro and stretched up to the moved jaw by the neck's warp, the band's brush strokes read as a
    beard under lp_s0's raised chin (preset:turn 42-46 at 704 px); blurred, as a shadow."""
    if not banded.any():
        return colour
    blurred = cv2.GaussianBlur(colour, (0, 0), max(1.0, BLUR * face_px))
    return np.where(banded[None, :, None], blurred, colour).astype(np.float32)


def dark_rim(grey: np.ndarray, start: np.ndarray, stop: np.ndarray, face_px: float,
             hair: np.ndarray | None = None) -> np.ndarray:
    """(m,) bool per column: the jaw's shadow lies just above the neck's run, not in it (`band_end`'s band): the
    `BAND_REACH` face sizes (`face_px` px each) of rows above the run's start (`start`, (1, m) int; inside the plate's
    hole, the head's soft lower edge) have a median lightness at most `RIM_DEEP` of the run's (to `stop`, (m,) int) and
    `LINE_DEPTH`'s first step darker, over at least `RIM_WIDTH` face sizes along the jaw, and on from there along the
    columns beside it whose rows are at most `RIM_FADE` of the run's (the shadow lightening along the jaw). Only in
    columns with a run. sr_8's neck just below the hole's end is its lit front, which the mirror laid up as a lit wedge
    that its head moved aside uncovered (issue #9), and beside the rim's stretch as a lit strip (a staircase of blocks
    under the moved jaw, h27-staircase). grey: (n, m) float32 lightness (`hole_end.lightness`) of rows counted from
    the box's first; hair: the hair hanging below the jaw on them (`rim_rows`), not read."""
    rim = rim_rows(grey.shape[0], start, face_px, hair)
    rows = np.arange(grey.shape[0])[:, None]
    run = (rows >= start) & (rows < stop[None])
    shade, level = _column_medians(grey, rim, np.inf), _column_medians(grey, run, 0.0)
    has = rim.any(0) & run.any(0)
    dark = (has & (shade <= RIM_DEEP * level) & (level - shade >= LINE_DEPTH[0])).astype(np.uint8)[None]
    # A stretch of the jaw, not a few columns (under grace_hopper's chin 2-9 columns read so, gaps closed).
    dark = cv2.morphologyEx(dark, cv2.MORPH_CLOSE, np.ones((1, 3), np.uint8), borderType=cv2.BORDER_REPLICATE)
    width = np.ones((1, max(1, round(RIM_WIDTH * face_px)) | 1), np.uint8)
    stretch = cv2.morphologyEx(dark, cv2.MORPH_OPEN, width, borderType=cv2.BORDER_REPLICATE)[0] > 0
    return _grown(stretch, has & (shade <= RIM_FADE * level))


def _grown(seed: np.ndarray, allowed: np.ndarray) -> np.ndarray:
    """(m,) bool: the runs of `allowed` ((m,) bool) that hold a column of `seed` ((m,) bool), joined with `seed`."""
    runs = np.cumsum(np.diff(allowed.astype(np.int8), prepend=0) == 1) * allowed  # 1, 2, ... per run; 0 outside
    return seed | np.isin(runs, runs[seed & allowed]) & allowed


def rim_rows(n: int, start: np.ndarray, face_px: float, hair: np.ndarray | None = None) -> np.ndarray:
    """(n, m) bool: the `BAND_REACH` face sizes (`face_px` px each) of rows just above `start` ((1, m) int, rows
    counted from the box's first), `dark_rim`'s rim; less the `hair` ((n, m) bool or None: the hair hanging below the
    jaw, `HeadMask.hanging` over 0.5), which is not the jaw's shadow, and none in a column where that hair holds over
    `RIM_HAIR` of them (lp_s5 cut to its head's corner: the dark curl hanging left of the jaw read as the rim, and the
    neck's tone took the curl's brown, a dark shard a turn uncovered, `figures.lock_wall`)."""
    rows = np.arange(n)[:, None]
    rim = (rows < start) & (rows >= start - max(1, round(BAND_REACH * face_px)))
    if hair is None:
        return rim
    return rim & ~hair & ((hair & rim).sum(0) <= RIM_HAIR * rim.sum(0))[None]


def rim_colour(colours: np.ndarray, rim: np.ndarray) -> np.ndarray:
    """(m, 3) float32 RGB per column: the median of `colours` ((n, m, 3) float32 RGB) over its `rim` ((n, m) bool,
    `rim_rows`); 0 in columns with none."""
    out = np.zeros((colours.shape[1], 3), np.float32)
    for c in np.flatnonzero(rim.any(0)):
        out[c] = np.median(colours[rim[:, c], c], 0)
    return out
