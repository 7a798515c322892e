"""The driver's own mouth interior (teeth, tongue, cavity) carried into the portrait's opening.

As in "Bringing Portraits to Life" (Averbuch-Elor et al., SIGGRAPH Asia 2017): the pixels inside the
driver's inner-lip contour are mapped onto the target inner-lip contour (least-squares affine map between
the two 20-point contours) and colour-matched to the portrait in CIELAB through the skin of the cheeks (the
portrait's read by the caller, `mouth_shape.cheek_light`: a side-lit face's light between its cheeks):
lightness times the ratio of the portrait's skin L* to the driver's (exposure; a side-lit face's lips lie in
another light than its cheeks, so its exposure is its lips' L* over the driver's, `matched_skin`); colour as a
light's tint: each linear-RGB channel times the ratio of the two skins' channel (luminance ratio divided out), to the
power `_CAST` (skin colour is part light, part the person) rising to 1 as the skins' hues part (over
`_LIGHT_HUE`: people's skins differ in hue by 25 degrees at most, a cyan-lit face's by 150+, which only
the light explains) or as the portrait is far dimmer (`_DIMMER`: another light; its colours then dim with their
lightness, `dimmed_chroma`), on every pixel, shadows included, so a cyan-lit portrait gets a cyan-lit cavity,
tongue and teeth while a neutral-lit one barely changes. On such a light the tint's gains (sr_8: red x0.34, blue
x2.85) also saturate what lies off the skin's hue (lp_d12's mauve lip band under its teeth: a blue band, chroma 25
against sr_8's lips' 18), so each pixel's chroma is held to the share of the portrait's skin's that it carries of
the driver's skin's, as far as the skins' difference is the light's (`coloured_light`; or the portrait is
far darker than the driver, an underexposed photo: `_DIM`; or far less colourful, a colourised old photograph:
`_PALE`). Shadows do not scale with skin tone: pixels well
below the driver's skin in lightness (the cavity, the throat) get no gain over 1 (a pale portrait lifted lp_d18's
dark red cavity into a mauve oval); a portrait paler than the driver lifts them by an addition instead
(`_SHADOW_LIFT` of the skins' L* difference, fading out as they lighten; sr_1's L* 1-5 cavity drew a flat black
slot on lp_s0's pale face, `figures/black_slot.py`), so a dark-skinned or dim portrait keeps the driver's dark
cavity; a cavity black by the driver's own skin's light is floored at the portrait's throat (`throat_floor`: L*
14-17 still read black to the eye). Teeth (pixels
at least about as light as the driver's skin and much less coloured than it) instead take the portrait's skin
hue at the share of its chroma that they carry of the driver's skin's, so a warm-lit driver's teeth do not turn
pink on a pale portrait. So do dim teeth, greyer than the driver's own lips (`_GREY_CHROMA`; less so where
yellower than them, `_GREY_HUE`), and they are lit as teeth:
lp_d18's lower teeth at 512 px (L* 0.5-0.65 of its skin's) took the cavity's tint and shade, a mauve band. The portrait's teeth colour (`mouth_synthetic.teeth_colour`, then 0.35 of the skin's
chroma) greyed them: lp_s12 x lp_d12 frames 30-55 drew a pale grey-white band where the driver's teeth carry
0.59 of its skin's chroma (`figures/teeth_band.py`'s grey 0.11; real open mouths' teeth 0.57-0.96). The rest, the
tongue and cavity, sit in the lips' hue: they turn with the lips (`lip_turned`), rotated and scaled from the
driver's matched lips' a* b* towards the portrait's, so lp_d12's lilac tongue reads rosy in lp_s1's red lips.

The tracked contour lies on the lips' wet inner band; where the driver's lips (colour-matched) differ
from the portrait's, that band reads as a pale rim round a wide opening, so the driver's contour is
shrunk about its centre (up to `_RIM_CUT`) before mapping, leaving the band out (not along the lower lip where
that band is not lip-coloured, its lower teeth: `band_cuts`), but only where the band would be about a pixel or
more deep in the target opening: a small opening (a small face) keeps the
contour as tracked, which the re-tracker reads best there. A driver's mouth smaller in pixels than the
target's is magnified: then it is warped bicubically and unsharp-masked at the target's resolution (and blurred
back to a low-resolution photo's face, `mouth_finish.softening`).

A target opening flatter than the driver's (its gap over its width; a driver that speaks with its mouth open
from its reference frame on, sr_1, opens the portrait less than itself) pressed the driver's rows of teeth,
cavity and tongue into 1-px stripes under the contours' affine map: a white slash outlined in black between the
lips (`figures/mouth_stripes.py`). There the interior keeps its height for its width instead
(`unsqueezed_map`: the similarity of the inner-lip corners) and the target's lips
cover what lies above and below its opening, as lips parted less cover more of the teeth. Blended in as the
target's opening falls from the driver's to `_SQUEEZE`'s first share of it (`unsqueezed_share`). It is hung
half-way (`_HANG`) between the contours' centres and their upper lips, and from the upper lip as far as it is
unsqueezed (`hang_share`: sr_4 at 256 x lp_d12, 0.45-0.7 as open, showed hardly any of the driver's upper
teeth, which lay above the target's lip): centred, the middle of the driver's mouth
showed, its dark cavity, and lp_s0 at 512 x sr_1 (`--multiplier 1.5`) drew a black slot where sr_1 shows its upper
teeth (`figures/black_slot.py`); hung from the upper lip in full (its teeth in every small opening) the
re-tracker followed the 70 px face of `tests/v2v/test_video_faces.py` less (own driver 0.16 against the other's
0.04; a bright opening reads as closed). In openings of `_HUNG_GAP` px it hangs from the target's upper lip column
by column (`hung_from_lip`): hung half-way by the lips' means, sr_1's arched upper lip over lp_s1's flat one left its
upper teeth above the target's lip, a flat dark slot between the lips of a big face (h27-fresh's find (8)).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import cv2
import numpy as np

from facereel.engines.mesh.composite import box_around, polygon_mask
from facereel.engines.mesh.draw_kernels import mouth_light
from facereel.engines.mesh.geometry.mesh_topology import INNER_LIP_CONTOUR
from facereel.engines.mesh.geometry.warp import fit_linear, fit_similarity
from facereel.engines.mesh.open_mouth.minified import minified, minified_share, row_prefiltered
from facereel.engines.mesh.open_mouth.mouth_shape import lip_colour, mouth_gap, skin_colour
from facereel.engines.mesh.open_mouth.mouth_synthetic import by_x, throat_colour
from facereel.engines.mesh.plate_fill.plate import nearest_pixels
from facereel.engines.mesh.quantiles import quantile
from facereel.face import landmark_ids as ids

# Limits of the lightness gain (portrait skin L* / driver skin L*). The floor was 0.4: an underexposed portrait
# (sr_8 at 0.1 of its light in linear RGB, skin L* 8.7 against lp_d18's 58) got the driver's cavity 2.6x too
# light for its skin, a pale glowing oval (`eval.mouth_teeth.mouth_look`'s cavity 0.93, the driver's own 0.36).
_EXPOSURE_RANGE = (0.05, 2.5)
# An underexposed portrait's skin is the less colourful the darker (lp_s0 at 0.1 of its light: chroma 12 against
# 25); the driver's interior kept its a* b*, a vivid red oval in the dim face (`figures/mouth_chroma`'s mean over the
# skin's 1.85, 0.90 at full light; lp_d18's frame 85). So the chroma hold of a coloured light (`coloured_light`)
# also comes in as the skins' L* ratio falls over `_DIM` (the ../shared/data pairs' lowest: sr_4 over lp_d12 0.77;
# sr_1's clip 0.53).
_DIM = (0.5, 0.3)
# A portrait far less colourful than the driver (lp_s12, a colourised old photograph: skin chroma 10.4, lips 14.9,
# against lp_d18's skin 23.4) kept the driver's interior's a* b*: a saturated pink-red ball under his moustache
# (`figures/mouth_chroma`'s mean over the skin's 1.73, the driver's own 0.98). The chroma hold comes in too as the
# skins' chroma ratio (portrait's / driver's) falls over `_PALE`: lp_s12 x lp_d18 / lp_d12 / sr_1 0.42-0.46 / 0.32 /
# 0.40; every other neutral-lit pair of ../shared/data 0.60 (lp_s3 x lp_d3's most colourful frames) or more, as
# before (the astronaut x lp_d3 0.52-0.60: its most colourful frames held up to 0.3); lp_s12 x lp_d11 0.68.
_PALE = (0.55, 0.45)
_CAST = 0.5  # power of the skins' per-channel tint taken as a tint of the light (0: none, 1: all of it)
# A portrait far dimmer than the driver is lit by another light (sr_4: a dim warm room, skin L* 0.76-0.82 of every
# driver's but sr_1's; every other neutral-lit photo of ../shared/data 0.91 or more): as the skins' L* ratio falls
# over `_DIMMER` the tint's power rises from `_CAST` to 1 (as for a coloured light) and the carried colours dim with
# their lightness (`dimmed_chroma`) as far as their chroma is not held to the skin's already (`chroma_hold`: lp_s0 at
# a twentieth of its light was held and dimmed too, its opening half as colourful for its skin as at full light). At
# `_CAST` lp_d12's mauve tongue and cavity (hue 2-17 degrees, lips' 25-33) kept their blue in sr_4's yellow face (skin
# hue 59): a purple blob (`figures/mauve_mouth.py`).
_DIMMER = (0.9, 0.75)
_LIGHT_HUE = (30.0, 90.0)  # skins' hue angle (degrees) over which the tint's power rises from _CAST to 1
_TINT_RANGE = (0.25, 4.0)  # limits of a channel's tint gain (linear RGB, luminance ratio divided out)
_LUMA = np.array([0.2126, 0.7152, 0.0722], np.float32)  # luminance of linear RGB (Rec. 709)
_OPEN_FROM, _OPEN_FULL = 0.03, 0.08  # driver gap / mouth width: its interior fades in over this range
# Teeth weight: L* / skin L* ramps 0 -> 1 over _TEETH_LIGHT, chroma / skin chroma 0 -> 1 over _TEETH_CHROMA.
_TEETH_LIGHT, _TEETH_CHROMA = (0.8, 0.95), (0.85, 0.6)
# Dim teeth, teeth as well (`draw_kernels.mouth_light`, and lit as teeth are): L* / skin L* ramps 0 -> 1 over
# _GREY_LIGHT, chroma / the driver's lips' chroma 1 -> 0 over _GREY_CHROMA. lp_d18's lower teeth at 512 px (frames
# 85-100) are dim and reddish, L* 28-39 (0.5-0.65 of its skin's), chroma 16-19 (0.55-0.6 of its lips' 30), no teeth by
# the rule above, and took the cavity's tint and shade: a mauve band (lp_s1, lp_s12). Its cavity and tongue beside
# them read 0.67-0.9 of its lips' chroma (0.7 -> 0.6 caught patches of its cavity's roof); its throat (L* 14-20) lies
# under the light ramp.
_GREY_LIGHT, _GREY_CHROMA = (0.4, 0.5), (0.64, 0.56)
# ... and a dim pixel yellower than the driver's lips (its CIELAB hue over theirs by `_GREY_HUE` degrees, ramped) may be
# `_GREY_WIDEN` of its lips' chroma more coloured: enamel lies towards the skin's hue, the wet lips, cavity and tongue
# in the lips' own. lp_d18's lower teeth at 68-72 and 85-92 (L* 0.45-0.6 of its skin's) read 0.62-0.7 of its lips'
# chroma, 3-10 degrees yellower than them, and came out in the cavity's mauve (`figures/dim_teeth`: lp_s5 x 68 and 92
# 0, the driver's own 12.4 at 68); its cavity's roof, as coloured, lies 0-1 degrees from the lips' hue; its throat,
# as yellow, under `_GREY_LIGHT`.
_GREY_HUE, _GREY_WIDEN = (2.0, 5.0), 0.15
_RIM_CUT = 0.15  # at most this share of the driver's contour (about its centre) left out: its lips' band
_RIM_DE = (5.0, 15.0)  # ... ramped in over this CIELAB distance between its lips (matched) and the portrait's
_RIM_SEEN = (0.6, 1.2)  # ... and over this depth (target px) of the band left out at full cut: unseen below
# ... but not along the lower lip where that band is not lip: lp_d18's lower teeth, a grey band on its lower lip (CIELAB
# 20-25 from its lips; its lip band 3-10), were cut away with it. A lower-lip point's cut falls to 0 as its band's
# mean lies over this CIELAB distance from the driver's lips.
_BAND_NOT_LIP = (10.0, 18.0)
# px of the driver's interior along its lower contour whose lip-coloured pixels (under `_BAND_NOT_LIP`) are left out as
# far as the slit is kept short (`stretched`): lp_d19's contour holds 1-3 px of its lower lip on its right half, hung
# from lp_d11's upper lip a pale line under its teeth (`figures/teeth_lip_line.py`).
_LOWER_RIM_PX = 3
_SHARPEN = 1.5  # unsharp amount on a magnified interior (bicubic then), ramped in over _MAGNIFIED:
_MAGNIFIED = (1.2, 2.0)  # ... the map's scale, target px per driver px
_SHADOW = (0.45, 0.75)  # L* / driver skin L*: fully shadow (gain <= 1, no cast) at the first, lit at the second
# Shadows' L* raised by `_SHADOW_LIFT` of how much lighter the portrait's skin is than the driver's (L*, added),
# less as they lighten: none from `_LIFT_SPENT` of the portrait's skin L* up (lp_d18's dark red cavity kept).
_SHADOW_LIFT, _LIFT_SPENT = 0.4, 0.3
# The carried cavity's floor: the synthetic mouth's wide throat hue (`mouth_synthetic.throat_colour`) at `_THROAT_LUMA`
# of the portrait's skin luminance (linear); the interior's `_DARKS` quantile of L* (its shadow floor) is raised to
# it, the lift fading to 0 at `_FLOOR_REACH` x its L*, a* b* moved `_THROAT_HUE` of the way to it as far as lifted;
# in full where the driver's own darks are under `_BLACK[1]` of its own throat's L* (the same share of its skin's
# luminance; sr_1's L* 0.3-1.1 against 4-10), none from `_BLACK[0]` (lp_d18's dark red cavity, 17.9 against 14.2).
_THROAT_LUMA, _DARKS, _FLOOR_REACH, _THROAT_HUE, _BLACK = 0.1, 0.05, 2.0, 0.5, (1.0, 0.5)
_FULL = 0.99  # a mapped pixel's coverage from which it holds none of the driver's lips (`driver_interior`)
_SQUEEZE = (0.4, 1.0)  # target opening's gap / width over the driver's: unsqueezed in full at the first
# (`unsqueezed_share`), the contours' affine map alone from the second up
_HANG = 0.5  # unsqueezed, the point matched: this share of the way from the contour's centre to its upper lip's
# (at the least: `hang_share` raises it to the upper lip as the interior is unsqueezed)
# The photo's own teeth (`own_teeth_lab`): its opening's lightest share, teeth where at least this times its
# skin's L*, read on openings of at least this many px; the carried teeth's L* is raised to theirs.
_LIGHTEST, _OWN_TEETH, _MIN_OPEN_PX = 0.2, 1.0, 40
# Teeth ceiling (`teeth_gain_cap`): the carried opening's lightest pixels (its `_TOP` quantile of L*) lit at most
# `_HEADROOM` times the photo's teeth L*: its own teeth's where it shows them, else `_TEETH_SKIN` times its skin's
# L* (real open mouths' teeth: 1.04-1.28 of the skin, lp_d11; sr_18 1.30, sr_8 1.39).
_TOP, _HEADROOM, _TEETH_SKIN = 0.99, 1.15, 1.3
# Under a coloured light the carried teeth take the photo's own teeth's a* b* (`own_hue`), ramped in as a pixel's L*
# rises over this share of the driver's teeth's: lp_d11's teeth, warm-lit and as coloured as its skin, are no teeth
# by `_TEETH_CHROMA`, and came out a lavender-white slab in sr_8's cyan face; its rows' dark seam keeps the tint.
_OWN_HUE = (0.5, 0.85)
# ... as far as the driver's opening shows teeth: its lightest share's L* over its skin's over this (as the photo's
# own, `_OWN_TEETH`, in full; lp_d11's closing mouth at 0.9-1.0 switched them from cyan to lavender in a frame).
_TEETH_SEEN = (0.85, 1.0)
# Unsqueezed, the interior hangs from the target's upper lip column by column (`hung_from_lip`) as its opening's gap
# grows over `_HUNG_GAP` px: a driver's arched lip over a flat target's (sr_1 over lp_s1) left its upper teeth above
# the target's lip, a dark slot under it; under 8 px a row of teeth is the 1-px white line the re-tracker reads
# as a closed mouth (`tests/v2v/test_video_faces.py`, openings up to 7.8 px), so those stay hung half-way.
_HUNG_GAP = (8.0, 16.0)
# The driver's interior but its teeth (`lip_turned`) rotated this share of the hue angle from its lips to the
# portrait's (both matched) and scaled by their chroma ratio, within `_LIP_RATIO`, to this power: lp_d12's lilac
# tongue kept its a* b* inside lp_s1's red lips, a lilac slab (`figures/opening_share`: 0.51 of her skin's chroma,
# his 0.75; 20 degrees bluer than her lips, his 10). At 1 a hot pink tongue; the skins' chroma ratio instead, grey.
_LIP_TURN, _LIP_RATIO = 0.7, (0.5, 2.0)
_UPPER = len(ids.INNER_UPPER_LIP)  # the upper lip's points lead `INNER_LIP_CONTOUR`, corners included
# `draw_kernels.mouth_light`'s ramps, (2,) float32 (lo, hi - lo) each, as `_ramp` casts them for a float32 array.
_RAMPS = {name: np.array([lo, hi - lo], np.float32)
          for name, (lo, hi) in (("teeth light", _TEETH_LIGHT), ("teeth chroma", _TEETH_CHROMA), ("shadow", _SHADOW),
                                 ("grey light", _GREY_LIGHT), ("grey chroma", _GREY_CHROMA),
                                 ("grey hue", _GREY_HUE))}


@dataclass(frozen=True)
class DriverFrame:
    """One driving frame for the mouth: image (H, W, 3) uint8 RGB and its tracked landmarks (478, 3) px."""

    image: np.ndarray
    landmarks: np.ndarray

    @cached_property
    def lip(self) -> np.ndarray | None:
        """(3,) float32 median RGB of its lips (`mouth_shape.lip_colour`), None where no pixel is there: read once
        for the frame's three uses (`driver_interior`, `lip_band_cut`, `band_cuts`)."""
        return lip_colour(self.image, self.landmarks)


