"""A procedural open mouth for templates and presets (no driver pixels): a cavity darkening to the
throat, a tongue, and rows of individual upper and lower teeth, lit like the face.

Everything is drawn in a box around the target opening; shapes are in units of the opening's gap and the
mouth width so any face size works. v runs from the upper inner lip (0) to the lower one (1) per column.
"""

from __future__ import annotations

from typing import NamedTuple

import cv2
import numpy as np

_WALL, _THROAT = 0.6, 0.2  # cavity colour beside the lips / at the back of the throat, times the lip colour
_DEEP_TINT = np.array([1.0, 0.6, 0.6], np.float32)  # the throat is redder than the lips (RGB gains)
_TONGUE, _TONGUE_TOP, _TONGUE_CURVE = 0.95, 0.5, 0.3  # tongue colour (x lip); its top (v) at the centre, rise to the corners
_TONGUE_SOFT = 0.1  # the narrow tongue's top edge softened over this fraction of the gap (v); `_MOUND_SOFT` wide
_RIM, _RIM_SHADE = 0.12, 0.55  # last fraction of the way to the lower lip darkened, by up to this much
# A wide opening (its gap from `_WIDE[0]` to `_WIDE[1]` mouth widths, eased in) has no rim: its tongue is a mound
# whose top rises to `_WIDE_TOP` of the gap in the middle and `_MOUND_CURVE` u^2 higher towards the corners (u: half
# mouth widths from the middle), softened over `_MOUND_SOFT` of the gap; it is lit `_WIDE_LIT` at a crown
# `_MOUND_CROWN` of the way down from its top and falls radially (across `_MOUND_U` half widths) into the lower
# lip's shadow (`_WIDE_FRONT` at the lip). Its cavity darkens to `_WIDE_THROAT` x the lip colour only (a near-black
# cavity round a lit tongue lay in bands along the lips), its sides in the cheeks' shadow by `_WIDE_SIDE_SHADE`
# (the dark the tracker needs to read the opening, moved from the middle to the sides).
_WIDE, _WIDE_TOP, _WIDE_LIT, _WIDE_FRONT = (0.15, 0.3), 0.3, 1.1, 0.6
_MOUND_CURVE, _MOUND_U, _MOUND_SOFT, _MOUND_CROWN = 0.7, 0.6, 0.35, 0.15
_WIDE_THROAT, _WIDE_SIDE_SHADE = 0.45, 0.6
# The opening's sides (from `_SIDE[0]` to `_SIDE[1]` of the half mouth width out from the middle, eased in): the
# cavity and tongue there lie in the cheeks' shadow (darkened by up to `_SIDE_SHADE`), and the lips' inner surface
# rolls into the mouth (`_ROLL` x the lip colour at the contour, fading into the shadow over `_ROLL_DEPTH` mouth
# widths), so the dark lies inside, not as a band along the contour (a shaded wall beside a lit tongue read as a
# sticker's outline).
_SIDE, _SIDE_SHADE = (0.45, 0.95), 0.5
_ROLL, _ROLL_DEPTH = 0.75, 0.06
# Upper teeth, from the centre outwards: each tooth's outer edge and its length (fraction of the row's
# height), in mouth widths. Central and lateral incisors, canine, premolar.
_UPPER_EDGES, _UPPER_LENGTHS = (0.12, 0.215, 0.30, 0.38), (1.0, 0.85, 0.95, 0.75)
_LOWER_EDGES, _LOWER_LENGTHS = (0.06, 0.12, 0.18), (1.0, 0.95, 0.8)
# Row height: fraction of the gap, at most of the width (a lower row of 0.045 widths, 2 px on lp_s5 at 512 px,
# blurred into the tongue's shaded front read as a thin grey line).
_UPPER_HEIGHT, _LOWER_HEIGHT = (0.34, 0.14), (0.2, 0.07)
# A talking mouth's small opening (a gap of a few px at 512 px) still shows the upper teeth: that row is at
# least this many px tall, up to this fraction of the gap (a 1 px row blurred into the cavity read grey; 0.6 left a
# grin's 3.4 px gap a 2 px row, dim grey between the lips where real grins show their teeth down to the lower lip).
_UPPER_MIN_PX, _UPPER_MIN_OF_GAP = 3.0, 0.8
# On a wide opening the biting edges are not straight lines along the lips (`_Tips`): each tooth's corners are
# rounded (so the cavity shows in a notch between neighbours) and the rows follow a smile line; the rows are
# `fill` x taller so the notches do not take the teeth's light (a darker opening read less real). Straight
# edges carried most of the up-down gradient left in a wide opening (`figures/tongue_stripes.py`); on talking
# openings (rows of a few px) notches only darkened the row.


