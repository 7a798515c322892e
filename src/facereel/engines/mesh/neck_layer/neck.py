"""The neck between the jaw and the collar: the plate's neck follows the jaw with graded motion
(`MeshOptions.neck_layer`, on by default).

The neck is not in the head layer (without body following): the jaw moves over it and the plate's neck
is warped to meet the moved jaw (`NeckWarp`), one continuous map that is the identity at the collar line
(`NECK_LENGTH` face sizes below the source's chin, raised per column above a necklace or a collar's edge)
and beside the neck: down each column that shows a neck, the neck from the photo's jaw to the collar is
laid from the moved jaw to the collar (a raised chin lengthens the whole neck by one factor instead of
pulling a short band under the jaw into a smear, and the plate's fill under the old jaw line is not laid
out), stretched at most `MAX_STRETCH` times, above which a shadowed neck tone continuing the neck's own
colour shows; across, the neck's front twists with the chin and its sides follow its axis. A column with
no neck below the jaw (a collar against the chin, clothes or background beside the jaw) stays still, so
a collar or a hoodie is never drawn up or shown twice. At and below the collar line the plate is still:
the shoulders and the collar stay the source.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import disc_kernel, grey_image, polygon_mask
from facereel.engines.mesh.draw_kernels import BILINEAR_WEIGHTS, neck_displacement, slope_limited, uncovered_hair
from facereel.engines.mesh.geometry.head_proxy import smoothstep
from facereel.engines.mesh.neck_layer.hole_end import lightness
from facereel.engines.mesh.neck_layer.jaw_line import lowest_crossings
from facereel.engines.mesh.neck_layer.neck_sides import PLAIN_FACE_PX, SidePull, side_plainness, with_pull
from facereel.engines.mesh.neck_layer.neck_tone import along_band, from_mirror, neck_coloured
from facereel.engines.mesh.neck_layer.shadow_band import band_end, dark_rim, rim_colour, rim_rows, soft_band

NECK_LENGTH = 0.28
"""Face sizes (`composite.face_size`) from the source's chin down to the collar line: self-reenactment
shows the neck below ~0.3 face sizes under the chin staying put while a real head talks and turns."""
NECK_HALF_WIDTH = (0.3, 0.45)
"""Face sizes from the middle between the jaw angles: columns within the first follow the neck's motion in
full, none beyond the second (smoothstep between): the jaw's width, so what the head uncovers under it is
covered."""
MAX_SHEAR = 0.15
"""The neck leans at most this much sideways (px per px down the neck, `NeckWarp.displacement`)."""
NECK_PIVOT = np.array([0.0, 1.73, 1.4], np.float32)
"""Canonical point on the neck's axis at the chin's height (chin y 1.73, as deep as the skull shell's
centre): it moves with the head's translation, hardly with its turns."""
TWIST = 0.3
"""Face sizes from the neck's axis: the column there follows the chin sideways in full, fading to the
axis' motion at this distance (the neck's sides)."""
MAX_STRETCH = 2.5
"""The neck's texture is stretched at most this much down the neck and, by its twist, across it
(`NeckWarp.displacement`): beyond, its shadowed tone shows above it."""
FLOOR_STRETCH = (2.0, MAX_STRETCH)
"""How much a column's neck laid down to its lowered collar line (`NeckWarp.frame_collars`, `floor`) is stretched:
from the first the floor fades out, none from the second."""
SHIFT_SLOPE = 0.5
"""Px per px across: how much more one column of the neck may be shifted down or up than its neighbour
(`NeckWarp.displacement`); with `MAX_STRETCH` the local stretch stays under ~3."""
EDGE_LEVELS = (4.0, 12.0)
"""Grey levels per px of edge (Sobel / 8) from which a pixel is not plain skin, from none to all (`_plainness`)."""
EDGE_SPREAD = 0.03
"""Face sizes: pixels this near a strong edge are not plain either (a necklace's whole band)."""
NECK_SPAN = 0.08
"""Face sizes of plain skin below the plate's hole from which a column shows a neck (`NeckWarp.collars`)."""
SKIN_SPREAD = 2.5
"""Robust spreads (of the jaw skin's chroma) within which a pixel's colour is skin (`_skin_likeness`)."""
SKIN_DARKEST = (0.2, 0.35)
"""Brightness over the jaw skin's median: none of a pixel darker than the first is skin, all from the second."""
SKIN_LIT = 3.0
"""Brightness over the jaw skin's median up to which a pixel's chroma is read as it is; a brighter pixel's is read
scaled down to this brightness (`_skin_likeness`): YCrCb chroma grows with the light, and sr_4 under a side light (its
jaw band in shadow, Y ~26) read its lit neck (Y ~180) as no skin. 3, not less: a portrait's own highlights and a pale
wall beside a bearded jaw (lp_s12's, 2x its jaw band) stay read as they were."""
PALE_SATURATION = 0.5
"""A pixel below the plate's hole whose saturation is under this share of the jaw skin's is not the neck the
mirror shows (`_pale`): a white collar."""
PALE_INPAINT = 3
"""Px: the radius of the inpainting that gives a pale mirrored pixel the colours of the skin around it."""
PALE_RAMP = 0.16
"""Face sizes above the plate's hole's lower edge over which a pale mirrored pixel (`_pale`, dilated) goes from its own
colour (at the edge) to the inpainted skin's (`_mirrored`), and at least over which a column holding such pixels fades
from the mirror into the shadowed tone: twice the softest of the photo's own shadow edges on a lit neck (lp_s3's jaw
band's far side 0.056-0.122, `shadow_band.SOFT`), as the ramp runs from the lit neck's own lightness to the tone's.
Over `EDGE_SPREAD` (0.03), lp_s3's lit neck side stood in the turned neck's tone as a pale patch with a hard top
(`figures.tone_end.pale_top`); over 0.08, with the mirror fading out over its short run (6 px), as a tapered strip
with a ~70-level gradient over ~8 rows."""
PALE_DARK = 0.75
"""A mirrored pixel beside the pale ones darker than this share of the mirrored skin's median lightness is not
the skin they are inpainted from (`_inpainted`): from the jaw shadow's stripes they were a dark brown blob."""
SKIN_BAND = 0.06
"""Face sizes: the band inside the jaw line whose skin colours the shadowed neck where a column has no neck,
and the band of the photo's neck below the plate's hole whose colour it continues where it has one."""
SIDE_REACH = 0.55
"""Face sizes from the middle between the jaw angles: the box (`NeckWarp.box`) reaches this far, past the
neck's motion (`NECK_HALF_WIDTH`), so that the shadowed neck tone covers the plate's hole under the ears
where the photo's person lies below it (`NeckWarp.below_jaw`), fading out from `NECK_HALF_WIDTH`'s outer
edge to here; within the tone's reach, which hangs from the jaw line (its columns end at the jaw angles:
past them, over a hoodie below the far cheek, it drew a skin-coloured band, sr_8)."""
SHADE_HALF_WIDTH = (0.2, 0.3)
"""Face sizes from the middle between the jaw angles: the shadowed neck tone is laid in full within the
first, none beyond the second (a neck is narrower than the jaw; beside it a raised or turned head uncovers
the background)."""
TOP_FADE = 0.12
"""Face sizes below the neck box's top row (the jaw angles' height) from which the neck moves in full
(`NeckWarp.displacement`), none at the row: no seam where the box ends."""
SHADE_REACH = 0.25
"""Face sizes above the source's jaw line that the shadowed neck tone reaches up to (a raised chin uncovers
the plate's hole inside the jaw line): its top follows the jaw's curve, not the neck box's top row; but for the
columns where the mirrored neck holds (`_held_columns`: the neck's side goes on up behind a far ear lobe)."""
SHADE = 0.85
"""A shadowed neck's brightness relative to the skin above the jaw line (where no neck below tells it); 0.7
left lp_s12's tone under the raised chin a muddy patch much darker than the face."""
HOLE_REACH = 0.12
"""Face sizes below the source's chin: the plate's hole under the jaw is looked for down to here (below,
a hole is hanging hair's, not the neck's)."""
SIDE_SOFTNESS = 0.06
"""Face sizes: the sigma of the Gaussian smoothing the neck's per-column figures along the jaw."""
GRAIN_SIZE = 0.002
"""Face sizes: the sigma of the blur giving the shadowed neck tone's grain its size (`_grain`; none under
half a px: a small face's grain is the pixels' own)."""
MIRROR_SOFTNESS = 0.01
"""Face sizes: the sigma softening, across the columns, where the mirrored neck (`_mirrored`) gives way to
the shadowed tone."""
MIRROR_SPAN = 0.03
"""Face sizes of the photo's neck skin below the hole from which a column's neck is mirrored (`_mirrored`)."""
CHIN_DEPTH = 0.1
"""Face sizes above the source's jaw line whose skin (the chin's, below the lower lip) is mirrored down
across it to give the shadowed neck tone its shading and folds (`_chin_texture`)."""
TEXTURE_SIZE = 0.04
"""Face sizes: the sigma of the blur whose residue (above `_grain`'s band) is the chin's texture laid on the
shadowed tone: its shading and folds (a tone with grain alone read as a flat painted patch, issue #9)."""
HELD_INSIDE = 0.08
"""Face sizes inside the jaw angles from which the shadowed neck tone is laid up the whole of a column where the
mirrored neck holds (`_held_columns`), none at the angles: beside them it drew a skin-coloured wedge over the hair
by lp_s0's ear."""
COLLAR_INSIDE = 0.03
"""Face sizes inside the jaw angles from which the shadowed neck tone is laid in full across a column where a white
collar lies just below the hole (`_collar_columns`), none at the angles: past them clothes are beside the neck, not
round it (sr_18's collar, sr_8's hoodie drew a skin-coloured band over the background there)."""
COLLAR_APART = 20.0
"""RGB distance from the median of the background on the neck box over which a pale pixel is a collar, not the wall
the person mask holds beside the jaw (the astronaut's)."""
SHALLOW_DIP = 0.4
"""Share of the level a dip in the neck's columns (`NeckWarp.neck_columns`) is filled to under which it is left:
lp_s6's dips where the neck's width fades out before the skin below the hole takes over fall to 0.54-0.77 of it at
512 px (the wall showed through the tone as a light stripe), the gap between sr_8's neck and her hood's columns to
0.04 (filled, her far cheek's unfolding frames on lp_d12 showed dark dots: `test_cheek_specks`)."""
DARK_BESIDE = 0.2
"""Share of the jaw skin's median lightness under which the photo just below the plate's hole is dark background beside
the neck (`_dark_below`, `NeckWarp.beyond`: sr_18's crowd beside his neck, 5-15 against the jaw's ~130), not a neck in
shadow."""
FAR_IN = (0.01, 0.04)
"""Face sizes the far end of the jaw line moves in towards the neck's axis (`NeckWarp.far_in`): from none of the plate
without the tone past the neck's far side (`NeckWarp.beyond`) at the first to all of it at the second."""
GRAIN_BAND = (1.5, 3.0)
"""The grain (and the skin's texture it is matched to) is what a blur of the larger of these px and times
`GRAIN_SIZE` takes away: the band of pores, film grain and brush strokes."""