@dataclass(frozen=True)
class PortraitMouth:
    """The portrait's mouth colours, (3,) float32 RGB each: skin (its cheeks: the light on its mouth), teeth
    (teeth in that light, `mouth_synthetic.teeth_colour`) and lip (its lips' median); the photo's own teeth in
    CIELAB where it shows them; how far it is lit from one side."""

    skin: np.ndarray
    teeth: np.ndarray
    lip: np.ndarray
    own_teeth: np.ndarray | None = None
    """(3,) float32 CIELAB of the photo's own teeth (`own_teeth_lab`) where its open mouth shows them, else None."""
    side_lit: float = 0.0
    """0-1: how far its cheeks' light parts, a face lit from one side (`mouth_shape.CheekLight.side_lit`): its
    exposure is then read by its lips (`matched_skin`)."""

    @property
    def own_teeth_l(self) -> float | None:
        """L* of the photo's own teeth (`own_teeth`), None where it shows none."""
        return None if self.own_teeth is None else float(self.own_teeth[0])

    @cached_property
    def labs(self) -> tuple[np.ndarray, np.ndarray]:
        """Skin and lip in CIELAB (`to_lab`), (3,) float32 each, made once."""
        return to_lab(self.skin), to_lab(self.lip)

    @cached_property
    def throat_lab(self) -> np.ndarray:
        """(3,) float32 CIELAB: the cavity's floor, the synthetic wide throat's hue (`throat_colour`) scaled in
        linear light to the throat's luminance (`throat_luminance`) of the skin's."""
        throat = _linear(throat_colour(self.lip))
        scale = throat_luminance(float(_linear(self.skin) @ _LUMA)) / max(float(throat @ _LUMA), 1e-6)
        return to_lab(_srgb(throat * scale))


