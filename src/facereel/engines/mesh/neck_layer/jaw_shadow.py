"""The jaw's dark line on the neck moved with the jaw (issue #9).

The photo's jaw casts a dark line on the neck just below the plate's hole's end (`hole_end.dark_line`), and
the neck's mirror (`neck._mirrored`) reflects it just above the end. Where the neck stretches up to the moved
head the line moves with the neck's top and stays under the jaw; where it does not (sr_18's creased neck
shows no neck to stretch, preset:turn frames 37-43) a raised, turned head left it behind as a diagonal
crease across the neck, the flat uncovered skin above it (`figures.neck_ghost`).

The line is a shadow: a factor on the neck's light (`shadow_factor`, (n, m, 3) per channel, 1 where there is
none), made once per source: the plate's colour blurred over `SHADE_SIGMA` face sizes (the line's shading, not
the skin's grain) over the neck's level below it, in the dark-line columns, around the end (`SHADOW_REACH`,
`REFLECTION_REACH`) and above each column's collar line; and one profile of it down from the photo's head end
(`band_profile`: the chin's columns, where it is deepest). Each frame (`moved_shadow`) the moved plate is
divided by the factor where the neck's warp put the line and multiplied by the profile laid down from where
the moved head ends (`laid_band`), in the columns whose jaw (`neck.NeckWarp.jaw_columns`) came from the
photo's lined ones and where the neck's top shows below the moved head (`MOVE_GAP`), its first row also under
the head's soft edge (`BAND_LIFT`): the line lies as a band of the photo's strength and width under the moved
head's visible edge, and the neck keeps its own texture and shading everywhere (replacing the band by a level and
grain read as a flat patch, `figures.neck_join`). Where the band lies on the plate's grain-free fill (grace_hopper
right of her turned chin) the neck's grain is added under it as far as the fill is flatter than the photo's jaw
skin (`band_grain`, `skin_grain`): a band darkening flat fill read as a flat grey-brown strip
(`figures.jaw_band.flat_band`). The
factor laid by the jaw's landmark offset instead (the seventeenth session's) fell partly under the moved head
and across its edge: a thin line or nothing under sr_18's turned jaw (`figures.jaw_band`). Where the neck's
top meets the moved head (a neck stretched up to it, a head standing still) the line moves with the neck.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.draw_kernels import BILINEAR_WEIGHTS, shadow_ratios
from facereel.engines.mesh.geometry.head_proxy import smoothstep
from facereel.engines.mesh.neck_layer.hole_end import dark_line, lightness

SHADE_SIGMA = 0.01
"""Face sizes: the sigma of the blur whose colour over the neck's level is the shadow (the line's shading,
not the skin's grain; 0.015 left the line's thin dark core on sr_18's neck, `figures.neck_ghost`)."""
LINE_SIGMA = 0.005
"""Face sizes: the sigma of that blur for the line taken out where the neck's warp put it (`moved_shadow`; the band
laid under the moved head keeps `SHADE_SIGMA`'s): over 0.01 the thin dark core of sr_18's jaw line kept ~20% of its
darkness and the rows beside it were lifted ~24% (a light rim), a dotted second jaw under its raised chin
(`figures.chin_ghost`; h47-sr18chin, tests/mesh/test_jaw_shadow.py)."""
SHADOW_REACH = (0.06, 0.09)
"""Face sizes below the hole's end: all of the shadow within the first, none beyond the second (the line)."""
REFLECTION_REACH = (0.05, 0.07)
"""Face sizes above the hole's end: the same for the line's reflection in the neck's mirror (`neck._mirrored`),
of which only the part next to the end is the line (taken as far as the line below, the mirrored neck read as
a flat patch, `figures.neck_join.flat_tone`). The mirror's axis (the end smoothed, never above it) puts sr_18's
reflection 6-8 px (0.05-0.07 face sizes) above the end: within 0.02-0.03 it stayed, carried up with the neck's top
under the raised chin as a second jaw (`edit --yaw 45 --pitch -30`, `figures.chin_ghost`; h47-sr18chin)."""
BAND_ABOVE = (0.02, 0.03)
"""Face sizes above the hole's end: the same for the photo's band (`band_profile`, laid under the moved head): read
out to `REFLECTION_REACH` it took in the reflection and laid it along lp_s0's turned near jaw, a darker line beside
the sofa's leaf (preset:turn 37, `figures.dark_streak`; h47-sr18chin)."""
LEVEL_REACH = (0.07, 0.13)
"""Face sizes below the hole's end: the neck's skin whose level the shadow is read against."""
ACROSS = 0.03
"""Face sizes: the sigma along the rows over which the dark-line columns and the neck's level are smoothed
(a creased neck's columns differ; taken one by one the shadow streaked it)."""
MOVE_GAP = (0.02, 0.06)
"""Face sizes between the moved head's lower edge and the neck's top shown below it: none of the move at the
first (the line is still a shadow under the jaw), all of it from the second."""
DARKEST = 0.3
"""The least the factor is (the plate divided by it where the line was: a near-black core is not raised
into noise)."""
BAND_ROWS = 0.12
"""Face sizes below the photo's head end: the rows of the line's profile (`band_profile`; sr_18's line is
~0.07 face sizes tall under its chin)."""
BAND_REACH = (0.02, 0.1)
"""Face sizes above the photo's head end: the jaw skin whose grain the band's is read against (`skin_grain`)."""
BAND_LIFT = 0.012
"""Face sizes above where the moved head ends that the line's first row also lies (`laid_band`): under the head's
soft edge, whose unshaded fill read as a light line along the band's top (grace_hopper, turn frames 42-45)."""
BAND_SOFT = 0.015
"""Face sizes: the sigma over which the profile is softened down the rows (a painted 1-2 px contour under
lp_s0's chin, laid along her whole moved jaw, read as a drawn line)."""
LINED = 0.5
"""The share of the deepest column's depth a column needs to count in the line's profile (sr_18: the chin's
columns, the profile 0.67 at its darkest)."""
SPAN_DEPTH = 0.03
"""The depth (1 - the factor's least) from which a column of the photo has a line at all: the jaw's columns
from which the profile is laid under the moved head (sr_18's jaw beside the chin reads 0.03-0.2)."""
GRAIN_SIGMA = 0.006
"""Face sizes: the sigma of the blur whose difference from the lightness is the skin's fine grain (`fine_grain`:
grace_hopper's pores and wrinkles, none in the plate's fill)."""
GRAIN_WINDOW = 0.03
"""Face sizes: the window over which the fine grain's magnitude is averaged (`fine_grain`)."""
GRAIN_FULL = 0.5
"""The share of the laid line's deepest depth from which the grain under it is all added (`band_grain`; from the
deepest only, the band's lower half was still a flat brown on grace_hopper)."""
COLLAR_RAMP = 0.02
"""Face sizes above each column's collar line (`NeckWarp.collars`) over which the shadow fades out: none at
and below the line, where the frame's plate stays the photo (lp_s1's choker, a still neck)."""