def _below_cover(covered: np.ndarray, top: int) -> np.ndarray:
    """(m,) float32 crop row just below the lowest True of each column of `covered` ((n, m) bool, its first
    row at crop row `top`); `top` for a column with none."""
    n = covered.shape[0]
    last = n - np.argmax(covered[::-1], axis=0)  # one past the lowest True
    return (top + np.where(covered.any(0), last, 0)).astype(np.float32)


def _skin_likeness(crop: np.ndarray, skin: np.ndarray) -> np.ndarray:
    """(h, w) float32 in [0, 1]: how much each pixel of `crop` ((h, w, 3) uint8 RGB) has the colour of the
    skin where `skin` ((h, w) > 0): its chroma (YCrCb's Cr, Cb, not the brightness, so a shadowed neck is
    still skin) within `SKIN_SPREAD` robust spreads of the median there is skin, fading to none at twice
    that; near-black pixels (a dark suit reads as any colour) are not skin. A white collar, clothes, hair
    and the background are not. A pixel lit more than `SKIN_LIT` times the skin there has its chroma read at that
    brightness (a neck in a side light the jaw's skin does not get is skin too)."""
    ycrcb = cv2.cvtColor(np.ascontiguousarray(crop), cv2.COLOR_RGB2YCrCb).astype(np.float32)
    if np.count_nonzero(skin > 0) < 10:
        return np.ones(crop.shape[:2], np.float32)
    level = max(float(np.median(ycrcb[..., 0][skin > 0])), 1.0)
    lit = np.minimum(1.0, SKIN_LIT * level / np.maximum(ycrcb[..., 0], 1.0))[..., None]
    chroma = 128.0 + lit * (ycrcb[..., 1:] - 128.0)
    face = chroma[skin > 0]
    median = np.median(face, 0)
    spread = np.maximum(1.4826 * np.median(np.abs(face - median), 0), 2.0)  # robust sigma per channel
    distance = np.sqrt((((chroma - median) / spread) ** 2).sum(-1))
    bright = smoothstep(SKIN_DARKEST[0], SKIN_DARKEST[1], ycrcb[..., 0] / level)
    return ((1 - smoothstep(SKIN_SPREAD, 2 * SKIN_SPREAD, distance)) * bright).astype(np.float32)


def _pale(crop: np.ndarray, skin: np.ndarray) -> np.ndarray:
    """(h, w) bool: the pixels of `crop` ((h, w, 3) uint8 RGB) whose saturation (YCrCb chroma over brightness)
    is under `PALE_SATURATION` of the median of the skin where `skin` ((h, w) > 0): a white collar's slight warm
    tint is within the spread of a wrinkled skin's chroma (grace_hopper's), but it is far paler than the skin;
    a shadowed neck keeps the skin's saturation."""
    saturation = _saturation(crop)
    if not (skin > 0).any():
        return np.zeros(crop.shape[:2], bool)
    return saturation < PALE_SATURATION * float(np.median(saturation[skin > 0]))


def _saturation(crop: np.ndarray) -> np.ndarray:
    """(h, w) float32: each pixel's saturation, YCrCb chroma over brightness, of `crop` ((h, w, 3) uint8 RGB)."""
    ycrcb = cv2.cvtColor(np.ascontiguousarray(crop), cv2.COLOR_RGB2YCrCb).astype(np.float32)
    return (np.linalg.norm(ycrcb[..., 1:] - 128, axis=-1) / np.maximum(ycrcb[..., 0], 1.0)).astype(np.float32)