def to_lab(rgb: np.ndarray) -> np.ndarray:
    """CIELAB (L* 0-100) of RGB 0-255 colours, any shape (..., 3), float32."""
    flat = np.asarray(rgb, np.float32).reshape(-1, 1, 3) / 255.0
    return cv2.cvtColor(flat, cv2.COLOR_RGB2LAB).reshape(np.shape(rgb))


def lightest(lab: np.ndarray, share: float) -> np.ndarray:
    """(n,) bool: which of the (n, 3) CIELAB pixels `lab` are their lightest `share` (0-1) by L*."""
    return lab[:, 0] >= quantile(lab[:, 0], 1 - share)


def own_teeth_lab(lab: np.ndarray, skin_l: float) -> np.ndarray | None:
    """(3,) float32 CIELAB of a mouth's teeth from its opening's (n, 3) CIELAB pixels: the mean of their lightest
    `_LIGHTEST` share, None where the opening has under `_MIN_OPEN_PX` pixels or that share is darker than
    `_OWN_TEETH` times the skin's L* `skin_l` (a dark cavity; lips in a slit, lp_s1's 0.84; teeth: sr_8 1.39, sr_18
    1.30)."""
    if len(lab) < _MIN_OPEN_PX:
        return None
    bright = lightest(lab, _LIGHTEST)
    # L* from its own column: bit for bit as `own_teeth_light`'s before a* and b* were read
    teeth = np.array([lab[bright, 0].mean(), *lab[bright, 1:].mean(0)], np.float32)
    return teeth if teeth[0] >= _OWN_TEETH * skin_l else None