class _Tips(NamedTuple):
    """A row's biting edge on a wide opening: corners rounded over `corner` of each tooth's width either side,
    shortened by up to `cut` of its length; the outermost teeth `smile` shorter (u^2); the row `fill` x taller."""

    corner: float
    cut: float
    smile: float
    fill: float


_UPPER_TIPS = _Tips(0.35, 0.4, 0.2, 1.12)
# The lower incisors show as separate rounded tips (the cavity down to 0.1 of the length between neighbours) on an
# arc flatter than the lower lip, the row 1.45x taller so the tips keep its light: with the upper row's notches the
# small row's top edge stayed a straight line along the lip (`figures/tongue_stripes.py` lp_s1 laugh 0.83 -> 0.72;
# 1.35x read the astronaut's opened mouth narrower, `test_open_mouth_opens_and_darkens_the_mouth` 0.111, bound 0.1).
_LOWER_TIPS = _Tips(0.5, 0.9, 0.4, 1.45)
_LOWER_SHADE = 0.85  # lower teeth sit in the upper teeth's shadow
_GAP_SHADE, _GAP_PX = 0.7, 4.0  # the line between neighbouring teeth: its darkness on teeth this wide (px) or more
_ROUND = 0.15  # a tooth's sides darkened by this much (rounded), on teeth `_GAP_PX` wide or more
_RECEDE = 0.3  # darkening of the outermost teeth (receding into the cheeks' shadow)
_GUM_SHADE, _EDGE_LIT, _EDGE = 0.85, 1.12, 0.25  # a row's shade at the gum, lit at its edge (last fraction)
_GUM_PX = 6.0  # rows under this many px tall get less of the gum's shade (a 2 px row was all shade and edge)
_ENAMEL = np.array([1.14, 1.1, 1.02], np.float32)  # enamel in the face's light: lighter, slightly warm (RGB gains)
# A moustache over the upper lip (`overhang_share`: the photo's upper lip band's L* over its lower lip's, from
# `_OVERHANG[0]` (none; a lip in shadow or painted: grace_hopper 0.59, lp_s6 0.66, other portraits 0.85-0.99) to
# `_OVERHANG[1]` (in full; lp_s12 0.41, 0.44 at 512 px)) hangs over the upper teeth and shades them: each tooth's
# colour moved `_OVERHANG_SHADE[0]` of the way to the cavity's lit wall (`_WALL` x the lip colour: warm, dark) at
# the gum, `_OVERHANG_SHADE[1]` at the biting edge. Lit like bare teeth, lp_s12's read as a white band under his
# moustache (`bench/moustache_teeth.py`); darkened without the warmth, as a grey-blue one.
_OVERHANG, _OVERHANG_SHADE = (0.55, 0.45), (0.55, 0.2)
# Teeth keep this share of the skin's chroma and are this much lighter (luma) than it, as real teeth in the drivers'
# open mouths are beside their skins (`figures/teeth_band.enamel`: light 0.85-1.42, warm 0.64-1.00; 0.35 of the
# chroma at the skin's luma drew grey teeth beside a warm skin, lp_s5 0.90 / 0.55 on preset:laugh, now 0.98 / 0.81;
# 1.2x read lp_s5's laugh less like real mouths, `test_mouth_interior`'s realism proxy 1.09). The lift stops
# where the enamel would clip: lp_s3's red clipped at 255 as its green rose, grey-green rows (`bench/enamel.py`).
_SKIN_CHROMA, _SKIN_LIGHT = 0.6, 1.1
TEETH_CHROMA = 22.6
"""CIELAB chroma the enamel (`_ENAMEL` x the teeth colour) reaches at most: the most coloured real teeth in the
../shared/data drivers' open mouths (`figures/teeth_chroma` over every 3rd of their first 240 frames open from
`TALKING`, `bench/teeth_chroma.py`: lp_d12 22.6 on a skin of chroma 32; lp_d18 19.9, sr_1 17.8, lp_d11 16.9, lp_d19
15.7). `_SKIN_CHROMA` of a pink skin's chroma (lp_s1 40, grace_hopper 42) drew peach teeth (enamel chroma 33-34): real
teeth take the light's colour, not the skin's pigment. Skins of chroma up to ~28 (lp_s3, lp_s5, sr_4: enamel
22.5-23.9) keep their teeth within 3 levels."""
_CAP_STEPS = 20  # bisection steps of the enamel's chroma cap (the share found to 1e-6)