def shadow_factor(plate: np.ndarray, crop: np.ndarray, hole_end: np.ndarray, collars: np.ndarray,
                  skin: np.ndarray, box: tuple[slice, slice], face_px: float, stripped: np.ndarray | None = None
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """Three (n, m, 3) float32 in [`DARKEST`, 1]: the jaw's dark line on the neck plate on `box` (`plate`, (n, m, 3)
    float32; n rows from `box[0].start`) as a factor per channel: the plate blurred over `SHADE_SIGMA` face sizes (the
    second and third: `LINE_SIGMA`) over the median of the neck's skin `LEVEL_REACH` face sizes below the hole's end
    (`hole_end`, (m,) crop rows), where darker, within `SHADOW_REACH` below the end and `REFLECTION_REACH` above it (the
    first: `BAND_ABOVE`), above each column's collar line (`collars`, (m,) crop rows; `collar_ramp`), in the dark-line
    columns (`hole_end.dark_line` with the skin likeness `skin`, (h, m) float32); the columns' share and level smoothed
    along the rows by `ACROSS` face sizes; 1 elsewhere. The first reads above the end so too: the photo's band, as
    `band_profile` lays it under the moved head. The second is the line taken out where the neck's warp put it
    (`moved_shadow`): its reflection above the end read against the plate's own level above it (`REFLECTION_REACH` up to
    twice it) where that is darker (the hole's shadowed tone, sr_18: read against the lit neck below, the tone itself
    was taken for the line and lifted under the moved head, a pale rim along the photo's jaw,
    `figures.lifted_neck.light_rims`). The third is the second read on `stripped` ((n, m, 3) float32: the plate with
    `chin_strip`'s thin lines out) in the same columns and rows, the second itself without it. None where no column has
    a line. crop: (h, w, 3) uint8 RGB, the photo; face_px: the face size, px."""
    rows, cols = box
    gate = dark_line(lightness(crop[:, cols]), hole_end, skin, face_px)
    if not gate.any():
        return None
    ys = np.arange(rows.start, rows.stop, dtype=np.float32)[:, None]
    below = (ys - hole_end[None]) / face_px  # (n, m) face sizes below the end
    across = max(1.0, ACROSS * face_px)
    neck = (below >= LEVEL_REACH[0]) & (below < LEVEL_REACH[1]) & (skin[rows] > 0.5)
    above = (-below >= REFLECTION_REACH[1]) & (-below < 2 * REFLECTION_REACH[1])
    gate = _along(gate * neck.any(0), across)
    lined = gate[None] * collar_ramp(collars, ys, face_px)
    reach = [np.where(below < 0, 1 - smoothstep(*up, -below), 1 - smoothstep(*SHADOW_REACH, below))
             for up in (BAND_ABOVE, REFLECTION_REACH)]
    shares = [(lined * r)[..., None] for r in reach]

    def factors(on: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The first two factors above read on the plate `on` ((n, m, 3) float32) at their `shares`."""
        level = _level(on, neck, across)[1]
        over, up = _level(on, above, across)
        up = np.where(over[:, None], np.minimum(level, up), level)
        shades = (cv2.GaussianBlur(on, (0, 0), max(0.5, sigma * face_px)) for sigma in (SHADE_SIGMA, LINE_SIGMA))
        levels = (level[None], np.where((below < 0)[..., None], up[None], level[None]))
        band, line = ((1 + share * (np.clip(shade / np.maximum(lit, 1.0), DARKEST, 1.0) - 1)).astype(np.float32)
                      for shade, lit, share in zip(shades, levels, shares))
        return band, line

    band, line = factors(plate)
    return band, line, line if stripped is None else factors(stripped)[1]


def _level(plate: np.ndarray, window: np.ndarray, across: float) -> tuple[np.ndarray, np.ndarray]:
    """(m,) bool, the columns with any pixel in `window` ((n, m) bool), and (m, 3) float32, the median colour of
    `plate` ((n, m, 3) float32) there, smoothed along the rows by `across` px: each column's share of the level
    where known beside (normalised convolution)."""
    has = window.any(0)
    level = np.zeros((plate.shape[1], 3), np.float32)
    level[has] = np.stack([np.nanmedian(np.where(window[:, has], plate[:, has, c], np.nan), 0) for c in range(3)], 1)
    weight = _along(has.astype(np.float32), across)
    return has, _along(level * has[:, None], across) / np.maximum(weight, 1e-6)[:, None]


def collar_ramp(collars: np.ndarray, ys: np.ndarray, face_px: float) -> np.ndarray:
    """(n, m) float32 in [0, 1]: 0 at and below each column's collar line (`collars`, (m,) crop rows), 1 from
    `COLLAR_RAMP` face sizes above it, at the crop rows `ys` ((n, 1))."""
    return smoothstep(0.0, COLLAR_RAMP, (collars[None] - ys) / face_px).astype(np.float32)


def band_profile(factor: np.ndarray, head_end: np.ndarray, top: int,
                 face_px: float) -> tuple[np.ndarray, np.ndarray]:
    """The photo's line as one profile down from where its head ends, and where along the jaw it lies, once per
    source: (k, 3) float32, the median over the lined columns (at least `LINED` of the deepest column's depth,
    1 - its least factor) of `factor` ((n, m, 3), `shadow_factor`, its first row the crop row `top`) from
    `head_end` ((m,) crop rows, `NeckWarp.head_end`) down `BAND_ROWS` face sizes; and (m,) float32 in [0, 1], 1
    from the first to the last column with any line (depth >= `SPAN_DEPTH`; none: all 0), fading over `ACROSS` face
    sizes."""
    depth = 1 - factor.mean(2).min(0)
    lined = np.flatnonzero(depth >= LINED * depth.max())
    rows = np.rint(head_end[lined]).astype(int) - top + np.arange(max(2, round(BAND_ROWS * face_px)))[:, None]
    profile = np.median(factor[np.clip(rows, 0, factor.shape[0] - 1), lined[None]], 1).astype(np.float32)
    profile = cv2.GaussianBlur(profile[None], (0, 0), max(0.5, BAND_SOFT * face_px), sigmaY=1e-3,
                               borderType=cv2.BORDER_REPLICATE)[0]
    some = np.flatnonzero(depth >= SPAN_DEPTH)
    span = np.zeros(factor.shape[1], np.float32)
    if len(some):  # a neck with no line deep enough lays no band
        span[some[0]:some[-1] + 1] = 1
    return profile.astype(np.float32), np.clip(_along(span, max(1.0, ACROSS * face_px)), 0, 1)


def laid_band(profile: np.ndarray, span: np.ndarray, across: np.ndarray, ends: np.ndarray, ys: np.ndarray,
              ramp: np.ndarray, moving: np.ndarray, lift: float) -> np.ndarray:
    """(n, m, 3) float32: the line's `profile` ((k, 3), `band_profile`) laid from where the moved head ends
    (`ends`, (m,) crop rows, `NeckWarp.neck_top`) down, its first row also `lift` px above that (under the head's
    soft edge, `BAND_LIFT`), at the frame rows `ys` ((n, 1) crop rows), in the columns
    whose jaw came from the photo's lined ones (`span` at the column plus the jaw's backward offset across,
    `across`, (m,) px) and that move it (`moving`, (m,) bool: `move_weight` > 0), eased to 1 by the collar `ramp`
    ((n, m), `collar_ramp`); 1 elsewhere."""
    cols = np.arange(len(ends), dtype=np.float32)
    strength = np.interp(cols + across, cols, span, left=0, right=0).astype(np.float32)
    out = np.ones((len(ys), len(ends), 3), np.float32)
    laid = np.flatnonzero(moving & (strength > 0))
    if not len(laid):
        return out
    k = len(profile)
    top = ends[laid]
    rows = np.flatnonzero((ys[:, 0] >= top.min() - lift) & (ys[:, 0] <= top.max() + k - 1))  # the band's rows
    below = ys[rows] - top[None]  # px below the moved head
    at = np.clip(below, 0, k - 1)
    first = np.minimum(at.astype(np.int64), k - 2)
    t = (at - first)[..., None]
    line = profile[first] + t * (profile[first + 1] - profile[first])
    weight = np.where((below >= -lift) & (below <= k - 1), strength[laid][None] * ramp[np.ix_(rows, laid)], 0)
    out[np.ix_(rows, laid)] = 1 + weight[..., None] * (line - 1)
    return out


def fine_grain(grey: np.ndarray, face_px: float) -> np.ndarray:
    """(h, w) float32 grey levels: the local mean magnitude of `grey`'s ((h, w) float32, `hole_end.lightness`) fine
    grain, its difference from its blur over `GRAIN_SIGMA` face sizes, over a window of `GRAIN_WINDOW`."""
    grain = np.abs(grey - cv2.GaussianBlur(grey, (0, 0), max(0.5, GRAIN_SIGMA * face_px)))
    size = max(3, int(GRAIN_WINDOW * face_px) | 1)
    return cv2.blur(grain, (size, size))


def skin_grain(crop: np.ndarray, alpha: np.ndarray, head_end: np.ndarray, span: np.ndarray, box: tuple[slice, slice],
               face_px: float) -> float:
    """Grey levels: the photo's jaw skin's fine grain (`fine_grain`), the median over the head (`alpha`, (h, w)
    float32, > 0.99) `BAND_REACH` face sizes above where it ends (`head_end`, (m,) crop rows of `box`'s columns) in
    the columns the line is laid from (`span`, (m,), `band_profile`, over 0.5). crop: (h, w, 3) uint8 RGB."""
    cols = box[1]
    grain = fine_grain(lightness(crop[:, cols]), face_px)
    above = (head_end[None] - np.arange(len(crop), dtype=np.float32)[:, None]) / face_px
    skin = (above > BAND_REACH[0]) & (above < BAND_REACH[1]) & (span[None] > 0.5) & (alpha[:, cols] > 0.99)
    return float(np.median(grain[skin])) if skin.any() else 0.0


def band_grain(plate: np.ndarray, laid: np.ndarray, grain: np.ndarray, at: np.ndarray, skin: float,
               face_px: float) -> tuple[tuple[slice, slice], np.ndarray] | None:
    """What is added to the moved plate (`plate`, (n, m, 3) float32) after its shadow where the line is laid
    (`laid`, (n, m, 3), `laid_band`): the neck's grain (`grain`, (h, w, 3) float32 grey levels on the neck's box,
    `NeckWarp.shade_grain`) taken where the plate's pixels came from (`at`, (n, m, 2) float32 px on that box), as
    far as the plate there is flatter than the photo's jaw skin (`skin`, grey levels, `skin_grain`; by their
    `fine_grain`) and as deep as the line lies there (all of it from `GRAIN_FULL` of its deepest): the band laid on
    the plate's grain-free fill is not a flat strip (grace_hopper under her turned chin, `figures.jaw_band.flat_band`).
    The (rows, columns) of the plate it is on and (r, c, 3) float32 grey levels; None where no line is laid."""
    lying = laid[..., 1] < 1
    rows, cols = np.flatnonzero(lying.any(1)), np.flatnonzero(lying.any(0))
    if not len(rows) or skin <= 0:
        return None
    box = (slice(rows[0], rows[-1] + 1), slice(cols[0], cols[-1] + 1))
    depth = 1 - laid[box].mean(2)
    flat = np.clip(1 - fine_grain(lightness(np.clip(plate[box], 0, 255).astype(np.uint8)), face_px) / skin, 0, 1)
    share = np.clip(depth / (GRAIN_FULL * max(float(depth.max()), 1e-6)), 0, 1)
    moved = cv2.remap(grain, np.ascontiguousarray(at[box]), None, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    return box, (flat * share)[..., None] * moved


def move_weight(gap: np.ndarray, face_px: float) -> np.ndarray:
    """(m,) float32 in [0, 1]: how far each column's line moves from where the neck's warp put it, as the neck's
    top shows `gap` px ((m,)) below the moved head (`MOVE_GAP`)."""
    return smoothstep(*MOVE_GAP, gap / face_px).astype(np.float32)


def moved_shadow(plate: np.ndarray, factor: np.ndarray, at: np.ndarray, disp: np.ndarray, laid: np.ndarray,
                 gap: np.ndarray, face_px: float, stripped: tuple[np.ndarray, np.ndarray] | None = None) -> None:
    """Multiplies the moved neck plate `plate` ((n, m, 3) float32, C-contiguous, in place) by the shadow `factor`
    ((h, w, 3), `shadow_factor`, its first row and column at at's (0, 0)) taken out where the neck's backward map at +
    disp (`at`: (n, m, 2) float32 px of each pixel, `disp`: (n, m, 2) float32 px) put it and `laid` ((n, m, 3),
    `laid_band`) laid under the moved head; per column as far as the neck's top is shown `gap` px ((m,) float32) below
    the moved head (`MOVE_GAP`), the rest of the line left where the neck's warp put it. `stripped`: the `shadow_factor`
    of the plate with `chin_strip`'s thin lines out ((h, w, 3), as `factor`) and how far they are out at each pixel ((n,
    m) float32 in [0, 1], `chin_strip.slip_unit`): the factor taken out is the two mixed by it, that of the plate as it
    lies there (by the whole `factor` the photo's dark jaw edge the strip had taken out was lifted twice: sr_18 x
    preset:turn's pale patch under the turned jaw, `figures.lifted_neck`). The sample and the ratio are one compiled
    pass (`draw_kernels.shadow_ratios`); only the pixels whose factor is not 1 are raised to their column's weight and
    multiplied in; the others' factor is 1, their pixels left as they are (the product by a whole box of ones, main's
    statement till the forty-sixth session, is the plate bit for bit)."""
    weight = move_weight(gap, face_px)
    size = at.shape[0] * at.shape[1] * 3
    index, base, power = np.empty(size, np.int64), np.empty(size, np.float32), np.empty(size, np.float32)
    other, slip = stripped if stripped is not None else (factor, np.zeros(at.shape[:2], np.float32))
    count = shadow_ratios(factor, other, slip, at, disp, laid, weight, BILINEAR_WEIGHTS, index, base, power)
    plate.reshape(-1)[index[:count]] *= base[:count] ** power[:count]


def _along(values: np.ndarray, sigma: float) -> np.ndarray:
    """`values` ((m,) or (m, c) float32) smoothed along their first axis by a Gaussian of `sigma` px."""
    out = cv2.GaussianBlur(np.ascontiguousarray(values, np.float32).reshape(len(values), -1).T, (0, 0), sigma,
                           sigmaY=1e-3, borderType=cv2.BORDER_REPLICATE).T
    return out.reshape(values.shape)