def own_teeth_light(lab: np.ndarray, skin_l: float) -> float | None:
    """L* of a mouth's teeth (`own_teeth_lab`) from its opening's (n, 3) CIELAB pixels, None where it shows none."""
    teeth = own_teeth_lab(lab, skin_l)
    return None if teeth is None else float(teeth[0])


def teeth_gain_cap(top: float, portrait: PortraitMouth, skin_l: float) -> float:
    """The highest L* gain (at least 1: the driver's own light is never dimmed) for the lit pixels of a driver's
    opening whose lightest pixels stand at L* `top` (`top_light`), in the light of `portrait` (its skin's L*
    `skin_l`): those pixels at most `_HEADROOM` times the photo's teeth L* (`PortraitMouth.own_teeth_l`, else
    `_TEETH_SKIN` times the skin's). sr_1's teeth (L* 65, 2.1 of its dim skin's) took lp_d11's exposure ratio (1.9)
    to L* 100, a flat white slab where lp_d11's own teeth are L* 58-67 (`figures/dub_teeth.py`)."""
    teeth = portrait.own_teeth_l if portrait.own_teeth_l is not None else _TEETH_SKIN * skin_l
    return max(_HEADROOM * teeth / max(top, 1.0), 1.0)


def top_light(lab: np.ndarray) -> float:
    """L* of a driver's opening's lightest pixels, its (n, 3) CIELAB pixels' `_TOP` quantile: the L* that
    `teeth_gain_cap` caps."""
    return quantile(lab[:, 0], _TOP)


def given_back(lab: np.ndarray, out: np.ndarray, withheld: float, cap: float, top: float, shade: float) -> None:
    """The gain `teeth_gain_cap` withheld from the lit pixels (`withheld`, over 0: the exposure less the cap `cap`)
    given back, in place, to the matched interior's (h, w, 3) float32 CIELAB pixels `out` by their driver's L*
    (`lab` (h, w, 3) CIELAB): L* x `withheld` added in full up to `shade` L* (the driver's shade, `_SHADOW`'s lit
    end), falling as the square of the way from there to the opening's top L* `top` (none from it up, where the cap
    holds the teeth), `withheld` at most what keeps L* rising with the driver's (`_rising_share`): the carried
    mouth keeps the driver's shade-to-skin ratio while its teeth keep their shading under the cap. sr_1's teeth at
    2.1 of its dark skin's L* hold the gain at 1.5-1.6 where the skins ask 2.4: its mid-dark corner past its teeth
    (0.6 of its skin) was drawn at 0.3-0.45 of lp_s1's light cheeks, a dark wedge beside her light red lips
    (`figures/dark_end.py`)."""
    light = lab[..., 0]
    span = max(top - shade, 1.0)
    fall = np.clip((top - light) / span, 0, 1)
    given = min(withheld, cap * _rising_share(top / span))
    out[..., 0] = np.minimum(out[..., 0] + np.float32(given) * light * fall * fall, 100)


def _rising_share(reach: float) -> float:
    """The largest gain given back, per unit of the cap, that keeps `given_back`'s L* rising over the fall: its term
    L* x u^2 (u from 1 at the shade to 0 at the top, L* = top - u x span) has slope 3u^2 - 2u x `reach` (the top's
    L* over the span), least -reach^2 / 3 (at u = reach / 3) or 3 - 2 x reach (at u = 1, reach over 3); the lit
    pixels' own slope is the cap."""
    dip = reach * reach / 3 if reach <= 3 else 2 * reach - 3
    return 1 / max(dip, 1e-6)


def from_lab(lab: np.ndarray) -> np.ndarray:
    """RGB 0-255 float32 of CIELAB colours (..., 3)."""
    flat = np.ascontiguousarray(lab, np.float32).reshape(-1, 1, 3)
    return (np.clip(cv2.cvtColor(flat, cv2.COLOR_LAB2RGB), 0, 1) * 255).reshape(lab.shape)


def _ramp(x: np.ndarray, lo: float, hi: float) -> np.ndarray:
    """0 at lo, 1 at hi (either order), linear between, clipped."""
    return np.clip((x - lo) / (hi - lo), 0, 1)


def _linear(rgb: np.ndarray) -> np.ndarray:
    """Linear-light RGB 0-1 of sRGB 0-255 colours, any shape (..., 3), float32."""
    c = np.asarray(rgb, np.float32) / 255.0
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4).astype(np.float32)


def _srgb(lin: np.ndarray) -> np.ndarray:
    """sRGB 0-255 float32 of linear-light RGB 0-1 colours (..., 3), clipped."""
    c = np.clip(lin, 0, 1)
    return (255 * np.where(c <= 0.0031308, 12.92 * c, 1.055 * c ** (1 / 2.4) - 0.055)).astype(np.float32)


_LINEAR_BYTES = _linear(np.arange(256, dtype=np.uint8))  # (256,) float32: `_linear` of each uint8 level


def tinted(patch: np.ndarray, tint: np.ndarray) -> np.ndarray:
    """sRGB 0-255 float32 (h, w, 3) of a patch (h, w, 3) RGB 0-255 in linear light times `tint` (3,) float32:
    `_srgb(_linear(patch) * tint)`. A uint8 patch (a driving frame's pixels) looks its values up (`cv2.LUT`)
    in that computed once for each of the 256 levels per channel (the same float32 operations, element by
    element)."""
    if patch.dtype == np.uint8:
        return cv2.LUT(patch, _srgb(_LINEAR_BYTES[:, None] * tint).reshape(256, 1, 3))
    return _srgb(_linear(patch) * tint)


def hue_angle(ab: np.ndarray, ref: np.ndarray) -> float:
    """Angle in degrees (0-180) between two CIELAB (a*, b*) vectors (2,); NaN when either is grey (0)."""
    norm = float(np.linalg.norm(ab) * np.linalg.norm(ref))
    return float(np.degrees(np.arccos(np.clip(ab @ ref / norm, -1, 1)))) if norm > 0 else float("nan")


def coloured_light(driver_skin: np.ndarray, portrait_skin: np.ndarray) -> float:
    """0-1: how far the two skins' (3,) RGB difference is a coloured light's, their CIELAB hue angle ramped over
    `_LIGHT_HUE` (people's skins part by 25 degrees at most; sr_8's cyan-lit skin is 150+ from any driver's)."""
    return coloured_lab_light(to_lab(driver_skin), to_lab(portrait_skin))


def coloured_lab_light(driver_lab: np.ndarray, portrait_lab: np.ndarray) -> float:
    """`coloured_light` of the two skins in CIELAB ((3,) float32 each, `to_lab`): a frame's `light_match` has
    both (the portrait's, `matched_skin`)."""
    apart = np.nan_to_num(hue_angle(portrait_lab[1:], driver_lab[1:]))
    return float(_ramp(np.array(apart), *_LIGHT_HUE))


def light_tint(driver_skin: np.ndarray, portrait_skin: np.ndarray, coloured: float) -> np.ndarray:
    """(3,) per-channel gain (linear RGB, mean luminance kept) taking the driver's light to the portrait's:
    the two skins' (3,) RGB channel ratio with their luminance ratio divided out, to the power `_CAST`,
    rising to 1 as the skins' hues part (`coloured`: their `coloured_light`)."""
    lin_d, lin_p = _linear(driver_skin) + 1e-3, _linear(portrait_skin) + 1e-3
    ratio = (lin_p / lin_d) / (float(lin_p @ _LUMA) / float(lin_d @ _LUMA))
    return np.clip(ratio, *_TINT_RANGE) ** (_CAST + (1 - _CAST) * coloured)