def teeth_colour(skin: np.ndarray, lip: np.ndarray, own: np.ndarray | None = None, coloured: float = 0.0,
                 shaded: float = 0.0) -> np.ndarray:
    """(3,) RGB of teeth lit like the face: the skin's light with `_SKIN_CHROMA` of its chroma, `_SKIN_LIGHT` x its
    luma as far as the enamel (`_ENAMEL` x this) stays under 255 in every channel, at least 1.35x as bright as the
    lips, the enamel's chroma at most `TEETH_CHROMA` (moved towards its grey); under a moustache (`shaded`,
    `overhang_share` 0-1) that lift is taken back as far (lp_s12's shaded rows read up to 0.86 of the cheeks' L* with
    a 1.2x lift, over test_moustache_teeth's 0.8). skin, lip: (3,) RGB. Under a
    coloured light (`coloured` 0-1, `mouth_driver.coloured_light`
    of the skin against a neutral-lit one's) moved that far to `own`, (3,) RGB of the photo's own teeth where its
    open mouth shows them (`mouth_driver.own_teeth_lab`), `_ENAMEL` divided out (the rows' enamel puts it back):
    under sr_8's cyan light the skin's, desaturated and warmed, drew grey pegs (L* 40, chroma 5) under its own cyan
    teeth (L* 55, chroma 31), read warm-yellow beside them (`figures/teeth_band.rows_apart`)."""
    luma = float(skin @ (0.299, 0.587, 0.114))
    teeth = _SKIN_CHROMA * skin + (1 - _SKIN_CHROMA) * luma
    lip_luma = float(lip @ (0.299, 0.587, 0.114))
    lift = min(_SKIN_LIGHT, 255.0 / max(float((teeth * _ENAMEL).max()), 1.0))  # the enamel unclipped: its hue kept
    lift = float(_lerp(lift, 1.0, shaded))
    teeth = _chroma_capped(np.clip(teeth * max(1.0, lift, 1.35 * lip_luma / max(luma, 1.0)), 0, 255))
    if own is None or coloured <= 0:
        return teeth
    return np.asarray(_lerp(teeth, np.asarray(own, np.float32) / _ENAMEL, coloured), np.float32)


def _enamel_chroma(teeth: np.ndarray) -> float:
    """CIELAB chroma of the enamel (`_ENAMEL` x (3,) RGB `teeth`, at most 255)."""
    enamel = (np.minimum(teeth * _ENAMEL, 255.0) / 255.0).astype(np.float32).reshape(1, 1, 3)
    return float(np.hypot(*cv2.cvtColor(enamel, cv2.COLOR_RGB2LAB)[0, 0, 1:]))