def _plainness(crop: np.ndarray, skin: np.ndarray, face_px: float) -> np.ndarray:
    """(h, w) float32 in [0, 1] of a crop ((h, w, 3) uint8 RGB): 1 on plain skin (`_skin_likeness` of the
    skin where `skin` > 0), 0 on what is not skin and within `EDGE_SPREAD` face sizes of a strong edge
    (`EDGE_LEVELS` grey levels per px: a necklace, a collar)."""
    grey = grey_image(crop)
    grey = cv2.GaussianBlur(grey, (0, 0), max(0.7, 0.004 * face_px))
    edge = np.hypot(cv2.Sobel(grey, cv2.CV_32F, 1, 0), cv2.Sobel(grey, cv2.CV_32F, 0, 1)) / 8
    edge = cv2.dilate(edge, disc_kernel(max(1, int(EDGE_SPREAD * face_px) // 2)))
    edge = cv2.GaussianBlur(edge, (0, 0), max(1.0, SIDE_SOFTNESS * face_px), sigmaY=max(1.0, 0.01 * face_px))
    return ((1 - smoothstep(*EDGE_LEVELS, edge)) * _skin_likeness(crop, skin)).astype(np.float32)


def _plainness_at(crop: np.ndarray, skin: np.ndarray, face_px: float, face_at: float) -> tuple[np.ndarray, np.ndarray]:
    """`_plainness` and `_skin_likeness` of a crop ((h, w, 3) uint8 RGB, its skin where `skin` (h, w) > 0, the
    face `face_px` px) read with the face `face_at` px (its edges are grey levels per px: the same crease
    reads plainer on a larger photo), (h, w) float32 each, at the crop's size."""
    k = face_at / face_px
    small = cv2.resize(crop, None, fx=k, fy=k, interpolation=cv2.INTER_AREA if k < 1 else cv2.INTER_LINEAR)
    band = cv2.resize(skin, small.shape[1::-1], interpolation=cv2.INTER_NEAREST)
    size = crop.shape[1::-1]
    return (cv2.resize(_plainness(small, band, face_at), size, interpolation=cv2.INTER_LINEAR),
            cv2.resize(_skin_likeness(small, band), size, interpolation=cv2.INTER_LINEAR))


def _grain(crop: np.ndarray, known: np.ndarray, face_px: float) -> np.ndarray:
    """(h, w, 3) float32 grey levels: fine grain for the shadowed neck tone on a crop ((h, w, 3) uint8 RGB),
    as strong per channel as the skin's own fine texture where `known` ((h, w) > 0: the photo's plain neck
    and the skin inside the jaw line) lies farther than the high-pass's blur (px) from its edge, so the tone is
    not a flat painted patch. One field of noise for the three channels (skin grain is mostly lightness), blurred
    to `GRAIN_SIZE` face sizes and high-passed like the skin's texture (`GRAIN_BAND`); seeded, so a source always gets the same grain. Zero where the
    skin shows no texture (or too little of it is known)."""
    size = GRAIN_SIZE * face_px
    reach = max(GRAIN_BAND[0], GRAIN_BAND[1] * size)
    # Within the high-pass's reach of the sample's edge its detail is the jaw line's or a necklace's edge, not grain:
    # on a small face (lp_s1 ~70 px wide) that is the whole thin strip inside the jaw line, and its edge read as
    # grain speckled the tone under the turned chin (`figures.tone_speckle`).
    # (A pixel's centre lies its distance to the nearest pixel outside less half a px from the sample's edge.)
    where = cv2.distanceTransform((known > 0).astype(np.uint8), cv2.DIST_L2, 5) - 0.5 > reach
    if where.sum() < 50:
        return np.zeros(crop.shape, np.float32)

    def band(image: np.ndarray) -> np.ndarray:
        fine = cv2.GaussianBlur(image, (0, 0), size) if size >= 0.5 else image
        return fine - cv2.GaussianBlur(fine, (0, 0), reach)

    detail = band(crop.astype(np.float32))[where]  # (k, 3)
    spread = 1.4826 * np.median(np.abs(detail - np.median(detail, 0)), 0)  # robust sigma per channel
    noise = band(np.random.default_rng(0).standard_normal(crop.shape[:2]).astype(np.float32))
    noise /= max(float(noise.std()), 1e-6)
    return (noise[..., None] * spread.astype(np.float32)).astype(np.float32)


def _fold(offset: np.ndarray, span: np.ndarray | int) -> np.ndarray:
    """Integer `offset` (rows from a mirror line) folded into [0, span): to and fro across a band `span` rows
    deep, as a mirror repeated (0, 1, .., span - 1, span - 1, .., 0, 0, ..); broadcasts."""
    phase = np.mod(offset, 2 * span)
    return np.where(phase < span, phase, 2 * span - 1 - phase)


def _neck_run(crop: np.ndarray, hole: np.ndarray, skin: np.ndarray, edge: np.ndarray, box: tuple[slice, slice],
              face_px: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The photo's neck skin below the plate's hole's lower edge on `box` (n rows, m columns), from which
    `_mirrored` lays the neck up across it: the edge ((m,) float32 crop row per column: `edge`, the hole's end,
    smoothed along the jaw, never above it), the first row below it and the row at which the run of neck skin
    ends ((1, m) and (m,) int, rows from the box's first). The run: the pixels below the edge that, with all
    between them and the edge, are the photo's skin (`_skin_likeness` of the `skin` sample, (n, m) > 0 on the box,
    over 0.5; outside the `hole`, (h, w) bool: where the plate is its fill), `EDGE_SPREAD` face sizes clear of
    what is not (a collar's or the clothes' soft edge). crop: (h, w, 3) uint8 RGB."""
    rows, cols = box
    # The axis is the edge smoothed along the jaw (no spikes where a jagged edge steps from column to column),
    # never above it (the mirror starts at the photo).
    edge = np.maximum(edge, _smooth(edge, max(1.0, MIRROR_SOFTNESS * face_px)))
    below = slice(rows.start, crop.shape[0])
    sample = np.zeros((below.stop - below.start, cols.stop - cols.start), np.uint8)
    sample[:skin.shape[0]] = skin
    neck = (_skin_likeness(crop[below, cols], sample) > 0.5) & ~hole[below, cols]
    start = np.ceil(edge).astype(np.intp)[None] - below.start  # (1, m): the first row below the edge
    after = np.arange(neck.shape[0])[:, None] >= start
    # The first row at or below the edge that is not the photo's neck skin: the mirror reaches no further.
    stop = np.where((after & ~neck).any(0), np.argmax(after & ~neck, 0), neck.shape[0])  # (m,)
    return edge, start, stop - round(EDGE_SPREAD * face_px)


def _mirrored(crop: np.ndarray, skin: np.ndarray, run: tuple[np.ndarray, np.ndarray, np.ndarray],
              box: tuple[slice, slice], face_px: float, banded: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The photo's neck mirrored up across the plate's hole's lower edge, on `box` (n rows, m columns):
    (n, m, 3) float32 colours and (n, m) float32 weights in [0, 1]. A pixel above the edge takes the pixel as far
    below it in its column, within the run of neck skin there (`run`: `_neck_run`'s edge, first row and end, the
    end where the jaw's shadow band ends on a lit neck, `shadow_band.band_end`): never a collar or clothes beyond
    the neck (a `_pale` pixel's colour is inpainted from the lit mirrored skin around it, `_inpainted`; the `skin`
    sample, (n, m) > 0 on the box, telling it); back again above that span, fading out over it (so the shadowed tone
    shows above, softly). Weight 1 (below the fade) in columns with `MIRROR_SPAN` of such skin, 0 in others
    (smoothed across them). In the `banded` columns ((m,) bool: the run ends past the band) the mirrored band is
    blurred (`shadow_band.soft_band`). crop: (h, w, 3) uint8 RGB."""
    rows, cols = box
    edge, start, stop = run
    below = slice(rows.start, crop.shape[0])
    sample = np.zeros((below.stop - below.start, cols.stop - cols.start), np.uint8)
    sample[:skin.shape[0]] = skin
    ys = np.arange(below.start, below.stop, dtype=np.float32)[:, None]
    # Mirrored to and fro within that span (a triangle wave of the height above the edge): no edge where
    # the first mirror ends.
    span = np.maximum(stop[None] - start, 1)  # (1, m) rows
    height = np.rint(edge[None] - ys[:rows.stop - rows.start]).astype(np.intp) - 1  # (n, m): 0 just above it
    source = start + _fold(height, span)
    source = np.clip(source, 0, len(ys) - 1)
    columns = np.arange(cols.start, cols.stop)[None]
    colour = crop[below.start + source, columns]
    # A white collar passes the chroma test (grace_hopper's): mirrored up, it was a pale blob under her turned
    # ear. Its pixels and its soft edge (`EDGE_SPREAD` round them, as `stop` keeps clear) take the colours of
    # the mirrored skin around them; the mirror covers as far as before. Within `PALE_RAMP` of the edge they take
    # those colours in part, none at the edge (it joins the photo there without a step) to all at the ramp's end:
    # kept whole within `EDGE_SPREAD`, a pale neck side ended column by column there; ramped over that alone and
    # inpainted from it up (h26-s3step), lp_s3's lit neck side still stood in the turned neck's tone with a hard top
    # (17-21 levels a row, preset:turn 36-44). One inpainting of the whole pale set: its fill never borders on the
    # pale pixels the ramp keeps in part (bordering on them, it carried their paleness up).
    spread = round(EDGE_SPREAD * face_px)
    pale = cv2.dilate(_pale(crop[below, cols], sample).astype(np.uint8), disc_kernel(spread))
    pale = pale[source, columns - cols.start] * (height >= 0).astype(np.uint8)
    if pale.any():
        share = np.clip(height / max(PALE_RAMP * face_px, 1.0), 0, 1).astype(np.float32)[..., None]
        colour = colour + share * pale[..., None] * (_inpainted(colour, pale, spread).astype(np.float32) - colour)
    colour = soft_band(colour.astype(np.float32), banded, face_px)
    # Softened across the columns only: at the edge itself the mirror is whole (no line where it joins). Up
    # the column it fades out over its second pass: a short neck repeated many times is striped (astronaut).
    mirrored = _smooth((stop[None] - start >= MIRROR_SPAN * face_px)[0].astype(np.float32),
                       max(1.0, MIRROR_SOFTNESS * face_px))
    # A column with pale pixels ramped fades into the tone over the ramp at least: over its run alone (6 px at x 257-264
    # of lp_s3's lit neck side, preset:turn 36-44) the ramp was cut short and the strip's top stood hard in the tone.
    fade = 1 - smoothstep(span, span + np.maximum(span, pale.any(0) * PALE_RAMP * face_px), height)
    return colour, (mirrored[None] * fade * (height >= 0)).astype(np.float32)


def _inpainted(colour: np.ndarray, pale: np.ndarray, reach: int) -> np.ndarray:
    """`colour` ((n, m, 3) uint8 RGB, the mirrored neck) with its `pale` pixels ((n, m) uint8 > 0) inpainted
    (OpenCV's Telea, `PALE_INPAINT` px) from the lit skin around them: the dark pixels beside them (lightness
    under `PALE_DARK` of the mirrored skin's median: the mirrored jaw shadow's stripes, the hole's dark end),
    followed up to `reach` px from the pale ones, are left out of the fill's border and keep their colour."""
    grey = lightness(colour)
    known = ~pale.astype(bool)
    dark = (grey < PALE_DARK * float(np.median(grey[known]))).astype(np.uint8) if known.any() else np.zeros_like(pale)
    grown = pale.copy()
    for _ in range(reach):
        grown = np.maximum(grown, cv2.dilate(grown, np.ones((3, 3), np.uint8)) & dark)
    filled = cv2.inpaint(np.ascontiguousarray(colour), grown, PALE_INPAINT, cv2.INPAINT_TELEA)
    return np.where(pale[..., None] > 0, filled, colour)


def _chin_texture(crop: np.ndarray, line: np.ndarray, skin: np.ndarray, box: tuple[slice, slice],
                  face_px: float) -> tuple[np.ndarray, np.ndarray]:
    """The chin's skin mirrored to and fro across the source's jaw line (`line`, (m,) crop row per column
    of `box`: n rows, m columns) between `EDGE_SPREAD` and `CHIN_DEPTH` face sizes above it, as texture for the shadowed neck
    tone: (n, m, 3) float32 grey levels (the lightness of the mirrored colours, blurred by `_grain`'s finest band,
    less their blur over `TEXTURE_SIZE` face sizes, times `SHADE`, in all three channels (`_grey`): the skin's
    shading and folds, none of its colour) and (n, m) float32 weights in
    [0, 1] (the mirrored pixel's `_skin_likeness` to the `skin` sample, (n, m) > 0 on the box: no beard, lip
    or background is mirrored). crop: (h, w, 3) uint8 RGB. Only the box's columns and the rows the mirror
    reads are blurred and skin-tested (with the blur's reach around them: the same values as on the whole
    crop)."""
    rows, cols = box
    depth = max(2, round(CHIN_DEPTH * face_px))
    ys = np.arange(rows.start, rows.stop)[:, None]
    edge = np.rint(line).astype(np.intp)[None]  # (1, m): the first row below the jaw line
    # From `EDGE_SPREAD` above the line: the jaw's own dark outline, mirrored, drew a second chin.
    margin = round(EDGE_SPREAD * face_px)
    source = edge - 1 - margin - _fold(ys - edge, depth)
    source = np.clip(source, 0, crop.shape[0] - 1)
    # The finest band (pores, film grain) is left to `_grain`, which matches it however blurred the chin is.
    fine = max(GRAIN_BAND[0], GRAIN_BAND[1] * GRAIN_SIZE * face_px)
    # The window read: the box (its skin sample) and the mirrored rows, grown by the blur's kernel radius
    # (OpenCV's for float32: round(8 sigma + 1) | 1 taps).
    reach = int(np.ceil(4 * fine)) + 1
    y0, y1 = max(0, min(int(source.min()), rows.start) - reach), min(crop.shape[0], max(int(source.max()) + 1, rows.stop) + reach)
    x0, x1 = max(0, cols.start - reach), min(crop.shape[1], cols.stop + reach)
    window = crop[y0:y1, x0:x1]
    sample = np.zeros(window.shape[:2], np.uint8)
    sample[rows.start - y0:rows.stop - y0, cols.start - x0:cols.stop - x0] = skin
    at = (source - y0, np.arange(cols.start, cols.stop)[None] - x0)
    colour = cv2.GaussianBlur(window.astype(np.float32), (0, 0), fine)[at]
    # One pass each side of the line, fading out over the next: the chin repeated is striped.
    fade = 1 - smoothstep(depth, 2 * depth, np.abs(ys - edge).astype(np.float32))
    weight = (_skin_likeness(window, sample)[at] > 0.5) * fade
    sigma = max(1.0, TEXTURE_SIZE * face_px)
    mean = cv2.GaussianBlur(colour * weight[..., None], (0, 0), sigma) / np.maximum(
        cv2.GaussianBlur(weight, (0, 0), sigma), 1e-3)[..., None]
    weight = cv2.GaussianBlur(weight, (0, 0), max(1.0, MIRROR_SOFTNESS * face_px))
    return _grey(SHADE * (colour - mean)), weight.astype(np.float32)


def _grey(texture: np.ndarray) -> np.ndarray:
    """(n, m, 3) float32 grey levels: the lightness (YCrCb's Y weights) of `texture` ((n, m, 3) float32, a colour
    residue about 0) in all three channels: the chin's texture without its hue. With its hue, the blurred lower lip
    under sr_8's cyan light (it passes `_skin_likeness`) laid a lilac streak on her neck's tone (preset:turn 10-16,
    `figures.tone_hue`)."""
    grey = cv2.cvtColor(np.ascontiguousarray(texture, np.float32), cv2.COLOR_RGB2GRAY)
    return np.repeat(grey[..., None], 3, axis=-1)


def _shaded(crop: np.ndarray, shade: np.ndarray) -> np.ndarray:
    """(h, w, 3) float32 RGB: `crop` ((h, w, 3) uint8 RGB) with its brightness (YCrCb's Y) times `shade`
    ((h, w)), its chroma kept: skin in shadow stays as warm (scaling RGB greyed lp_s12's shadowed neck)."""
    ycrcb = cv2.cvtColor(np.ascontiguousarray(crop), cv2.COLOR_RGB2YCrCb).astype(np.float32)
    ycrcb[..., 0] *= shade
    return cv2.cvtColor(np.clip(ycrcb, 0, 255).astype(np.uint8), cv2.COLOR_YCrCb2RGB).astype(np.float32)


def _shade_cover(width: np.ndarray, mirror_weight: np.ndarray) -> np.ndarray:
    """(n, m) float32 in [0, 1]: how much of the shadowed neck is laid on the neck box (before its reach up
    the jaw, `NeckWarp.below_jaw`): across, the neck's width (`width`, (m,)), and wherever the mirrored neck
    holds (`mirror_weight`, (n, m), `_mirrored`: the neck's skin told by its colour alone, its folds and
    shading kept). sr_18's creased neck under the ear is not plain skin, so it was outside the width: there
    the plate's fill showed through the mirror, laid in part, as a smooth grey patch with a hard edge where
    the width rose. Only where the mirror holds, not up its columns."""
    return np.maximum(width[None], mirror_weight).astype(np.float32)


def _held_columns(mirror_weight: np.ndarray, person: np.ndarray, across: np.ndarray, half_jaw: float,
                  sigma: float) -> np.ndarray:
    """(m,) float32 in [0, 1]: the columns where the mirrored neck (`mirror_weight`, (n, m)) holds somewhere (over
    0.5), smoothed along the jaw by `sigma` px, past them only over columns with the photo's skin-coloured person
    just below the hole (`person`, (m,) bool, `_person_below`: the side of grace_hopper's neck under her far ear;
    beside the astronaut's neck the background, where the smoothed columns laid a tan haze); faded out from `NECK_HALF_WIDTH`'s outer edge
    to `SIDE_REACH` and from `HELD_INSIDE` inside the jaw angles to them (`across`: (m,) face sizes from the middle
    between the angles; `half_jaw`: half the angles' distance, face sizes). A gap between held columns narrower than
    the smoothing, over that person, holds too: the neck goes on between the two stretches."""
    # Gaps in the person's columns narrower than the smoothing are closed (a few columns under grace_hopper's far ear
    # read no skin: her spread there stays whole).
    person = _morphed(person, cv2.MORPH_CLOSE, sigma)
    # So are the mirror's, over the person: under grace_hopper's far ear lobe it holds over columns 240-281 and 288-307
    # (at 512 px), and smoothed across the gap the tone was laid at 0.6-0.75 over the sky's fill between the lobe and
    # her hair tuft, a translucent mauve-grey band (turn frames 10-22).
    mask = (mirror_weight > 0.5).any(0)
    mask = mask | (_morphed(mask, cv2.MORPH_CLOSE, sigma) & person)
    held = _smooth(mask.astype(np.float32), sigma) * (mask | person) * _side_fade(across)
    return (held * _faded_at_angles(HELD_INSIDE, across, half_jaw)).astype(np.float32)


def _collar_columns(person: np.ndarray, across: np.ndarray, half_jaw: float, sigma: float) -> np.ndarray:
    """(m,) float32 in [0, 1]: the columns where a white collar lies just below the hole (`person`, (m,) bool,
    `_person_below` of the photo's pale person: lp_s12's collar rising to his jaw, the neck's side hidden inside it), in
    full where they make a run as wide as a smoothing of `sigma` px once gaps narrower than it are closed (a
    morphological closing, then an opening: lp_s6's few scattered pale columns under the statue's ear are no collar,
    laid in full they let the wall's fill show as light stripes, `figures.wall_notch.tone_streak`); faded out from
    `COLLAR_INSIDE` inside the jaw angles to them (`across`: (m,) face sizes from the middle between the angles;
    `half_jaw`: half the angles' distance, face sizes). A jaw moved in uncovers the neck there, not the background (on a
    photo driver, a grey-blue wedge between his jaw and collar, where the neck's own width, `SHADE_HALF_WIDTH`, had
    ended). Smoothed and kept over the run alone, a narrow run (lp_s12's 17 columns under his ear) was laid at ~0.5-0.6
    over the hole's wall fill: under his raised, turned chin (preset:turn 12-22) a grey-brown film, neither skin nor
    wall, with straight sides (`figures.tone_film`)."""
    held = _morphed(_morphed(person, cv2.MORPH_CLOSE, sigma), cv2.MORPH_OPEN, sigma).astype(np.float32)
    return (held * _faded_at_angles(COLLAR_INSIDE, across, half_jaw)).astype(np.float32)


def _faded_at_angles(inside: float, across: np.ndarray, half_jaw: float) -> np.ndarray:
    """(m,) in [0, 1]: 1 up to `inside` face sizes inside the jaw angles, 0 at and past them (smoothstep between);
    `across`: (m,) face sizes from the middle between the angles, `half_jaw`: half the angles' distance, face sizes."""
    return 1 - smoothstep(half_jaw - inside, half_jaw, across)


def _side_fade(across: np.ndarray) -> np.ndarray:
    """(m,) float32 in [0, 1]: 1 within `NECK_HALF_WIDTH`'s outer edge, fading out to 0 at `SIDE_REACH` (`across`:
    (m,) face sizes from the middle between the jaw angles)."""
    return (1 - smoothstep(NECK_HALF_WIDTH[1], SIDE_REACH, across)).astype(np.float32)


def _filled_dips(values: np.ndarray) -> np.ndarray:
    """(m,) float32: `values` ((m,)) with every shallow dip filled up to the lower of the highest values on its either
    side (the least profile over them that rises to one plateau and falls), a dip whose lowest value is under
    `SHALLOW_DIP` of that level left as it is (a gap between two necks' worth of columns: sr_8's hood)."""
    level = np.minimum(np.maximum.accumulate(values), np.maximum.accumulate(values[::-1])[::-1])
    dipped = np.flatnonzero(level > values)
    if len(dipped) == 0:
        return values.astype(np.float32)
    out = values.astype(np.float32).copy()
    for run in np.split(dipped, np.flatnonzero(np.diff(dipped) > 1) + 1):
        if values[run].min() >= SHALLOW_DIP * level[run].max():
            out[run] = level[run]
    return out


def _joined(columns: np.ndarray, wide: np.ndarray, sigma: float) -> np.ndarray:
    """(m,) bool: `columns` ((m,) bool: the skin below the hole) closed (`_morphed`, a smoothing of `sigma` px's
    reach), and where a gap narrower than that reach parts them from `wide` ((m,) bool: the neck's width), the span
    over both and the gap: one neck, smoothed as one (smoothed apart, lp_s6's short run of skin under its ear peaked
    at 0.63 beside the neck's full width)."""
    closed = _morphed(columns, cv2.MORPH_CLOSE, sigma)
    span = _morphed(columns | wide, cv2.MORPH_CLOSE, sigma)
    gap = span & ~(closed | wide)
    out = closed.copy()
    for run in np.split(np.flatnonzero(span), np.flatnonzero(np.diff(np.flatnonzero(span)) > 1) + 1):
        if gap[run].any():
            out[run] = True
    return out


def _lowest_near(values: np.ndarray, sigma: float) -> np.ndarray:
    """(m,) float32: `values` ((m,)) eroded along the jaw by a window wider than a smoothing of `sigma` px, then
    smoothed by it: at no column above its own value (where it lies, an edge below the hole, it stays above it)."""
    size = max(3, int(6 * sigma) | 1)
    return _smooth(cv2.erode(values.astype(np.float32)[None], np.ones((1, size), np.uint8),
                             borderType=cv2.BORDER_REPLICATE)[0], sigma)


def _floor_line(first: np.ndarray, hole_end: np.ndarray, sigma: float, least: float) -> np.ndarray:
    """(m,) float32 crop rows: at least `least` px below the hole's end (`hole_end`, (m,) crop rows), as far as the
    neck's length below it (the first row that is no plain skin, `first` (m,), minus `hole_end`) reaches, that length
    read as `_lowest_near` reads the rows (above `first` in every column). Along a jaw's sloping side the collar line
    read on the rows alone takes the shallowest neighbour's (lp_d19's hoodie rising beside the jaw's right side, 50 px
    over) to columns whose neck hangs 50 px lower: up to the hole's end, where they stay still (`NeckWarp.floor`)."""
    return hole_end + np.minimum(_lowest_near(first - hole_end, sigma), least)


def _smooth(values: np.ndarray, sigma: float) -> np.ndarray:
    """(m,) or (m, c) float32: `values` ((m,) or (m, c)) smoothed along their first axis by a Gaussian of `sigma` px
    (edges replicated)."""
    return cv2.GaussianBlur(values.astype(np.float32)[None], (0, 0), sigma, sigmaY=1e-3,
                            borderType=cv2.BORDER_REPLICATE)[0]


def _morphed(columns: np.ndarray, operation: int, sigma: float) -> np.ndarray:
    """(m,) bool: the columns set in `columns` ((m,) bool) closed, eroded... (`operation`, a cv2.MORPH_*) along the jaw
    by a window of 2 round(sigma) + 1 columns (edges replicated): a smoothing of `sigma` px's reach (with
    MORPH_CLOSE, every gap narrower than it closed)."""
    window = np.ones((1, 2 * round(sigma) + 1), np.uint8)
    return cv2.morphologyEx(columns.astype(np.uint8)[None], operation, window, borderType=cv2.BORDER_REPLICATE)[0] > 0


def _slope_limited(values: np.ndarray, slope: float) -> np.ndarray:
    """(m,) float32: the largest function at most `values` ((m,) px per column, >= 0) whose change from one
    column to the next is at most `slope` px (min over columns x' of values(x') + slope |x - x'|)."""
    out = np.empty(len(values), np.float32)
    if values.dtype == np.float32 and slope > 0 and slope_limited(np.ascontiguousarray(values), np.float32(slope), out):
        return out  # compiled, bit for bit: each column reads only the neighbours that can be less
    x = np.arange(len(values), dtype=np.float32)
    return (values[None, :] + slope * np.abs(x[:, None] - x[None, :])).min(1).astype(np.float32)


def _past_side(skin: np.ndarray, dark: np.ndarray, gap: int, step: int) -> np.ndarray:
    """(m,) bool: the columns past the neck's side seen just below the plate's hole on one side (`step`: 1 the columns'
    right, -1 their left), where within `gap` columns of the outermost column of the photo's skin there (`skin`, (m,)
    bool, `_person_below`) the band turns dark (`dark`, (m,) bool, `_dark_below`; the neck's soft edge between): out
    to where it stops being dark, and in by `gap` columns (`layers.HeadLayer` softens the tone's outline, which spread
    past the neck's edge over the dark background beside it, as `NeckWarp`'s sides are narrowed). None where no skin
    is seen."""
    out = np.zeros(len(skin), bool)
    seen = np.flatnonzero(skin)
    if len(seen) == 0:
        return out
    side = seen[-1] if step > 0 else seen[0]
    near = [x for x in range(side + step, side + step * (gap + 2), step) if 0 <= x < len(skin) and dark[x]]
    if not near:
        return out
    x = near[0]
    while 0 <= x < len(skin) and dark[x]:
        x += step
    ends = side - step * (gap - 1), x - step
    out[max(min(ends), 0):max(ends) + 1] = True
    return out


def _dark_below(grey: np.ndarray, hole: np.ndarray, hole_end: np.ndarray, box: tuple[slice, slice], face_px: float,
                jaw_grey: float) -> np.ndarray:
    """(m,) bool per column of `box`: most of the `SKIN_BAND` face sizes just below the plate's hole (from `hole_end`,
    (m,) crop rows; `hole`: (h, w) bool) is darker than `DARK_BESIDE` of the jaw skin's lightness (`jaw_grey`; `grey`:
    (n', m) float32 the crop's lightness in the box's columns from its top row down)."""
    band = _below_hole(hole, hole_end, box, face_px)
    dark = band & (grey[:len(band)] < DARK_BESIDE * jaw_grey)
    return (dark.sum(0) > 0.5 * band.sum(0)) & band.any(0)


def _below_hole(hole: np.ndarray, hole_end: np.ndarray, box: tuple[slice, slice], face_px: float) -> np.ndarray:
    """(n, m) bool on `box`: the `SKIN_BAND` face sizes just below the plate's hole (from `hole_end`, (m,) crop rows;
    `hole`: (h, w) bool) where the photo is not the hole."""
    rows, cols = box
    ys = np.arange(rows.start, rows.stop)[:, None]
    return ~hole[rows, cols] & (ys >= hole_end) & (ys < hole_end + SKIN_BAND * face_px)


def _person_below(hole: np.ndarray, person: np.ndarray | None, hanging: np.ndarray | None, hole_end: np.ndarray,
                  box: tuple[slice, slice], face_px: float) -> np.ndarray:
    """(m,) bool per column of `box` (n rows, m columns): most of the `SKIN_BAND` face sizes just below the
    plate's hole (from `hole_end`, (m,) crop row per column; `hole`: (h, w) bool) is the photo's person
    (`person`, (h, w) float32 in [0, 1], over 0.5: `NeckWarp` gives its skin-coloured part, the neck under an
    ear), not the background nor the hair hanging with the head (`hanging`, (h, w) float32 in [0, 1], over
    0.5). All False without `person`."""
    rows, cols = box
    band = _below_hole(hole, hole_end, box, face_px)
    if person is None:
        return np.zeros(band.shape[1], bool)
    body = band & (person[rows, cols] > 0.5)
    if hanging is not None:
        body &= hanging[rows, cols] < 0.5
    return body.sum(0) > 0.5 * np.maximum(band.sum(0), 1)


class NeckWarp:
    """The backward map of the plate's neck for a moved jaw, on the box from the jaw's top down to the
    collar line and across the neck (`box`).

    jaw: (J, 2) crop px of the source's jaw line (`jaw_line.JAW`); pivot: (2,) crop px of the neck's axis at the
    chin's height (`NECK_PIVOT` placed with the source's head pose); alpha: (h, w) float32 the source's head
    alpha; hole: (h, w) bool, where the plate is its fill, not the source (`layers.HeadLayer`);
    face_px: the face size, px.

    Down each column the neck between the head's lower edge and the column's collar line (`collars`: the
    0.28 line, raised above a necklace or a collar's edge; the plate's hole's end where the column shows no
    neck, so it stays still; lowered by `floor` under a jaw raised a little, `frame_collars`) is one linear
    stretch: the source's rows from where the photo's head ends (or, as the head rises, from up to where the
    plate stops being fill) down to the collar are laid from where
    the moved head ends down to the collar, at most `MAX_STRETCH` times as long and shifted at most
    `SHIFT_SLOPE` px per px more than the neighbouring columns; above that the plate's shadowed neck tone
    shows. So the neck covers what the head uncovers above it, a lowered chin squeezes it, nothing changes
    while the head stays put, and the collar line and what is below it stay the source. `shade_known`,
    `shade_colour`, `shade_grain` and `below_jaw` tell `layers.HeadLayer` what shadowed neck replaces the
    plate's fill, and where. The hair hanging below the jaw (`hanging`, (h, w) float32 in [0, 1], in the
    head layer) is not part of the head the neck hangs from (`covered`). Where the photo's person (`person`,
    (h, w) float32 in [0, 1]: `HeadMask.person`) with the skin's colour lies just below the hole, up to
    `SIDE_REACH` across, the shadowed tone covers the hole (`below_jaw`): under the ears the neck, not the
    background; so it does inside the jaw angles over a white collar just below the hole (`_collar_columns`) where
    the photo is this face's (`own`, (h, w) float32 in [0, 1]: several faces, its region, 1 - `HeadLayer`'s cut;
    None: the photo's only face): the white there may be another person's (lp_s5's blouse under lp_s1's jaw took her
    neck's tone), but with no collar at all one face of several (lp_s12 beside lp_s1) showed the hole's wall fill
    as a grey smoky blob above his own white collar when his chin rose."""

    def __init__(self, crop: np.ndarray, jaw: np.ndarray, pivot: np.ndarray, alpha: np.ndarray, hole: np.ndarray,
                 face_px: float, hanging: np.ndarray | None = None, person: np.ndarray | None = None,
                 own: np.ndarray | None = None) -> None:
        h, w = alpha.shape
        # The hair hanging below the jaw (`hanging_hair`, in the head layer) is not what the neck hangs from:
        # the head's lower edge and the plate's hole are the head's without it, so its columns read as no
        # neck (hair is not plain skin) and stay still behind the hair moving with the head.
        self._hanging = hanging if hanging is not None and hanging.any() else None
        if self._hanging is not None:
            alpha = alpha * (1 - self._hanging)
            hole = hole & (self._hanging < 0.5)
        self.jaw = np.asarray(jaw, np.float32)
        self.pivot = np.asarray(pivot, np.float32)
        self._face_px = face_px
        chin, top = float(self.jaw[:, 1].max()), max(0, int(self.jaw[:, 1].min()))
        self.collar = float(min(h - 2, chin + NECK_LENGTH * face_px))  # crop row
        centre = 0.5 * float(self.jaw[0, 0] + self.jaw[-1, 0])  # between the jaw angles
        across = np.abs(np.arange(w, dtype=np.float32) - centre) / face_px
        follow = (1 - smoothstep(*NECK_HALF_WIDTH, across)).astype(np.float32)
        xs = np.flatnonzero(across < SIDE_REACH)
        self.box = (slice(top, int(np.ceil(self.collar)) + 1), slice(int(xs[0]), int(xs[-1]) + 1)) if len(xs) \
            and self.collar > top + 2 else None
        if self.box is None:
            return
        rows, cols = self.box
        self.follow = follow[cols][None, :, None]  # (1, m, 1): how much of the neck's motion a column takes
        # (n, 1, 1): and a row, none at the box's top row, in full from `TOP_FADE` face sizes below it: above
        # the box the plate stays still, so a neck moved up to the top row ended in a straight seam there
        # where a turned head uncovers the plate beside the jaw (lp_s5).
        down_box = np.arange(rows.stop - rows.start, dtype=np.float32)
        self._top_fade = smoothstep(0.0, TOP_FADE * face_px, down_box)[:, None, None].astype(np.float32)
        self._sigma = max(1.0, SIDE_SOFTNESS * face_px)
        # Per column: below the photo's head (alpha >= 0.5), and below the plate's hole (never lower than the
        # chin plus the hole's reach: hanging hair's hole is not the neck's).
        self._head_end = _smooth(_below_cover(alpha[rows, cols] >= 0.5, top), self._sigma)
        reach = slice(top, int(min(self.collar, chin + HOLE_REACH * face_px)))
        hole_edge = _below_cover(hole[reach, cols] > 0, top)
        self._hole_end = np.maximum(_smooth(hole_edge, self._sigma), self._head_end)
        # Per column the collar line is raised to above the first strong edge below the hole (a necklace,
        # a collar's edge) or what is not skin: what is below it stays still, so it never moves in part.
        # The lowest of its neighbours' (a window wider than the smoothing), smoothed along the jaw.
        # The skin just inside the jaw line, (n, m) uint8 on the box: what plain skin looks like here, and the
        # shadowed neck's colour in columns with no neck.
        band = np.vstack([self.jaw, self.jaw[::-1] - (0, SKIN_BAND * face_px)]) - (cols.start, rows.start)
        skin = np.zeros((rows.stop - rows.start, cols.stop - cols.start), np.uint8)
        cv2.fillPoly(skin, [np.round(band).astype(np.int32)], 1)
        # Below the jaw angles (the box) and within the neck's width, (n, m) float32: where a neck may be
        # (`layers.HeadLayer` shades it; beside it the plate's fill stays the background's). Inside the jaw
        # line too: a raised chin uncovers the plate's hole there, and behind a chin is neck (left to the
        # hole's smooth fill, it showed as a flat grey patch under lp_s12's and lp_s1's raised chins).
        # Its top is the jaw line raised by `SHADE_REACH` (anti-aliased; `layers.HeadLayer` softens it): a
        # tone reaching the box's top row ended in a straight edge beside a turned jaw (lp_s6).
        raised = self.jaw - (0, SHADE_REACH * face_px)
        drop = (0, h + 2 * face_px)
        reach = polygon_mask([np.vstack([raised, raised[-1] + drop, raised[0] + drop])], skin.shape,
                             (cols.start, rows.start))
        plain = _plainness(crop[rows, cols], skin, face_px)
        # (h, m) float32 in [0, 1]: how much the crop's pixels in the box's columns have the skin's colour.
        sample = np.zeros((h, cols.stop - cols.start), np.uint8)
        sample[rows] = skin
        self.skin_columns = _skin_likeness(crop[:, cols], sample)
        # The shadowed neck's colours, filled in by `layers.HeadLayer` from where `shade_known` > 0: the photo's
        # plain neck just below the hole, so the tone continues the neck it meets without a step, and in
        # columns with none the skin inside the jaw line darkened by `SHADE`. (n, m, 3) float32 and (n, m)
        # float32 on the box.
        ys = np.arange(plain.shape[0])[:, None] + top
        neck_top = ~hole[rows, cols] & (ys < self._hole_end + SKIN_BAND * face_px) & (plain > 0.5)
        self.shade_known = np.maximum(skin * ~neck_top.any(0), neck_top).astype(np.float32)
        # Where the photo's neck lies below the hole, the tone is that neck mirrored up across the hole's lower
        # edge (`_mirrored`): its own texture and shading, joining it without an edge.
        # Within the run of the neck's skin below the hole; where the jaw's thin shadow band lies on a lit neck,
        # only the band (`shadow_band`: beyond it the lit front mirrored up was a pale lobe beside lp_s3's chin).
        edge, first_row, run_end = _neck_run(crop, hole, skin, hole_edge, self.box, face_px)
        grey, saturation = lightness(crop[top:, cols]), _saturation(crop[top:, cols])
        jaw = skin > 0
        jaw_skin = (float(np.median(grey[:skin.shape[0]][jaw])), float(np.median(saturation[:skin.shape[0]][jaw]))) \
            if jaw.any() else (np.inf, 0.0)
        # (On the neck's columns: beside it, sr_4's light wall read as a lit neck past his jaw's dark outline.)
        band_end_row = np.where(follow[cols] > 0.5, band_end(grey, saturation, first_row, run_end, jaw_skin, face_px),
                                run_end)
        # Where the jaw's shadow lies just above the hole's end instead (`shadow_band.dark_rim`, sr_8's), the neck under
        # the jaw is in that shadow: no mirror, and the tone takes the rim's colours, not the lit neck's below the end.
        # (Not the hair hanging below the jaw: lp_s5's curl read as the jaw's shadow.)
        hair = None if self._hanging is None else self._hanging[top:, cols] > 0.5
        rim = (follow[cols] > 0.5) & dark_rim(grey, first_row, band_end_row, face_px, hair)
        self.mirror, self.mirror_weight = _mirrored(
            crop, skin, (edge, first_row, np.where(rim, first_row[0], band_end_row)), self.box, face_px,
            band_end_row < run_end)
        self.shade_known[:, rim] = 0  # (not the lit neck below the end: the tone there is the rim's, below)
        # Across: within `SHADE_HALF_WIDTH`, and over the columns where the photo's plain neck skin, or else its
        # skin-coloured person (the neck's side under an ear, however folded; not the background, clothes, nor
        # hair hanging with the head), lies just below the hole: behind the head there is the neck, not the
        # background. The hole's background fill showed inside a wide neck's outline (sr_4's, under the ear)
        # and as the sky's blue and the flag's colours under grace_hopper's ears. And wherever the mirror holds
        # (`_shade_cover`).
        # Those are narrowed by `SIDE_SOFTNESS` each side, not smoothed: `layers.HeadLayer` softens the tone's
        # outline, which spread past the neck's edge over the background beside it (lp_s1's, below her hair).
        # The person there by the skin's colour only (not its plainness: grace_hopper's wrinkled neck), never
        # clothes: below sr_18's far jaw the collar, below sr_8's far cheek the hoodie, drew a skin-coloured
        # band over the background beside the jaw.
        neck_skin = None
        if person is not None:
            neck_skin = np.zeros(alpha.shape, np.float32)
            neck_skin[rows, cols] = person[rows, cols] * (_skin_likeness(crop[rows, cols], skin) > 0.5)
        skin_below = _person_below(hole, neck_skin, self._hanging, self._hole_end, self.box, face_px)
        # (m,) bool on the box's columns: the photo's neck seen below the jaw (`shifted_wall.past_neck`): its skin, not
        # pale (the wall: lp_s5's warm grey wall beside her thin neck reads as skin by its chroma), in the `SKIN_BAND`
        # below `skin_below`'s (in that band the hair lock hanging by lp_s5's jaw and its shadow read as skin), gaps
        # narrower than the smoothing closed
        self.neck_seen = np.zeros(skin_below.shape, bool)
        if neck_skin is not None:
            coloured = neck_skin.copy()
            coloured[rows, cols] *= ~_pale(crop[rows, cols], skin)
            lower = _person_below(hole, coloured, self._hanging, self._hole_end + SKIN_BAND * face_px, self.box, face_px)
            self.neck_seen = _morphed(lower, cv2.MORPH_CLOSE, self._sigma)
        below = _morphed(skin_below, cv2.MORPH_ERODE, self._sigma)
        sides = np.maximum(_smooth(neck_top.any(0).astype(np.float32), self._sigma), below)
        side_fade = _side_fade(across[cols])  # (m,) on the box's columns
        sides *= side_fade
        # (m,) bool: the columns past the neck's far side (away from its axis) seen just below the hole, where the
        # photo there is dark background (`_past_side`), and that side's direction along x (1: the columns' right):
        # where the far jaw moves in, `layers.HeadLayer` lays the plate there without the neck's tone (`far_in`).
        self.far_step = 1 if self.pivot[0] < centre else -1
        dark_below = _dark_below(grey, hole, self._hole_end, self.box, face_px, jaw_skin[0])
        self.beyond = _past_side(skin_below, dark_below, round(self._sigma), self.far_step)
        # Crop (x, y) px: the hole's end at the neck's outermost column seen on the near side, where dark background
        # off the person lies just past it (`_past_side`; not dark clothes: sr_8's hood beside her near jaw); None where
        # not: `near_bare` lays the background past the neck's outline continued up from it to the moved lobe.
        off = dark_below & ~_person_below(hole, person, None, self._hole_end, self.box, face_px)
        self.near_end = None
        if _past_side(skin_below, off, round(self._sigma), -self.far_step).any():
            seen = np.flatnonzero(skin_below)
            outer = seen[0] if self.far_step > 0 else seen[-1]
            self.near_end = float(self.box[1].start + outer), float(self._hole_end[outer])
        width = np.maximum(1 - smoothstep(*SHADE_HALF_WIDTH, across[cols]), sides)
        # And up the whole of a column where the mirrored neck holds, inside the jaw angles: under grace_hopper's far
        # ear her collar rises against the hole, so the neck shows below it only in part, and above the mirror the
        # hole's fill was the sky's blue, a translucent patch where the turned jaw uncovered it (issue #9). The whole
        # of the column in the box: from its top row, not from the jaw line raised by `SHADE_REACH` (between the
        # two, right under her moved far ear lobe, the sky's fill showed as a blue patch, turn frames 14-20).
        half_jaw = 0.5 * abs(float(self.jaw[0, 0] - self.jaw[-1, 0])) / face_px
        held = _held_columns(self.mirror_weight, skin_below, across[cols], half_jaw, self._sigma)
        if person is not None:
            # And inside the jaw angles where a white collar (pale, not darker than the jaw's skin) rises to the hole:
            # the neck goes on behind it up to the jaw (`_collar_columns`). Not any clothes: up sr_8's dark hood the
            # tone drew a light streak beside her turned jaw.
            collar = np.zeros(alpha.shape, np.float32)
            white = _pale(crop[rows, cols], skin) & (grey[:len(ys)] >= jaw_skin[0])
            wall = person[rows, cols] < 0.5  # nor the background's colour (the astronaut's pale wall by her jaw)
            if wall.any():
                box_crop = crop[rows, cols].astype(np.float32)
                white &= np.linalg.norm(box_crop - np.median(box_crop[wall], 0), axis=-1) > COLLAR_APART
            collar[rows, cols] = person[rows, cols] * white * (1 if own is None else own[rows, cols])
            clothed = _person_below(hole, collar, self._hanging, self._hole_end, self.box, face_px)
            width = np.maximum(width, _collar_columns(clothed, across[cols], half_jaw, self._sigma))
        width = np.maximum(width, held)
        # (m,) float32 in [0, 1]: the columns where the neck goes on up behind the head (`under_ear.tone_under_ear`):
        # its width, and the columns with the photo's skin-coloured person just below the hole (gaps narrower than
        # the smoothing closed), smoothed; beside them (past a thin neck's side under lp_s6's ear) the wall. The neck
        # is one span: a dip where its width fades out before the skin below takes over (lp_s6's, 0.66 two face
        # hundredths inside its lobe) let the hole's wall fill show through the tone as a light vertical stripe,
        # one arm of a white "V" under the turned jaw (`figures.wall_notch.haze_under_ear`), so dips are filled.
        closed = _joined(skin_below, width > 0.5, self._sigma)
        self.neck_columns = _filled_dips(np.maximum(width, _smooth(closed.astype(np.float32), self._sigma))
                                         * side_fade)
        # (n, m) bool on the box: the columns from `HELD_INSIDE` inside the jaw angles outwards, under the ears: where
        # `fringe_unmix.unmix_over_neck` unmixes the head's edge against the tone on ties too (not the chin's edge).
        self.under_ears = np.broadcast_to(across[cols] >= half_jaw - HELD_INSIDE, reach.shape)
        reach = np.maximum(reach, held[None])
        # (The mirror's share fades in below the box's top row, as the neck's motion does: a statue's white
        # background beside the jaw (lp_s6) is as pale as its skin, and a tone up to that row ended straight.)
        self.below_jaw = _shade_cover(width, self.mirror_weight * self._top_fade[..., 0]) * reach
        self.shade_colour = _shaded(crop[rows, cols], np.where(skin > 0, SHADE, 1.0))
        # In columns with no neck just below the hole (a necklace against the chin) the band takes the colour of
        # the photo's plain neck lower down, within the neck's width (`neck_tone`).
        lower = ~hole[rows, cols] & (ys > self._hole_end + 2 * EDGE_SPREAD * face_px) & (plain > 0.5)
        lower &= (1 - smoothstep(*SHADE_HALF_WIDTH, across[cols]) > 0.5)[None]
        band = (skin > 0) & ~neck_top.any(0)[None]  # the jaw's band where it colours the tone
        # Averaged along the band: its own features along the jaw outline (the shadow under lp_s12's ear) are not the
        # tone's (`neck_tone.along_band`).
        self.shade_colour = along_band(neck_coloured(self.shade_colour, band, crop[rows, cols], lower), band, face_px)
        self.shade_grain = _grain(crop[rows, cols], self.shade_known, face_px)  # (n, m, 3), added to the tone
        # Where the chin's skin can be mirrored down across the jaw line, its shading and folds are added to the
        # grain: the tone is not a flat patch with pores only (issue #9's flat neck blob).
        line, _ = self._jaw_columns(self.jaw, np.arange(cols.start, cols.stop, dtype=np.float32))
        texture, chin = _chin_texture(crop, line, skin, self.box, face_px)
        self.shade_grain += chin[..., None] * texture
        # Beside the mirrored neck the tone continues it, not the jaw's band (`neck_tone.from_mirror`).
        self.shade_colour, self.shade_known = from_mirror(
            self.shade_colour, self.shade_known, band, self.mirror,
            self.mirror_weight, face_px)
        if rim.any():
            # Up the columns of the jaw's shadow (`dark_rim`) the tone is the rim's colour, smoothed along the jaw, and
            # beside them it continues that shadow, as beside the mirror (`neck_tone.from_mirror`).
            on_box = None if hair is None else hair[:len(ys)]
            shadow = rim_colour(self.shade_colour, rim_rows(len(ys), first_row, face_px, on_box) & rim[None])
            weight = _smooth(rim.astype(np.float32), self._sigma)
            shadow = _smooth(shadow, self._sigma) / np.maximum(weight, 1e-3)[:, None]
            above = (ys - top < first_row) & rim[None]
            self.shade_colour, self.shade_known = from_mirror(
                self.shade_colour, self.shade_known, band,
                np.broadcast_to(shadow[None], self.shade_colour.shape), above.astype(np.float32), face_px)
        # (The jaw's own outline, just below the hole, is not one.) A column with no plain skin there shows
        # no neck: its content (a collar against the chin) moves down to the collar line as one piece.
        start = self._hole_end + 2 * EDGE_SPREAD * face_px
        # Nor is the jaw's shadow band on a lit neck (its lower edge is strong): the neck is looked for past it.
        start = np.where(band_end_row < run_end, np.maximum(start, top + band_end_row + 2 * EDGE_SPREAD * face_px),
                         start)
        below = (np.arange(plain.shape[0])[:, None] + top) > start[None]
        marked = below & (plain < 0.5)
        first = np.where(marked.any(0), top + np.argmax(marked, 0), self.collar).astype(np.float32)
        neck = first - self._hole_end >= NECK_SPAN * face_px  # (m,) bool: the column shows a neck
        first = np.where(neck, first, self.collar)
        rows_line = _lowest_near(first, self._sigma)
        # A column with no neck (a collar against the chin, clothes or background beside the jaw) stays still
        # below the plate's hole: its collar line is the hole's end.
        shows = _smooth(neck.astype(np.float32), self._sigma)

        def shown(line: np.ndarray) -> np.ndarray:
            return self._hole_end + shows * (np.clip(line, self._hole_end, self.collar) - self._hole_end)

        self.collars = shown(rows_line).astype(np.float32)  # (m,)
        # (m,) float32 px: how much lower the collar line may go for a jaw raised little (`frame_collars`)
        self.floor = shown(np.maximum(rows_line, _floor_line(first, self._hole_end, self._sigma, NECK_SPAN * face_px))
                           ).astype(np.float32) - self.collars
        # The neck's outermost columns (its skin below the hole, `sides`) and the collar line of the nearest
        # column showing a neck: where `neck_sides` pulls each side from, and down to where.
        # How plain the neck is inward of each side: a creased one is pulled less (`neck_sides.side_plainness`).
        skin_cols, neck_cols = np.flatnonzero(sides > 0.5), np.flatnonzero(shows > 0.5)
        self._sides = None
        if len(skin_cols) and len(neck_cols):
            ends, lines = skin_cols[[0, -1]], self.collars[neck_cols[[0, -1]]]
            plainness = side_plainness(*_plainness_at(crop[rows, cols], skin, face_px, PLAIN_FACE_PX),
                                       tuple(int(e) for e in ends), tuple(float(self._hole_end[e]) - top for e in ends),
                                       tuple(float(c) - top for c in lines), face_px)
            self._sides = SidePull(self.jaw, tuple(float(e) + cols.start for e in ends), tuple(float(c) for c in lines),
                                   rows, cols, face_px, MAX_STRETCH, plainness)

    def far_in(self, target_jaw: np.ndarray) -> float:
        """In [0, 1]: how far the jaw's far end (along `far_step`) moved in towards the neck's axis for the jaw moved
        to `target_jaw` ((J, 2) crop px), by `FAR_IN`: where it moved in, what lay past the neck's far side under the
        photo's jaw (`beyond`) is the background the jaw uncovers, not the neck's tone (sr_18 `edit --yaw 45 --pitch
        -30`: a pale skin block beside his neck up to the photo's far jaw outline, `figures.pale_block`); where it
        moved out, the neck turned with it (sr_18 x preset:turn, `test_neck_join`)."""
        far = (lambda xs: float(xs.max() if self.far_step > 0 else -xs.min()))
        moved_in = (far(self.jaw[:, 0]) - far(np.asarray(target_jaw, np.float32)[:, 0])) / self._face_px
        return float(smoothstep(*FAR_IN, moved_in))

    @property
    def hole_end(self) -> np.ndarray:
        """(m,) float32 crop row per column of `box`: just below the plate's hole under the jaw (or the photo's
        head, where lower), smoothed along the jaw."""
        return self._hole_end

    @property
    def head_end(self) -> np.ndarray:
        """(m,) float32 crop row per column of `box` where the photo's head (alpha >= 0.5) ends, smoothed along
        the jaw as `neck_top` smooths the moved head's end."""
        return self._head_end

    def drawn_end(self, alpha: np.ndarray) -> np.ndarray:
        """(m,) float32 crop row per column of `box` where the head layer as drawn at rest ends (its alpha `alpha`,
        (h, w) float32 on the crop, >= 0.5, the hanging hair left out as `covered` leaves it): `neck_top` reads the
        moved head's end against it, so the neck does not move with the head still. Against `head_end` (the plate's
        alpha) it moved wherever the drawn head ends elsewhere: lower where the fringe's alpha is raised over the neck
        (`fringe_unmix.unmix_over_neck`; beside lp_d11's jaw pushed down 17-25 px, the neck's tone over the dark hair,
        a pink box under `--regions eyes`), higher where it leaves out what `head_end` reads: the ears' matte
        (`layers.edge_matte`; under lp_d3's ear raised 1-4 px, the dark hair under the fringe unmixed against the
        lighter fill: a black line across the hoop earring) and the hair hanging past the jaw (lp_d11 frame 115, with
        the matte: up to 24 px, a pale strip of the fill over the dark hair beside the jaw; `figures.still_jaw`)."""
        if self._hanging is not None:
            alpha = alpha * (1 - self._hanging)
        rows, cols = self.box
        return _smooth(_below_cover(alpha[rows, cols] >= 0.5, rows.start), self._sigma)

    def covered(self, alpha: np.ndarray, maps: np.ndarray) -> np.ndarray:
        """(n, m) bool on `box`: where the moved head covers the neck (the warped head alpha `alpha` (n, m)
        float32 >= 0.5), the hanging hair left out: `maps` (n, m, 2) float32, the head's backward map there
        (crop px), moves the hanging hair as it moves the head layer."""
        if self._hanging is None:
            return alpha >= 0.5
        out = np.empty(alpha.shape, bool)  # alpha * (1 - the hair's bilinear read, 0 off the crop) >= 0.5, one pass
        uncovered_hair(alpha, self._hanging[..., None], maps, BILINEAR_WEIGHTS, out)
        return out

    def _jaw_columns(self, target: np.ndarray, columns: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(m,) row of the target jaw line's lowest point at each of `columns` (m,) crop px and (m, 2) the
        jaw's backward offset there (source minus target), for a target jaw `target` (J, 2) crop px. The
        lowest point over each pixel column (`jaw_line.lowest_crossings`; where the line is steep, at the jaw's
        angles, not its row at the column's middle) is what the neck hangs from in the frame (on a turned head
        the far side of the jaw folds back above the chin); columns the jaw does not reach hold its nearest
        end. Both are smoothed along x over `SIDE_SOFTNESS` face sizes so a corner of the jaw line does not
        crease the neck."""
        ends = np.rint(target[:, 0].min()), np.rint(target[:, 0].max())  # the pixel columns it reaches
        line, k, t = lowest_crossings(target, np.clip(columns, *ends), half=0.5)
        offset = self.jaw - target
        shift = offset[k] + t[:, None] * (offset[k + 1] - offset[k])
        sigma = max(1.0, SIDE_SOFTNESS * self._face_px)
        smooth = cv2.GaussianBlur(np.column_stack([line, shift]).astype(np.float32), (1, 0), sigma,
                                  sigmaY=sigma, borderType=cv2.BORDER_REPLICATE)
        return smooth[:, 0], smooth[:, 1:]

    def jaw_columns(self, target_jaw: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(m,) float32 crop row of the jaw's lowest point and (m, 2) float32 px its backward offset (source minus
        target) at each column of `box`, for the jaw moved to `target_jaw` ((J, 2) crop px), as `displacement`
        reads them (`_jaw_columns`)."""
        cols = self.box[1]
        return self._jaw_columns(np.asarray(target_jaw, np.float32), np.arange(cols.start, cols.stop, dtype=np.float32))

    def frame_collars(self, ends: np.ndarray) -> np.ndarray:
        """(m,) float32 crop rows: the collar line for a moved head ending at `ends` ((m,) crop rows per column of
        `box`): `collars`, lowered by `floor` where the neck laid from `ends` down to that lower line is stretched
        under `FLOOR_STRETCH`'s first figure (none from its second). A jaw drawn a little up (lp_d19 dubbed: 11-17 px)
        takes the neck under it along; a turned jaw raised far (sr_18's on preset:turn) leaves the column still as
        before, its tone showing: a short neck stretched to the limit there was a streaked smear."""
        lowered = self.collars + self.floor
        stretch = (lowered - ends) / np.maximum(lowered - self._hole_end, 1.0)
        return self.collars + (1 - smoothstep(*FLOOR_STRETCH, stretch)).astype(np.float32) * self.floor

    def neck_top(self, covered: np.ndarray, rest: np.ndarray | None = None
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Where the neck's top goes under the moved head covering `covered` ((n, m) bool, its alpha >= 0.5 on
        `box`), (m,) float32 each per column of `box`: the crop row where that head ends, the source row of the
        neck's top and how far up it is laid (px: it shows at `starts - shift`); `displacement`'s down part.
        rest: (m,) crop rows where the head ends at rest (`drawn_end`); None: `head_end`."""
        head = self._head_end if rest is None else rest
        ends = _smooth(_below_cover(covered, self.box[0].start), self._sigma)  # where the moved head ends
        collars = self.frame_collars(ends)
        ends = np.minimum(ends, collars - 1)
        raised = np.clip(head - ends, 0, None)
        starts = head + np.clip(self._hole_end - head, 0, None).clip(max=raised)  # the neck's top, source row
        # The neck from `starts` to the collar is laid from `ends` down, stretched at most MAX_STRETCH times:
        # from `tops` (crop row) down; above, the plate under the old jaw (its shadowed tone), not stretched.
        shift = starts - np.maximum(ends, collars - MAX_STRETCH * (collars - starts))
        # Neighbouring columns shift by at most `SHIFT_SLOPE` px per px apart (towards no shift), so the neck
        # is not sheared where the head's lower edge is steep (its sides); the rest shows the shadowed tone.
        shift = _slope_limited(np.maximum(shift, 0), SHIFT_SLOPE) - _slope_limited(np.maximum(-shift, 0), SHIFT_SLOPE)
        return ends, starts, shift

    @property
    def top_fade(self) -> np.ndarray:
        """(n,) float32 in [0, 1] down the neck box's rows: 0 at its top row (the jaw angles' height), 1 from
        `TOP_FADE` face sizes below it."""
        return self._top_fade[:, 0, 0]

    def displacement(self, target_jaw: np.ndarray, target_pivot: np.ndarray, covered: np.ndarray,
                     top: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None,
                     jaw: tuple[np.ndarray, np.ndarray] | None = None) -> np.ndarray:
        """(n, m, 2) float32 backward displacement px (source position minus pixel position) of the plate's
        neck on `box`, for the jaw moved to `target_jaw` (J, 2) crop px, the neck's axis to `target_pivot`
        (2,) crop px and the moved head covering `covered` ((n, m) bool, its alpha >= 0.5 on `box`; `top`:
        its `neck_top`, and `jaw`: `jaw_columns(target_jaw)`, where already found).

        Down: each column's linear stretch (class docstring), at most `MAX_STRETCH` times (beyond, the plate
        under the old jaw shows: its shadowed neck tone, rather than the neck smeared). Across: each column takes the jaw's backward
        offset at the row where the target jaw line is lowest (`_jaw_columns`), the neck's front twisting
        with the chin and its sides moving with the axis (`TWIST`), leaning at most `MAX_SHEAR`, in full
        down to the chin's row, fading linearly to none at the column's collar. Both fade across the neck's
        columns (`follow`). A side of the neck whose meeting point with the jaw moves outward is pulled along
        with it (`neck_sides.SidePull`, joined to the lean by `neck_sides.with_pull`): no wall opens between them."""
        rows, cols = self.box
        columns = np.arange(cols.start, cols.stop, dtype=np.float32)
        ends, starts, shift = top if top is not None else self.neck_top(covered)
        collars = self.frame_collars(ends)
        tops = starts - shift  # the row where the neck's top shows
        line, offset = jaw if jaw is not None else self._jaw_columns(np.asarray(target_jaw, np.float32), columns)
        axis = float(self.pivot[0] - target_pivot[0])  # the axis' backward offset along x
        reach = TWIST * self._face_px
        twist = 1 - smoothstep(0.0, reach, np.abs(columns - float(target_pivot[0])))
        # The front twists at most so far that the smoothstep's steepest slope (1.5 / reach) leaves the
        # texture squeezed or stretched no more than MAX_STRETCH times across.
        most = (1 - 1 / MAX_STRETCH) * reach / 1.5
        span = np.maximum(collars - float(line.max()), 1.0)  # from the moved chin, the jaw's lowest row
        lean = np.clip(axis + twist * np.clip(offset[:, 0] - axis, -most, most), -MAX_SHEAR * span, MAX_SHEAR * span)
        out = np.empty((rows.stop - rows.start, len(columns), 2), np.float32)
        neck_displacement(rows.start, np.float32(self.collar), collars, tops, shift, lean, span,
                          self.follow[0, :, 0], self._top_fade[:, 0, 0], out)
        if self._sides is not None:
            # The neck's sides follow the jaw where it carries their meeting point outward (`neck_sides`).
            pull = self._sides(np.asarray(target_jaw, np.float32))
            if pull is not None:
                with_pull(out[..., 0], self._top_fade[:, 0, 0], pull)
        return out