@dataclass(frozen=True)
class LightMatch:
    """One driving frame's light taken to the portrait's (`match_colours`), made once a frame (`light_match`):
    the driver's skin in CIELAB (3,), the portrait's mouth colours and the skin of it this frame is matched to, the
    light's (3,) tint gain (`light_tint`) and how far the skins' difference is a coloured light's (`coloured_light`,
    0-1)."""

    skin_lab: np.ndarray
    portrait: PortraitMouth
    portrait_lab: np.ndarray
    """(3,) float32 CIELAB: the portrait's skin this frame is matched to (`matched_skin`): the one place the match
    reads it (its exposure, chroma and hue; the tint reads the RGB `PortraitMouth.skin`, its light's colour)."""
    tint: np.ndarray
    coloured: float
    lip_chroma: float = 0.0
    """The driver's lips' CIELAB chroma, which its dim teeth are greyer than (`grey_teeth`); 0: not read."""
    lip_hue: float = 0.0
    """The driver's lips' CIELAB hue angle, degrees, which its dim teeth lie yellower than (`_GREY_HUE`)."""
    dimmer: float = 0.0
    """0-1: how far the portrait is lit by a dimmer light than the driver (`dimmer_light`)."""
    lip: np.ndarray | None = None
    """The driver's lips, (3,) float32 RGB (None: not read), whose hue its tongue and cavity turn with (`lip_turned`)."""

    @cached_property
    def lip_ab(self) -> np.ndarray | None:
        """(2,) float32 CIELAB a* b* of the driver's lips (`lip`) in the portrait's light, matched as its interior is
        before `lip_turned` (`lit_lab`); None where they are not read."""
        if self.lip is None:
            return None
        rgb = np.asarray(self.lip, np.float32)[None, None]
        return lit_lab(to_lab(rgb), rgb, self, None)[0][0, 0, 1:]


def light_match(driver_skin: np.ndarray, portrait: PortraitMouth, driver_lip: np.ndarray | None = None
                ) -> LightMatch:
    """The `LightMatch` of a driving frame whose skin is `driver_skin` and lips `driver_lip` (3,) RGB each (None:
    its dim teeth are not read, `grey_teeth`)."""
    skin = to_lab(driver_skin)
    lip = np.zeros(3, np.float32) if driver_lip is None else to_lab(driver_lip)
    skin_p = matched_skin(skin, None if driver_lip is None else lip, portrait)
    coloured = coloured_lab_light(skin, skin_p)
    dimmer = dimmer_light(skin, skin_p)
    return LightMatch(skin, portrait, skin_p, light_tint(driver_skin, portrait.skin, max(coloured, dimmer)), coloured,
                      float(np.linalg.norm(lip[1:])), float(np.degrees(np.arctan2(lip[2], lip[1]))), dimmer,
                      driver_lip)


def matched_skin(driver_skin: np.ndarray, driver_lip: np.ndarray | None, portrait: PortraitMouth) -> np.ndarray:
    """(3,) float32 CIELAB: the portrait's skin (`PortraitMouth.labs`) that a driving frame, its skin and lips
    `driver_skin`, `driver_lip` (3,) CIELAB (None: not read), is matched to. A side-lit portrait
    (`PortraitMouth.side_lit`) has its L* moved as far to the driver's skin L* times the lips' L* ratio (portrait's
    over driver's), so its exposure is its lips' (a* b* kept): the light between its cheeks is not the light on
    its lips (sr_1's clip, frames 28-30: lips L* 22, 0.54 of that light against lp_d12's 0.81; lp_d12's tongue
    filling the opening was drawn as light as the lips, a flat lilac-grey slab, `figures/opening_light`)."""
    skin = portrait.labs[0]
    if portrait.side_lit <= 0 or driver_lip is None:
        return skin
    by_lips = float(driver_skin[0]) * float(portrait.labs[1][0]) / max(float(driver_lip[0]), 1.0)
    return np.array([skin[0] + portrait.side_lit * (by_lips - skin[0]), *skin[1:]], np.float32)


def dimmer_light(driver_skin: np.ndarray, portrait_skin: np.ndarray) -> float:
    """0-1: how far the portrait's light is another, dimmer one than the driver's: the skins' (3,) CIELAB L* ratio
    (portrait's over driver's) ramped over `_DIMMER`."""
    return float(_ramp(np.array(portrait_skin[0] / max(float(driver_skin[0]), 1.0)), *_DIMMER))


def dimmed_chroma(lab: np.ndarray, matched: np.ndarray, power: float) -> np.ndarray:
    """The matched interior's CIELAB pixels `matched` (h, w, 3) float32 with their a* b* scaled as a dimmer light
    scales them: by their (L* + 16) over the driver's pixels' `lab` (h, w, 3) (CIELAB's a* b* and L* + 16 scale
    alike with the light), at most 1, to `power` (0-1: `match_colours` gives `LightMatch.dimmer` as far as the
    chroma is not held to the skin's already, `chroma_hold`; 0: as they are)."""
    if power <= 0:
        return matched
    out = matched.copy()
    scale = np.minimum((matched[..., 0] + 16) / (lab[..., 0] + 16), 1) ** np.float32(power)
    out[..., 1:] *= scale[..., None]
    return out


def match_colours(patch: np.ndarray, match: LightMatch, inside: np.ndarray | None = None) -> np.ndarray:
    """The driver's mouth pixels (h, w, 3) RGB 0-255 (uint8 or float) in the portrait's light (`match`: the
    frame's), float32. Lit pixels' L* gain: the skins' exposure ratio, raised where the photo shows its own
    teeth (`PortraitMouth.own_teeth_l`; shadows keep theirs) to take the driver's teeth (`own_teeth_light` of
    its opening, the patch's pixels where `inside` (h, w) bool) to theirs: sr_8's cyan-lit photo, its skin dark
    (L* 37), its teeth's lightest fifth L* 52, got the driver's teeth at L* 41 (`figures/teeth_band`'s
    `teeth_lightness`). Under a coloured light (`LightMatch.coloured`) the teeth take the photo's own teeth's a* b*
    as far (`own_hue`): sr_8's cyan-lit teeth (a* b* -24, -20) drew lp_d11's as a
    lavender-white slab (-4, -15) in its cyan face."""
    lab = to_lab(patch)
    out = lip_turned(*lit_lab(lab, patch, match, inside), match)
    own = match.portrait.own_teeth_l
    if own is not None and inside is not None and inside.any() and match.coloured > 0:
        own_hue(out, lab, inside, match)
    return from_lab(throat_floor(lab, out, match, inside))