def _chroma_capped(teeth: np.ndarray) -> np.ndarray:
    """(3,) float32 RGB `teeth` moved towards its own grey (its luma) until its enamel's chroma is at most
    `TEETH_CHROMA`; as it is where already under."""
    grey = float(teeth @ (0.299, 0.587, 0.114))
    if _enamel_chroma(teeth) <= TEETH_CHROMA:
        return teeth.astype(np.float32)
    low, high = 0.0, 1.0  # share of the colour kept: the enamel of grey teeth is under the cap (its warmth only)
    for _ in range(_CAP_STEPS):
        mid = 0.5 * (low + high)
        low, high = (mid, high) if _enamel_chroma(grey + mid * (teeth - grey)) <= TEETH_CHROMA else (low, mid)
    return (grey + low * (teeth - grey)).astype(np.float32)


def throat_colour(lip: np.ndarray) -> np.ndarray:
    """(3,) float32 RGB at the back of a wide opening's cavity for lips of colour `lip` (3,) RGB: `_WIDE_THROAT`
    x the lip colour, redder (`_DEEP_TINT`)."""
    return (np.asarray(lip, np.float32) * _WIDE_THROAT * _DEEP_TINT).astype(np.float32)


def overhang_share(upper_l: float, lower_l: float) -> float:
    """0-1: how far the upper lip is hair hanging over the upper teeth (`_OVERHANG`, eased in), from the photo's
    upper and lower lip bands' L* (0-100)."""
    share = float(np.clip((upper_l / max(lower_l, 1.0) - _OVERHANG[0]) / (_OVERHANG[1] - _OVERHANG[0]), 0, 1))
    return share * share * (3 - 2 * share)


def cavity_lip(lip: np.ndarray, lower: np.ndarray | None, overhang: float) -> np.ndarray:
    """(3,) float32 RGB the cavity, tongue and throat are built from: the lips' colour `lip` (3,) RGB moved `overhang`
    (0-1, `overhang_share`) of the way to the lower lip's `lower` (3,) RGB: under a moustache the lips' median is
    mostly hair (lp_s12: L* 34, his lower lip 44), and his cavity was drawn near black from it."""
    if overhang <= 0 or lower is None:
        return lip
    return np.asarray(_lerp(lip, np.asarray(lower, np.float32), overhang), np.float32)


def _lerp(a: float | np.ndarray, b: float | np.ndarray, t: float | np.ndarray) -> float | np.ndarray:
    """a + (b - a) * t, elementwise for arrays; t 0-1 (0: a)."""
    return a + (b - a) * t


def _wideness(gap: float, width: float) -> float:
    """0-1: how far an opening of `gap` px for a mouth `width` px wide is a wide one (`_WIDE`, eased in)."""
    wide = float(np.clip((gap / max(width, 1.0) - _WIDE[0]) / (_WIDE[1] - _WIDE[0]), 0, 1))
    return wide * wide * (3 - 2 * wide)


def row_height(gap: float, width: float, upper: bool = True) -> float:
    """px: the upper (or lower) row's height at its longest tooth in an opening of `gap` px for a mouth `width`
    px wide (a fraction of the gap, at least `_UPPER_MIN_PX` for the upper row, at most of the width, `fill` x
    taller on a wide opening)."""
    (of_gap, of_width), tips = (_UPPER_HEIGHT, _UPPER_TIPS) if upper else (_LOWER_HEIGHT, _LOWER_TIPS)
    least = min(_UPPER_MIN_PX, _UPPER_MIN_OF_GAP * gap) if upper else 0.0
    return min(max(of_gap * gap, least), of_width * width) * float(_lerp(1.0, tips.fill, _wideness(gap, width)))


