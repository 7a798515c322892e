"""The jaw's thin shadow band on a lit neck: the neck's mirror reflects the band, not the lit neck past it (issue #9).

The neck's mirror (`neck._mirrored`) lays the photo's neck just below the plate's hole's end up across that end, as
far as the photo's neck skin goes on below it (`neck._neck_run`). Right of lp_s3's chin the photo's neck just below
the end is a thin dark band, the jaw's shadow on the neck's side, and past it the neck's lit front: the band passes
the skin test by its chroma, so the mirror went on into the lit front and laid it above the old jaw line, where a
head leaning up and aside (lp_d12 frames 8-12) uncovered it as a pale lobe with a light outline beside the chin
(`figures.neck_lobe`). Its strong lower edge also read as a collar's against the chin, so those columns showed no
neck to stretch up to the moved jaw (`neck.NeckWarp.collars`). Where the neck's run starts with such a band
(`band_end`), the mirror's run ends on the band's far side (what it reflects up there is the neck in the jaw's
shadow) and the neck is looked for past it. Where the band lies just above the hole's end instead, in the head's soft
lower edge (sr_8's, over a lit neck more saturated than its face), `dark_rim` finds it: there the mirror does not hold
and the shadowed tone takes the band's colour (`neck.NeckWarp`).
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.neck_layer.hole_end import LINE_DEPTH

BAND_REACH = 0.06
"""Face sizes below the hole's end within which the band's darkest row is looked for."""
DEEP = 0.45
"""A band is the jaw's shadow on a lit neck where its darkest lightness is at most this share of the lit neck's
(lp_s3's beside the chin 0.23-0.41; sr_18's under its chin 0.48-0.6, where the neck past it, mirrored, is the
textured neck its turned jaw uncovers, `tests/mesh/test_neck_join.py`)."""
LIT = 1.2
"""The share of the jaw skin's median lightness that the neck past the band is at least (a lit neck; with `PALE`, paler
than the face)."""
PALE = 0.65
"""The share of the jaw skin's median saturation (YCrCb chroma over brightness) that the neck past the band is at most:
a lit neck paler than the face, mirrored up beside the chin, is a pale lobe (lp_s3's 0.41-0.57 of the saturation,
1.33-1.59 of the lightness; under grace_hopper's chin her wrinkled neck mirrored up is skin like her face's, 0.74-0.84
and 1.21-1.31, and the tone in its place a dark smudge under her turned far ear)."""
RIM_WIDTH = 0.1
"""Face sizes along the jaw that `dark_rim`'s shadow spans at least (sr_8's right of its chin 0.15)."""
FAR_SIDE = 0.5
"""The share of the way from the band's darkest lightness up to the lit neck's at which the band ends."""


def band_end(grey: np.ndarray, saturation: np.ndarray, start: np.ndarray, stop: np.ndarray,
             jaw_skin: tuple[float, float], face_px: float) -> np.ndarray:
    """(m,) int per column: `stop` ((m,) int, the row of `grey` at which the neck's run below the hole's end, from
    `start` ((1, m) int), ends), or, where the run begins with the jaw's shadow band on a lit neck, the row just past
    the band. The band: the darkest lightness within `BAND_REACH` face sizes (`face_px` px each) of `start`, at least
    `LINE_DEPTH`'s first step (the jaw's dark line's) darker than the median of the run past it and at most `DEEP`
    of it, that median at least `LIT` of the jaw skin's median lightness and the run's median saturation past it at
    most `PALE` of the jaw skin's (`jaw_skin`: both); its far side: the first row past the darkest where the lightness
    is back `FAR_SIDE` of the way up. grey, saturation: (n, m) float32 lightness (`hole_end.lightness`) and
    saturation (YCrCb chroma over brightness) of the rows the run is counted in."""
    rows = np.arange(grey.shape[0])[:, None]
    run = (rows >= start) & (rows < stop[None])
    near = run & (rows < start + max(1, round(BAND_REACH * face_px)))
    near_grey = np.where(near, grey, np.inf)
    core = np.argmin(near_grey, 0)  # (m,) the band's darkest row
    darkest = near_grey[core, np.arange(grey.shape[1])]
    past = run & (rows > core[None])
    has = np.isfinite(darkest) & past.any(0)
    level = np.zeros(len(stop), np.float32)  # (m,) the lit neck's lightness past the band
    pale = np.full(len(stop), np.inf, np.float32)  # (m,) and its saturation
    level[has] = np.nanmedian(np.where(past[:, has], grey[:, has], np.nan), 0)
    pale[has] = np.nanmedian(np.where(past[:, has], saturation[:, has], np.nan), 0)
    darkest = np.where(has, darkest, level)
    back = past & (grey >= (darkest + FAR_SIDE * (level - darkest))[None])
    band = has & (level - darkest >= LINE_DEPTH[0]) & (darkest <= DEEP * level) & back.any(0)
    band &= (level >= LIT * jaw_skin[0]) & (pale <= PALE * jaw_skin[1])
    return np.where(band, np.argmax(back, 0), stop).astype(stop.dtype)


def dark_rim(grey: np.ndarray, start: np.ndarray, stop: np.ndarray, face_px: float) -> np.ndarray:
    """(m,) bool per column: the jaw's shadow lies just above the neck's run, not in it (`band_end`'s band): the
    `BAND_REACH` face sizes (`face_px` px each) of rows above the run's start (`start`, (1, m) int; inside the plate's
    hole, the head's soft lower edge) have a median lightness at most `DEEP` of the run's (to `stop`, (m,) int) and
    `LINE_DEPTH`'s first step darker, over at least `RIM_WIDTH` face sizes along the jaw. Only in columns with a run.
    sr_8's neck just below the hole's end is its lit front, which the mirror laid up as a lit wedge that its head moved
    aside uncovered (issue #9). grey: (n, m) float32 lightness (`hole_end.lightness`) of rows counted from the box's
    first."""
    rim = rim_rows(grey.shape[0], start, face_px)
    rows = np.arange(grey.shape[0])[:, None]
    run = (rows >= start) & (rows < stop[None])
    shade = np.full(grey.shape[1], np.inf, np.float32)
    level = np.zeros(grey.shape[1], np.float32)
    has = rim.any(0) & run.any(0)
    shade[has] = np.nanmedian(np.where(rim[:, has], grey[:, has], np.nan), 0)
    level[has] = np.nanmedian(np.where(run[:, has], grey[:, has], np.nan), 0)
    dark = (has & (shade <= DEEP * level) & (level - shade >= LINE_DEPTH[0])).astype(np.uint8)[None]
    # A stretch of the jaw, not a few columns (under grace_hopper's chin 2-9 columns read so, gaps closed).
    dark = cv2.morphologyEx(dark, cv2.MORPH_CLOSE, np.ones((1, 3), np.uint8), borderType=cv2.BORDER_REPLICATE)
    width = np.ones((1, max(1, round(RIM_WIDTH * face_px)) | 1), np.uint8)
    return cv2.morphologyEx(dark, cv2.MORPH_OPEN, width, borderType=cv2.BORDER_REPLICATE)[0] > 0


def rim_rows(n: int, start: np.ndarray, face_px: float) -> np.ndarray:
    """(n, m) bool: the `BAND_REACH` face sizes (`face_px` px each) of rows just above `start` ((1, m) int, rows
    counted from the box's first), `dark_rim`'s rim."""
    rows = np.arange(n)[:, None]
    return (rows < start) & (rows >= start - max(1, round(BAND_REACH * face_px)))


def rim_colour(colours: np.ndarray, rim: np.ndarray) -> np.ndarray:
    """(m, 3) float32 RGB per column: the median of `colours` ((n, m, 3) float32 RGB) over its `rim` ((n, m) bool,
    `rim_rows`); 0 in columns with none."""
    out = np.zeros((colours.shape[1], 3), np.float32)
    for c in np.flatnonzero(rim.any(0)):
        out[c] = np.median(colours[rim[:, c], c], 0)
    return out