def lit_lab(lab: np.ndarray, patch: np.ndarray, match: LightMatch, inside: np.ndarray | None
            ) -> tuple[np.ndarray, np.ndarray]:
    """The driver's pixels `patch` (h, w, 3) RGB (`lab` their CIELAB) in the portrait's light and exposure
    (`match_colours` up to the lips' turn: `draw_kernels.mouth_light` then `dimmed_chroma`): (h, w, 3) float32
    CIELAB and (h, w) float32 how far each is teeth (0-1, `mouth_light`'s teeth weight)."""
    lit = to_lab(tinted(patch, match.tint))
    skin_d, skin_p = match.skin_lab, match.portrait_lab
    ratio = skin_p[0] / max(skin_d[0], 1.0)
    light = np.clip(ratio, *_EXPOSURE_RANGE)
    held = chroma_hold(match, ratio)
    base = min(light, 1.0)  # the gain in shadow; lit pixels (`_SHADOW`) get light's
    own = match.portrait.own_teeth_l
    drv_teeth = own_teeth_light(lab[inside], float(skin_d[0])) if own is not None and inside is not None else None
    if drv_teeth is not None:
        light = max(light, min(own / drv_teeth, _EXPOSURE_RANGE[1]))
    withheld, top = 0.0, 0.0
    if inside is not None and inside.any():
        top = top_light(lab[inside])
        capped = min(light, teeth_gain_cap(top, match.portrait, float(skin_p[0])))
        withheld, light = light - capped, capped
    f32 = np.float32
    out, teeth = np.empty_like(lab), np.empty(lab.shape[:2], np.float32)
    lift = _SHADOW_LIFT * max(float(skin_p[0] - skin_d[0]), 0.0)
    fade = min(lift / max(_LIFT_SPENT * float(skin_p[0]), 1.0), 1.0)  # at most 1: the lifted L* still rises
    mouth_light(lab, lit, f32(max(skin_d[0], 1.0)), f32(max(float(np.linalg.norm(skin_d[1:])), 1.0)),
                np.ascontiguousarray(skin_p[1:]), f32(np.linalg.norm(skin_p[1:])), f32(held), f32(base),
                f32(light - base), f32(lift), f32(fade), _RAMPS["teeth light"], _RAMPS["teeth chroma"], _RAMPS["shadow"],
                f32(match.lip_chroma), _RAMPS["grey light"], _RAMPS["grey chroma"], f32(match.lip_hue),
                _RAMPS["grey hue"], f32(_GREY_WIDEN), out, teeth)
    if withheld > 0:
        given_back(lab, out, withheld, light, top, _SHADOW[1] * float(skin_d[0]))
    return dimmed_chroma(lab, out, match.dimmer * (1 - held)), teeth


def lip_turned(matched: np.ndarray, teeth: np.ndarray, match: LightMatch) -> np.ndarray:
    """The matched interior's CIELAB pixels `matched` (h, w, 3) float32 with the a* b* of all but its teeth (`teeth`
    (h, w) 0-1, `lit_lab`'s weight): the tongue, the cavity, the lips' wet band, rotated `_LIP_TURN` of the hue angle
    from the driver's lips (matched, `LightMatch.lip_ab`) to the portrait's and scaled by their chroma ratio (within
    `_LIP_RATIO`) to that power, as far as the colours are not the light's (`chroma_hold`: a coloured light, a dim or
    a pale portrait; `LightMatch.dimmer`: another, dimmer light). lp_d12's lilac tongue (10 degrees bluer than his
    lips) kept its a* b* in lp_s1's light: 20 degrees bluer than her red lips (chroma 2x his), a lilac slab
    (`figures/opening_share`)."""
    drv = match.lip_ab
    skin_d, skin_p, lip_p = match.skin_lab, match.portrait_lab, match.portrait.labs[1]
    power = (1 - chroma_hold(match, skin_p[0] / max(skin_d[0], 1.0))) * (1 - match.dimmer)
    if drv is None or power <= 0 or np.linalg.norm(drv) < 1:
        return matched
    turn = (np.arctan2(lip_p[2], lip_p[1]) - np.arctan2(drv[1], drv[0]) + np.pi) % (2 * np.pi) - np.pi
    scale = np.log(np.clip(np.linalg.norm(lip_p[1:]) / np.linalg.norm(drv), *_LIP_RATIO))
    share = (_LIP_TURN * power) * (1 - teeth)
    gain, angle = np.exp(share * scale), share * turn
    cos, sin = (gain * np.cos(angle)).astype(np.float32), (gain * np.sin(angle)).astype(np.float32)
    out = matched.copy()
    a, b = matched[..., 1], matched[..., 2]
    out[..., 1], out[..., 2] = cos * a - sin * b, sin * a + cos * b
    return out


def chroma_hold(match: LightMatch, exposure: float) -> float:
    """0-1: how far each carried pixel's chroma is held to the share of the portrait's skin chroma that it carries of
    the driver's (`draw_kernels.mouth_light`'s `held`): as far as the skins' difference is a coloured light's
    (`LightMatch.coloured`), the portrait is dim (the skins' L* ratio `exposure` over `_DIM`) or far less colourful
    than the driver (the skins' chroma ratio over `_PALE`)."""
    chroma_d, chroma_p = (float(np.linalg.norm(lab[1:])) for lab in (match.skin_lab, match.portrait_lab))
    pale = float(_ramp(np.array(chroma_p / max(chroma_d, 1.0)), *_PALE))
    return max(match.coloured, float(_ramp(np.array(exposure), *_DIM)), pale)


def own_hue(matched: np.ndarray, lab: np.ndarray, inside: np.ndarray, match: LightMatch) -> None:
    """The matched interior's CIELAB pixels `matched` (h, w, 3) float32 with their a* b* moved, in place, to the
    photo's own teeth's (`PortraitMouth.own_teeth`) as far as the light is coloured (`LightMatch.coloured`), the
    driver's opening (its pixels `lab` (h, w, 3) CIELAB where `inside` (h, w) bool) shows teeth (its lightest
    `_LIGHTEST` share's L* over its skin's ramped over `_TEETH_SEEN`) and they are those teeth (L* over theirs
    ramped over `_OWN_HUE`)."""
    teeth = float(lab[inside][lightest(lab[inside], _LIGHTEST), 0].mean())
    seen = float(_ramp(np.array(teeth / max(float(match.skin_lab[0]), 1.0)), *_TEETH_SEEN))
    share = (match.coloured * seen) * _ramp(lab[..., 0] / max(teeth, 1.0), *_OWN_HUE).astype(np.float32)
    matched[..., 1:] += share[..., None] * (match.portrait.own_teeth[1:] - matched[..., 1:])


def throat_luminance(skin_y: float) -> float:
    """Relative luminance (Y, 0-1) of the throat, the cavity's floor, in the light of a skin of luminance `skin_y`
    (0-1): `_THROAT_LUMA` of it."""
    return _THROAT_LUMA * skin_y


def throat_lightness(skin_l: float) -> float:
    """L* (0-100) of the throat (`throat_luminance`) for a skin of L* `skin_l` (CIE 1976 L* of Y)."""
    y = throat_luminance(((skin_l + 16) / 116) ** 3)
    return float(116 * np.cbrt(y) - 16 if y > 0.008856 else 903.3 * y)


def throat_floor(lab: np.ndarray, matched: np.ndarray, match: LightMatch, inside: np.ndarray | None = None
                 ) -> np.ndarray:
    """The matched interior's CIELAB pixels `matched` (h, w, 3) float32 with its shadows raised to the portrait's
    throat (`PortraitMouth.throat_lab`): its shadow floor (the `_DARKS` quantile of L* over the pixels where
    `inside` (h, w) bool, all when None) lifted to the throat's L*, the lift falling linearly to 0 at `_FLOOR_REACH`
    x that L* (monotonic: the cavity's own shading kept), a* b* moved `_THROAT_HUE` x the lift's share of the way to
    the throat's; all of it as far as the driver's own pixels `lab` (h, w, 3) CIELAB are black by its own skin's
    light (`_BLACK`). A cavity lighter than the throat or not black in the driver comes back as it is."""
    def darks(ls: np.ndarray) -> float:
        return quantile(ls[inside] if inside is not None and inside.any() else ls.reshape(-1), _DARKS)

    black = float(_ramp(np.array(darks(lab[..., 0]) / max(throat_lightness(float(match.skin_lab[0])), 1e-3)),
                        *_BLACK))
    throat = match.portrait.throat_lab
    floor, top = darks(matched[..., 0]), float(throat[0])
    if black <= 0 or floor >= top:
        return matched
    reach = _FLOOR_REACH * top
    share = black * np.clip((reach - matched[..., 0]) / (reach - floor), 0, 1).astype(np.float32)
    out = matched.copy()
    out[..., 0] += (top - floor) * share
    out[..., 1:] += (_THROAT_HUE * share)[..., None] * (throat[1:] - matched[..., 1:])
    return out