def by_x(points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(x, y) of (N, 2) points sorted by x, for `np.interp` along a lip line."""
    order = np.argsort(points[:, 0], kind="stable")
    return points[order, 0], points[order, 1]


def _teeth_row(offset: np.ndarray, width: float, edges: tuple[float, ...], lengths: tuple[float, ...],
               notch: float, tips: _Tips) -> tuple[np.ndarray, np.ndarray]:
    """Per column: (length factor (w,), shade (w,)) of a row of teeth; offset (w,) px from the mouth's
    centre line; notch (0-1): how far the teeth's corners are rounded and the row follows a smile line (`tips`).
    Length 0 outside the row; shade rounds each tooth and darkens the gaps between them, less on teeth a few px wide
    (a dark line every 3 px at 512 px striped the row grey)."""
    d = np.abs(offset) / max(width, 1.0)
    k = np.searchsorted(np.asarray(edges), d)
    inner = np.concatenate([[0.0], edges])
    outer = np.asarray(edges + (edges[-1],))
    kk = np.minimum(k, len(edges) - 1)
    frac = (d - inner[kk]) / np.maximum(outer[kk] - inner[kk], 1e-6)
    corner = np.clip(1 - np.minimum(frac, 1 - frac) / tips.corner, 0, 1)
    smile = 1 - tips.smile * notch * np.clip(d / edges[-1], 0, 1) ** 2
    length = np.where(k < len(edges), np.asarray(lengths)[kk], 0.0) * (1 - tips.cut * notch * corner**2) * smile
    gap_px = np.minimum(frac, 1 - frac) * (outer[kk] - inner[kk]) * width
    tooth_px = (outer[kk] - inner[kk]) * width
    wide_tooth = np.clip(tooth_px / _GAP_PX, 0, 1)  # rounding and gaps soft on teeth a few px wide
    shade = (1 - _ROUND * wide_tooth * (2 * frac - 1) ** 2) * (1 - _RECEDE * (d / edges[-1]) ** 2)  # rounded, receding
    gap = (1 - _GAP_SHADE) * wide_tooth
    shade = shade * (1 - gap * np.clip(1.0 - gap_px, 0, 1))
    return length, shade


def synthetic_interior(inside: np.ndarray, upper: np.ndarray, lower: np.ndarray, gap: float, width: float,
                       lip: np.ndarray, teeth: np.ndarray, overhang: float = 0.0, teeth_rows: bool = True
                       ) -> np.ndarray:
    """(h, w, 3) float32 RGB of an open mouth.

    inside: (h, w) coverage of the opening; upper, lower: (11, 2) inner-lip points in box px (corner to
    corner); gap, width: inner-lip gap and mouth width, px; lip, teeth: (3,) RGB. Each row of teeth is in
    the lip's shadow at the gum and lit along its biting edge (`_GUM_SHADE` to `_EDGE_LIT`), slightly warm;
    the upper row also in a moustache's shadow as far as `overhang` (0-1, `overhang_share`).
    teeth_rows: False leaves the teeth out (cavity and tongue only: under a photo's own teeth, `mouth.py`).
    """
    enamel = np.minimum(teeth * _ENAMEL, 255.0)
    h, w = inside.shape
    # The cavity: lit walls beside the lips, darkening to the throat with the distance from them.
    depth = cv2.distanceTransform((inside > 0.5).astype(np.uint8), cv2.DIST_L2, 3)
    t = np.clip(depth / max(0.4 * gap, 1.0), 0, 1)[..., None]
    wide = _wideness(gap, width)
    throat = _lerp(_THROAT, _WIDE_THROAT, wide)
    paint = lip * (_WALL * (1 - t) + throat * _DEEP_TINT * t)

    xs = np.arange(w, dtype=np.float32)
    ys = np.arange(h, dtype=np.float32)[:, None]
    top = np.interp(xs, *by_x(upper))
    bottom = np.interp(xs, *by_x(lower))
    v = (ys - top) / np.maximum(bottom - top, 1.0)
    centre_x = 0.5 * (upper[0, 0] + upper[-1, 0])
    u = (xs - centre_x) / max(0.5 * width, 1.0)
    side = np.clip((np.abs(u) - _SIDE[0]) / (_SIDE[1] - _SIDE[0]), 0, 1)
    side = side * side * (3 - 2 * side)  # (w,) 0 in the middle, 1 towards the corners

    # The tongue: a dome rising from the lower lip, lit from above (lighter on its top surface). The lower lip's
    # inner edge is in shadow: on a narrow opening a dark line (the rim) keeps its lower edge visible to the
    # tracker; on a wide one the tongue's front falls into that shadow instead, with no line along the lip, and
    # its shading falls from the crown sideways as well as down (a rounded mound, not bands along the lips).
    middle_top = _lerp(_TONGUE_TOP, _WIDE_TOP, wide)
    tongue_top = middle_top + _lerp(_TONGUE_CURVE, _MOUND_CURVE, wide) * u**2
    tongue = np.clip((v - tongue_top) / _lerp(_TONGUE_SOFT, _MOUND_SOFT, wide), 0, 1)[..., None]
    crown = middle_top + _MOUND_CROWN * wide * (1 - middle_top)
    front = np.clip(np.hypot(u / _MOUND_U, (v - crown) / max(1 - crown, 0.1)), 0, 1)
    narrow_lit = 1.1 - 0.3 * np.clip((v - tongue_top) / 0.3, 0, 1)
    fall = front * front * (3 - 2 * front) * (1 - side)  # the sides are in the cheeks' shadow instead
    lit = _lerp(narrow_lit, _lerp(_WIDE_LIT, _WIDE_FRONT, fall), wide)[..., None]
    paint = paint * (1 - tongue) + lip * _TONGUE * lit * tongue
    rim = np.clip((v - (1 - _RIM)) / _RIM, 0, 1) * _RIM_SHADE * (1 - wide) * (1 - side)
    paint = paint * (1 - rim[..., None])
    side = side[None, :, None]
    roll = side * (1 - np.clip(depth / max(_ROLL_DEPTH * width, 1.0), 0, 1)[..., None])
    side_shade = _lerp(_SIDE_SHADE, _WIDE_SIDE_SHADE, wide)
    paint = paint * (1 - side_shade * side) * (1 - roll) + lip * _ROLL * roll

    # Lower teeth just above the lower lip (in front of the tongue), then the upper teeth under the upper lip.
    rows = ((_LOWER_EDGES, _LOWER_LENGTHS, False, _LOWER_SHADE, _LOWER_TIPS),
            (_UPPER_EDGES, _UPPER_LENGTHS, True, 1.0, _UPPER_TIPS)) if teeth_rows else ()
    for edges, lengths, from_top, shade0, tips in rows:
        length, shade = _teeth_row(xs - centre_x, width, edges, lengths, wide, tips)
        height = row_height(gap, width, from_top) * length
        reach = (ys - top) if from_top else (bottom - ys)
        cover = (np.clip(height - reach + 0.5, 0, 1) * (reach > -1.0) * (height > 0))[..., None]
        along = np.clip(reach / np.maximum(height, 1.0), 0, 1)  # 0 at the gum, 1 at the biting edge
        gum = 1 - (1 - _GUM_SHADE) * np.clip(height / _GUM_PX, 0, 1)
        lit = _lerp(gum, _EDGE_LIT, np.clip((along - (1 - 2 * _EDGE)) / _EDGE, 0, 1))
        tooth = enamel * (shade0 * shade * lit)[..., None]
        if from_top and overhang > 0:  # in the moustache's shadow: towards the cavity's lit wall (warm, darker)
            tooth = _lerp(tooth, lip * _WALL, (overhang * _lerp(*_OVERHANG_SHADE, along))[..., None])
        paint = paint * (1 - cover) + tooth * cover

    # Softened: unblurred, the teeth's edges against the dark cavity read harder than real mouths' (the
    # realism figure's texture) and gaps a px or two wide striped the row.
    return cv2.GaussianBlur(paint.astype(np.float32), (3, 3), 0)