def lip_band_cut(driver: DriverFrame, match: LightMatch, target_gap: float) -> float:
    """Share (0 to `_RIM_CUT`) of the driver's inner-lip contour to leave out about its centre: its lips'
    inner band, as far as its lips, matched to the portrait's light (`match`), differ from the portrait's and
    the band would be seen in a target opening `target_gap` px high."""
    seen = float(_ramp(np.array(0.5 * _RIM_CUT * target_gap), *_RIM_SEEN))
    drv_lip = driver.lip if seen > 0 else None
    if drv_lip is None:
        return 0.0
    matched = match_colours(drv_lip[None, None], match)[0, 0]
    de = float(np.linalg.norm(to_lab(matched) - match.portrait.labs[1]))
    return _RIM_CUT * seen * float(_ramp(np.array(de), *_RIM_DE))


def band_cuts(driver: DriverFrame, contour: np.ndarray, cut: float) -> np.ndarray:
    """(20,) share of each point of the driver's (20, 2) px inner-lip contour `contour` to move towards its centre:
    `cut` (`lip_band_cut`), less along the lower lip as far as the band that cut leaves out there (the mean of
    the driver's pixels from the point to its cut place) is not its lips' colour (`_BAND_NOT_LIP`): its lower teeth
    kept. Smoothed over neighbouring points (a [1, 2, 1] kernel round the contour)."""
    cuts = np.full(len(contour), cut, np.float32)
    drv_lip = driver.lip if cut > 0 else None
    if drv_lip is None:
        return cuts
    h, w = driver.image.shape[:2]
    lower = np.arange(_UPPER, len(contour))
    steps = np.linspace(0.0, cut, 6, dtype=np.float32)[None, :, None]
    rays = contour[lower, None] + steps * (contour.mean(0) - contour[lower, None])
    xs, ys = (np.clip(np.round(rays[..., i]).astype(int), 0, n - 1) for i, n in ((0, w), (1, h)))
    band = to_lab(driver.image[ys, xs]).mean(1)
    apart = np.linalg.norm(band - to_lab(drv_lip), axis=1)
    cuts[lower] *= 1 - _ramp(apart, *_BAND_NOT_LIP)
    return 0.25 * (np.roll(cuts, 1) + 2 * cuts + np.roll(cuts, -1))


def lower_lip_rim(patch: np.ndarray, contour: np.ndarray, lip: np.ndarray) -> np.ndarray:
    """(h, w) float32 0-1: how far each pixel of the driver's (h, w, 3) RGB `patch` is its lower lip left inside
    its (20, 2) px inner-lip contour `contour` (the patch's px): within `_LOWER_RIM_PX` px of the contour's lower
    half (corners included), as near its lips' (3,) RGB colour `lip` as `_BAND_NOT_LIP` ramps (1 at the first)."""
    lower = np.vstack([contour[_UPPER - 1:], contour[:1]])
    near = np.zeros(patch.shape[:2], np.uint8)
    cv2.polylines(near, [np.round(lower * 16).astype(np.int32)], False, 1, 2 * _LOWER_RIM_PX + 1, cv2.LINE_8, 4)
    apart = np.linalg.norm(to_lab(patch.astype(np.float32)) - to_lab(np.asarray(lip, np.float32)), axis=-1)
    return near * (1 - _ramp(apart, *_BAND_NOT_LIP)).astype(np.float32)


def driver_interior(driver: DriverFrame, target_contour: np.ndarray, shape: tuple[int, int],
                    portrait: PortraitMouth, target_gap: float, stretched: float = 0.0
                    ) -> tuple[np.ndarray, np.ndarray] | None:
    """The driver's mouth interior mapped onto a target opening.

    target_contour: (20, 2) target inner-lip contour (`INNER_LIP_CONTOUR` order) in the px of a box of
    `shape` (h, w); portrait: the portrait's mouth colours; target_gap: the target's inner-lip gap, px. The
    map: the least-squares affine map between the two contours, blended towards `unsqueezed_map` as the target
    opens less than the driver (`unsqueezed_share`) or by `stretched` (0-1) as it opens far taller
    (`slit_stretch.stretched_share`: then hung from the upper lip, its coverage not carried over the opening); the
    caller paints inside the target contour only.
    The least-squares map falls short of a turned target's contour by a px here and there (sr_4 x lp_d18: 10 % of
    its opening, where the synthetic interior's rolled lip drew a pale ring, `figures/mouth_ring.py`): the pixels
    it covers fully (`_FULL`) carry their colour out to the box's edge (nearest pixel). A map that shrinks the
    driver's rows to half or less reads its layer averaged along them (`minified`: sr_8 at 320, streaked teeth).
    Returns (paint (h, w, 3) float32 RGB, alpha (h, w) float32 0-1: how open the driver's mouth is, over the box;
    the map's coverage times that when no pixel is covered fully), or None when the driver's mouth is closed or
    its skin cannot be measured.
    """
    gap, width = mouth_gap(driver.landmarks)
    weight = np.clip((gap / max(width, 1e-6) - _OPEN_FROM) / (_OPEN_FULL - _OPEN_FROM), 0, 1)
    drv_skin = skin_colour(driver.image, driver.landmarks) if weight > 0 else None
    if drv_skin is None:
        return None
    h, w = driver.image.shape[:2]
    contour = driver.landmarks[INNER_LIP_CONTOUR, :2].astype(np.float32)
    drv_lip = driver.lip
    match = light_match(drv_skin, portrait, drv_lip)
    cut = lip_band_cut(driver, match, target_gap)
    # hung by the tracked upper lip: sr_1's teeth lie right under it, the shrunk one ran through them and hung
    # their upper half behind sr_18's upper lip (a thin teeth line over a flat dark cavity)
    tracked_upper = contour[:_UPPER]
    contour = contour.mean(0) + (1 - band_cuts(driver, contour, cut))[:, None] * (contour - contour.mean(0))
    x0, y0, x1, y1 = box_around(contour, 2, (w, h))
    if x1 <= x0 or y1 <= y0:
        return None
    src = contour - np.array([x0, y0], np.float32)
    alpha = polygon_mask([src], (y1 - y0, x1 - x0), (0, 0))
    patch = match_colours(driver.image[y0:y1, x0:x1], match, alpha > 0.5)
    if stretched > 0 and drv_lip is not None:
        alpha *= 1 - stretched * lower_lip_rim(driver.image[y0:y1, x0:x1], src, drv_lip)
    layer = np.dstack([patch, alpha * weight])
    lin = fit_linear(src, target_contour)
    affine = np.hstack([lin, (target_contour.mean(0) - lin @ src.mean(0))[:, None]])
    kept = max(unsqueezed_share(gap / max(width, 1e-6), target_gap, target_contour), stretched)
    if kept > 0:
        affine = (1 - kept) * affine + kept * unsqueezed_map(src, target_contour, hang_share(kept))
        lin = affine[:, :2]
    scale = float(np.sqrt(abs(np.linalg.det(lin))))
    amount = _SHARPEN * float(_ramp(np.array(scale), *_MAGNIFIED))
    interpolation = cv2.INTER_CUBIC if amount > 0 else cv2.INTER_LINEAR
    hung = kept * lip_hung_share(target_gap)
    upper = tracked_upper - np.array([x0, y0], np.float32)
    averaged = minified_share(affine)  # a map that shrinks rows past bilinear's reach (sr_8 at 320: streaks)
    out = (_sampled(row_prefiltered(layer, affine), affine, upper, target_contour[:_UPPER], shape, hung, interpolation)
           if averaged < 1 else None)
    if averaged > 0:
        small = _sampled(*minified(layer, affine, upper), target_contour[:_UPPER], shape, hung, interpolation)
        out = small if out is None else (1 - averaged) * out + averaged * small
    paint, cover = out[..., :3], np.clip(out[..., 3], 0, 1)
    if amount > 0:
        paint = sharpened(paint, cover, scale, amount)
    full = cover >= _FULL * weight
    if full.any():  # the target's whole opening: the interior's edge carried out to its contour
        paint = np.where(full[..., None], paint, paint.reshape(-1, 3)[nearest_pixels(full)[1]])
        # a slit kept short (`slit_stretch`) covers what it covers: the synthetic interior fills the rest
        cover = np.full_like(cover, weight) if stretched <= 0 else cover + (1 - stretched) * (weight - cover)
    return np.clip(paint, 0, 255), cover


def _sampled(layer: np.ndarray, affine: np.ndarray, upper: np.ndarray, target_upper: np.ndarray,
             shape: tuple[int, int], hung: float, interpolation: int) -> np.ndarray:
    """(h, w, c) float32: the driver's (h', w', c) `layer` moved by the (2, 3) `affine` into a box of `shape` (h, w),
    hung `hung` of the way from the target's upper inner lip `target_upper` by its own `upper` ((n, 2) px each,
    `hung_from_lip`) where over 0."""
    if hung > 0:
        return hung_from_lip(layer, affine, upper, target_upper, shape, hung, interpolation)
    return cv2.warpAffine(layer, affine, (shape[1], shape[0]), flags=interpolation, borderMode=cv2.BORDER_CONSTANT)


def unsqueezed_share(driver_open: float, target_gap: float, target_contour: np.ndarray) -> float:
    """0-1: how far the driver's interior keeps its height for its width (`unsqueezed_map`) rather than following
    the contours' affine map, from the driver's opening (gap / width) and the target's (`target_gap` px over the
    corner distance of its (20, 2) `INNER_LIP_CONTOUR` `target_contour`): none while the target opens as far
    as the driver or farther, in full from `_SQUEEZE`'s first share of it down."""
    target_open = target_gap / max(float(np.linalg.norm(target_contour[0] - target_contour[_UPPER - 1])), 1e-6)
    return 1.0 - float(_ramp(np.array(target_open / max(driver_open, 1e-6)), *_SQUEEZE))


def unsqueezed_map(src: np.ndarray, target_contour: np.ndarray, hang: float) -> np.ndarray:
    """(2, 3) the similarity taking the driver's inner-lip corners (of its (20, 2) contour `src`, px) onto the
    target's, and the point `hang` of the way from its contour's centre to its upper lip's onto the target's: its
    interior as tall as the mouth's width makes it, hung from `_HANG` (half-way) to the upper lip (`hang_share`),
    as lips parted less than the driver's still show its upper teeth under the upper lip (centred, lp_s0 x sr_1
    showed only sr_1's black cavity between them; hung from the lip in full at every opening, 1-px white lines of
    teeth and the re-tracker reading the opening as closed)."""
    corners = [0, _UPPER - 1]
    lin = fit_similarity(src[corners], target_contour[corners])[:, :2]
    return np.hstack([lin, (_hung_centre(target_contour, hang) - lin @ _hung_centre(src, hang))[:, None]])


def hang_share(kept: float) -> float:
    """`_HANG` to 1: how far from its contour's centre to its upper lip an interior unsqueezed `kept` (0-1,
    `unsqueezed_share`) is hung (`unsqueezed_map`), rising to the upper lip as far as it is unsqueezed: a target
    opening flatter than the driver's shows less of its interior, and the upper teeth under the upper lip are what
    shows (sr_4 at 256 x lp_d12 140-180 opens 0.45-0.7 as flat as its driver: hung half-way, lp_d12's 2-3 px band of
    upper teeth lay above the target's lip, a dark purple opening where the driver laughs with them)."""
    return _HANG + (1.0 - _HANG) * kept


def lip_hung_share(target_gap: float) -> float:
    """0-1: how far an unsqueezed driver interior (`unsqueezed_map`) hangs from the target's upper lip column by
    column (`hung_from_lip`), from the target's inner-lip gap `target_gap` px: none in an opening too low for a
    row of teeth and a cavity under it to read (`_HUNG_GAP`'s first px), in full from its second."""
    return float(_ramp(np.array(target_gap), *_HUNG_GAP))


def hung_from_lip(layer: np.ndarray, affine: np.ndarray, src_upper: np.ndarray, upper: np.ndarray,
                  shape: tuple[int, int], share: float = 1.0, interpolation: int = cv2.INTER_LINEAR) -> np.ndarray:
    """(h, w, c) float32 `layer` moved by the (2, 3) map `affine` into a box of `shape` (h, w), each column then
    shifted down by `share` of the target's upper inner lip `upper` less the moved layer's own `src_upper` ((n, 2)
    px, box / layer coordinates, corner to corner) there: it hangs from the target's lip, its teeth right under it,
    not below or above it where the two lips curve apart (a turned head's; a driver's arched lip over a flat one)."""
    moved = src_upper @ affine[:, :2].T + affine[:, 2]
    xs = np.arange(shape[1], dtype=np.float32)
    drop = share * (np.interp(xs, *by_x(upper)) - np.interp(xs, *by_x(moved)))
    ys = np.arange(shape[0], dtype=np.float32)[:, None] - drop[None, :]
    back = cv2.invertAffineTransform(affine)
    map_x = back[0, 0] * xs[None, :] + back[0, 1] * ys + back[0, 2]
    map_y = back[1, 0] * xs[None, :] + back[1, 1] * ys + back[1, 2]
    return cv2.remap(layer, map_x.astype(np.float32), map_y.astype(np.float32), interpolation,
                     borderMode=cv2.BORDER_CONSTANT)


def _hung_centre(contour: np.ndarray, hang: float) -> np.ndarray:
    """(2,) the point `hang` (0-1) of the way from a (20, 2) `INNER_LIP_CONTOUR` contour's centre to its upper
    lip's."""
    return (1 - hang) * contour.mean(0) + hang * contour[:_UPPER].mean(0)


def sharpened(paint: np.ndarray, valid: np.ndarray, scale: float, amount: float) -> np.ndarray:
    """Unsharp mask of a magnified (h, w, 3) float `paint` over its `valid` (h, w) 0-1 area (its
    coverage): paint plus `amount` times its difference from its blur (sigma half the magnification
    `scale`, in px), the blur weighted by `valid` so what lies outside does not bleed into its edge."""
    sigma = 0.5 * scale
    blur = cv2.GaussianBlur(paint * valid[..., None], (0, 0), sigma)
    norm = cv2.GaussianBlur(valid, (0, 0), sigma)[..., None]
    return paint + amount * (paint - blur / np.maximum(norm, 1e-3)) * valid[..., None]
