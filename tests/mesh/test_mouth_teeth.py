"""The driver's teeth in a portrait of another complexion, the lips around them, and the metric that sees
both (`eval/mouth_teeth.py`), on real faces: lp_s12 (a colourised old photo, pink skin, a moustache)
driven by lp_d12, whose frame 28 smiles with its upper teeth showing under a warm light, and by lp_d18,
whose frame 85 has the mouth wide open on a dark red cavity (no pale rim of the driver's lips round it,
but in a small opening; the driver's lips read once for it), also into sr_8 (a face lit cyan: the interior takes
that light); and lp_d12's smile from afar magnified into full-size lp_s1's mouth (sharpened)."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from mesh_faces import portrait
from test_mouth_options import _driver, _targets

from facereel.engines.mesh import MeshAnimator, MeshOptions
from facereel.engines.mesh.figures.dark_mouth import underexposed
from facereel.engines.mesh.figures.mouth_chroma import interior_chroma
from facereel.engines.mesh.figures.teeth_band import own_apart, teeth_band, teeth_band_reads, teeth_lightness
from facereel.engines.mesh.geometry.mesh_topology import INNER_LIP_CONTOUR
from facereel.engines.mesh.open_mouth import mouth_driver
from facereel.engines.mesh.open_mouth.lip_corners import corner_bands
from facereel.engines.mesh.open_mouth.lip_edge import BAND, lower_lip
from facereel.engines.mesh.open_mouth.mouth import DriverFrame, MouthRenderer
from facereel.engines.mesh.open_mouth.mouth_driver import (coloured_light, light_match, light_tint, lip_band_cut,
                                                           to_lab)
from facereel.engines.mesh.open_mouth.mouth_shape import lip_colour, mouth_gap, skin_colour
from facereel.eval.mouth_teeth import mouth_look
from facereel.face import landmark_ids as ids

SMILE, CLOSED = 28, 0  # lp_d12 frames: teeth showing; mouth shut
WIDE = 85  # lp_d18 frame: the mouth wide open


def _shrunk(image: np.ndarray, lm: np.ndarray, size: int = 512) -> tuple[np.ndarray, np.ndarray]:
    """The portrait at `size` px on its longer side (as `--size 512`) and its landmarks scaled with it."""
    s = size / max(image.shape[:2])
    return np.ascontiguousarray(cv2.resize(image, None, fx=s, fy=s, interpolation=cv2.INTER_AREA)), lm * s


def _driven(driver: str, frame: int, photo: str = "lp_s12") -> tuple:
    """(portrait, its landmarks, driver frames, their landmarks, targets) for the `photo` (at 512 px) driven by
    the driver's closed frame 0 (the reference) and `frame`."""
    image, lm = _shrunk(*portrait(photo))
    frames, driver_lm = _driver(driver, (CLOSED, frame))
    return image, lm, frames, driver_lm, _targets(lm, driver_lm)


@pytest.fixture(scope="module")
def smile():
    """lp_s12 driven by lp_d12's smile (`_driven`)."""
    return _driven("lp_d12", SMILE)


def _drawn(driven: tuple) -> np.ndarray:
    """`driven`'s (`_driven`) second frame drawn by the eyes-off engine, read-only: one render for the file's tests
    that read it (each made its own, the same pixels)."""
    image, lm, frames, driver_lm, targets = driven
    driver = DriverFrame(frames[1], driver_lm[1])
    out = MeshAnimator(image, lm, MeshOptions(eyes=False)).render(targets[1], driver=driver)
    out.flags.writeable = False
    return out


@pytest.fixture(scope="module")
def smile_drawn(smile) -> np.ndarray:
    """(H, W, 3) uint8: lp_s12 driven by lp_d12's smile (`_drawn`)."""
    return _drawn(smile)


def test_metric_sees_the_drivers_teeth(smile):
    """The driver's smiling frame has teeth (bright pixels whiter than its skin), its closed frame none."""
    _, _, frames, driver_lm, _ = smile
    assert mouth_look(frames[1], driver_lm[1]).teeth_area > 0.02
    assert mouth_look(frames[0], driver_lm[0]).teeth_area < 0.005


def test_metric_sees_a_blurred_mouth(smile):
    """The detail figure (edge steepness in the opening) of the driver's smile falls below 0.7 of itself
    (measured 0.60) when the frame is blurred (Gaussian, sigma 2 px), while its contrast keeps over 0.75
    (0.82): it sees the edges' blur more than the spread of lightness."""
    _, _, frames, driver_lm, _ = smile
    sharp = mouth_look(frames[1], driver_lm[1])
    blurred = mouth_look(cv2.GaussianBlur(frames[1], (0, 0), 2.0), driver_lm[1])
    assert blurred.detail < 0.7 * sharp.detail
    assert blurred.contrast > 0.75 * sharp.contrast


def test_driver_teeth_stay_white_on_a_pink_portrait(smile, smile_drawn):
    """The carried teeth keep at least half the driver's teeth area (they were a pink blob, 1 %) and their
    colour is less saturated than the portrait's skin."""
    _, _, frames, driver_lm, targets = smile
    look = mouth_look(smile_drawn, targets[1])
    assert look.teeth_area > 0.5 * mouth_look(frames[1], driver_lm[1]).teeth_area
    assert look.contrast > 0.05


def test_the_lower_lip_stays(smile):
    """The painted interior stays inside the target opening: the lower lip band (between the inner and
    outer lower lip) is the same with and without the interior painted, but for its antialiased edge
    (within 2 px of the inner-lip contour), the corners (`lip_corners`: lip over the slit's shadow where
    they opened) and, since h16-lipseam, the lower lip's edge band (`lip_edge`: lip over the photo's lip seam
    carried down with it, 0.4 of the lip's height), these bands too with their antialiased edge within 2 px (1 px
    until h18-mouth: lifted towards the lip's lit colour, the band's feather changed lp_s12's pixels 1.3-1.5 px
    past it by up to 3 grey levels), and its colour is the source's lower lip colour (CIELAB distance < 10)."""
    image, lm, frames, driver_lm, targets = smile
    animator = MeshAnimator(image, lm, MeshOptions(eyes=False))
    with_mouth = animator.render(targets[1], driver=DriverFrame(frames[1], driver_lm[1]))
    animator.mouth = None  # the same warp, the interior not painted
    without = animator.render(targets[1])
    band = np.zeros(image.shape[:2], np.uint8)
    cv2.fillPoly(band, [np.round(targets[1][list(ids.OUTER_LOWER_LIP + ids.INNER_LOWER_LIP[::-1]), :2]
                                 ).astype(np.int32)], 1)
    opening = np.zeros(image.shape[:2], np.uint8)
    cv2.fillPoly(opening, [np.round(targets[1][INNER_LIP_CONTOUR, :2]).astype(np.int32)], 1)
    corners = np.zeros(image.shape[:2], np.uint8)
    lifted = corner_bands(targets[1]) + [lower_lip(targets[1], BAND)]  # `lip_corners`' and `lip_edge`'s bands
    cv2.fillPoly(corners, [np.round(b).astype(np.int32) for b in lifted], 1)
    corners = cv2.dilate(corners, np.ones((5, 5), np.uint8))  # with their antialiased edge
    band = (band > 0) & (cv2.distanceTransform(1 - opening, cv2.DIST_L2, 3) >= 2) & (corners == 0)
    assert band.sum() > 50
    assert np.array_equal(with_mouth[band], without[band])
    de = np.linalg.norm(mouth_look(with_mouth, targets[1]).lower_lip - mouth_look(image, lm).lower_lip)
    assert de < 10


def test_teeth_colour_follows_the_portraits_light_not_its_skin(smile, smile_drawn):
    """The portrait's skin is pink (a* > b*): the carried teeth's a* stays within 6 of the
    portrait's neutral axis, not pushed pink as the skin is."""
    image, lm, _, _, targets = smile
    skin = to_lab(skin_colour(image, lm))
    mask = np.zeros(image.shape[:2], np.uint8)
    cv2.fillPoly(mask, [np.round(targets[1][INNER_LIP_CONTOUR, :2]).astype(np.int32)], 1)
    lab = to_lab(smile_drawn[mask > 0])
    bright = lab[lab[:, 0] >= np.percentile(lab[:, 0], 80)]  # the teeth: the lightest fifth of the opening
    assert bright[:, 0].mean() > skin[0]
    assert abs(bright[:, 1].mean()) < 6 and bright[:, 1].mean() < skin[1]


def test_driver_teeth_carry_the_faces_hue(smile, smile_drawn):
    """The carried teeth keep the share of the face's colour the driver's teeth carry of its own skin's
    (lp_d12's: 0.59 of its chroma along its hue), in the portrait's hue: `figures/teeth_band.py`'s grey
    (how far they fall short of half the skin's chroma) reads under 0.05 (0.13 when they took the portrait's
    mostly grey teeth colour, about 0.35 of its chroma: a pale grey-white band under lp_s12's moustache, frames
    30-55 read 0.07-0.15; the driver's own teeth 0)."""
    _, _, frames, driver_lm, targets = smile
    assert teeth_band_reads(targets[1])
    assert teeth_band(frames[1], driver_lm[1])[1] < 0.05
    assert teeth_band(smile_drawn, targets[1])[1] < 0.05


SR8_TEETH = 40  # lp_d12 frame: its upper teeth showing, sr_8's head turned back towards frontal


def test_driver_teeth_take_the_photos_own_teeth_light():
    """sr_8 (its mouth open in the photo, its teeth's lightest fifth L* 52 under a cyan light on dark skin)
    driven by lp_d12's smile: the carried teeth's L* (`teeth_lightness`) reaches at least 0.9 of the photo's own
    teeth's (51: they took the skins' exposure ratio alone before, L* 42, 0.81 of them, a dull grey-blue band;
    the driver's own teeth L* 67). lp_s12, its mouth closed, shows no teeth to take."""
    image, lm, frames, driver_lm, targets = _driven("lp_d12", SR8_TEETH, "sr_8")
    own = MouthRenderer(image, lm).colours.own_teeth_l
    assert own is not None
    out = MeshAnimator(image, lm, MeshOptions(eyes=False)).render(
        targets[1], driver=DriverFrame(frames[1], driver_lm[1]))
    assert teeth_lightness(out, targets[1]) >= 0.9 * own
    assert MouthRenderer(*_shrunk(*portrait("lp_s12"))).colours.own_teeth_l is None


@pytest.fixture(scope="module")
def wide():
    """lp_s12 driven by lp_d18's wide-open mouth (`_driven`)."""
    return _driven("lp_d18", WIDE)


@pytest.fixture(scope="module")
def wide_drawn(wide) -> np.ndarray:
    """(H, W, 3) uint8: lp_s12 driven by lp_d18's wide-open mouth (`_drawn`)."""
    return _drawn(wide)


def test_metric_sees_a_lifted_cavity(wide):
    """The cavity figure (darkest quarter of the opening / skin L*) of the wide-open driver frame rises by
    more than 0.1 when the opening alone is lifted towards white (the pale blob it must catch)."""
    _, _, frames, driver_lm, _ = wide
    frame = frames[1]
    mask = np.zeros(frame.shape[:2], np.uint8)
    cv2.fillPoly(mask, [np.round(driver_lm[1][INNER_LIP_CONTOUR, :2]).astype(np.int32)], 1)
    lifted = frame.copy()
    lifted[mask > 0] = 255 - (255 - frame[mask > 0]) // 2
    dark, pale = mouth_look(frame, driver_lm[1]), mouth_look(lifted, driver_lm[1])
    assert dark.cavity < 0.5
    assert pale.cavity > dark.cavity + 0.1


def test_the_cavity_stays_dark_on_a_pale_portrait(wide, wide_drawn):
    """Shadows do not scale with skin tone: on the pale portrait the carried cavity is, relative to the
    portrait's skin, no lighter than the driver's relative to its own (it was 1.1x, a light mauve oval)."""
    _, _, frames, driver_lm, targets = wide
    assert mouth_look(wide_drawn, targets[1]).cavity <= 0.95 * mouth_look(frames[1], driver_lm[1]).cavity


def test_the_cavity_stays_dark_on_an_underexposed_portrait():
    """sr_8 at a tenth of its light (linear RGB; skin L* 8.7 against lp_d18's 58): the carried cavity is, relative
    to the portrait's skin, within 0.05 of what it is at the photo's full light (0.383 against 0.368; the driver's
    own 0.357). The lightness gain's floor of 0.4 made it 0.93: a pale oval glowing in the dark face."""
    image, lm, frames, driver_lm, targets = _driven("lp_d18", WIDE, "sr_8")
    dark = underexposed(image, 0.1)
    cavities = [mouth_look(MeshAnimator(photo, lm, MeshOptions(eyes=False)).render(
        targets[1], driver=DriverFrame(frames[1], driver_lm[1])), targets[1]).cavity for photo in (image, dark)]
    assert cavities[1] <= cavities[0] + 0.05


def test_the_interior_is_no_more_colourful_on_an_underexposed_portrait():
    """lp_s0 at a twentieth of its light (skin L* 15, chroma 10 against 25): the carried interior's mean chroma over
    the skin's (`figures/mouth_chroma`) within 0.15 of what it is at the photo's full light (0.98 against 0.90; the
    driver's own 0.98). With the driver's a* b* kept it was 2.24: a vivid red oval in the dim face."""
    image, lm, frames, driver_lm, targets = _driven("lp_d18", WIDE, "lp_s0")
    dark = underexposed(image, 0.05)
    shares = [interior_chroma(MeshAnimator(photo, lm, MeshOptions(eyes=False)).render(
        targets[1], driver=DriverFrame(frames[1], driver_lm[1])), targets[1], lip_colour(photo, lm),
        skin_colour(photo, lm))[1] for photo in (image, dark)]
    assert abs(shares[1] - shares[0]) < 0.15


def test_no_pale_rim_round_the_opening(wide, wide_drawn):
    """lp_d18's lips (matched) differ from lp_s12's: the driver's inner lip band is left out of the wide
    opening, so its edge band is darker than its core (it was +0.05: a pale ring; with no cut at all +0.11).
    The bound was 0.05 skin L* darker (-0.061 then): since h29-lowerteeth the driver's lower teeth, a grey band on
    its lower lip, are kept in the edge band (`mouth_driver.band_cuts`; the driver's own edge band reads +0.083 with
    them), -0.030 here, lp_s1 -0.080 -> -0.040, lp_s5 -0.023 -> -0.012; looked at 4x (frames 64-100): the grey band
    where the driver shows it, no pale ring."""
    targets = wide[-1]
    assert mouth_look(wide_drawn, targets[1]).rim < 0


def test_the_lip_band_stays_in_a_small_opening(wide):
    """The band is left out only where it would be seen: the full cut for this 26 px high opening, none for
    one 7 px high (a small face: there the re-tracker reads the driver's contour as tracked best)."""
    image, lm, frames, driver_lm, targets = wide
    colours = MouthRenderer(image, lm).colours
    driver = DriverFrame(frames[1], driver_lm[1])
    skin = skin_colour(frames[1], driver_lm[1])
    assert mouth_gap(targets[1])[0] > 20
    assert lip_band_cut(driver, light_match(skin, colours), mouth_gap(targets[1])[0]) == pytest.approx(0.15)
    assert lip_band_cut(driver, light_match(skin, colours), 7.0) == 0


def test_the_drivers_lips_read_once_a_frame(wide, monkeypatch):
    """The driver's lips (`DriverFrame.lip`) are read once for a frame whose interior cuts its lips' band away (the
    interior's light match, the band cut and the cut's points each read them before: three reads), the cut taken."""
    image, lm, frames, driver_lm, targets = wide
    renderer, reads, cuts = MouthRenderer(image, lm), [], []
    monkeypatch.setattr(mouth_driver, "lip_colour", lambda *args: reads.append(lip_colour(*args)) or reads[-1])
    band_cut = mouth_driver.lip_band_cut
    monkeypatch.setattr(mouth_driver, "lip_band_cut", lambda *args: cuts.append(band_cut(*args)) or cuts[-1])
    crop = image.copy()
    renderer.render(crop, np.zeros(2, np.float32), targets[1], DriverFrame(frames[1], driver_lm[1]))
    assert cuts == [pytest.approx(0.15)] and len(reads) == 1
    assert not np.array_equal(crop, image)


@pytest.mark.slow
def test_a_small_driver_mouth_is_sharpened_when_magnified(monkeypatch):
    """lp_d12's smile filmed from afar (frames shrunk to half: a 40 px mouth) carried into full-size
    lp_s1's mouth (~115 px wide, ~2.9x): the sharpened interior has more detail (L* gradient per px,
    `eval.mouth_teeth`) than the plain magnified one, keeps its mean colour (within 3 levels) and its
    teeth."""
    image, lm = portrait("lp_s1")
    frames, driver_lm = _driver("lp_d12", (CLOSED, SMILE))
    frames = [cv2.resize(f, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA) for f in frames]
    driver_lm = driver_lm * 0.5
    target = _targets(lm, driver_lm)[1]
    driver = DriverFrame(frames[1], driver_lm[1])
    animator = MeshAnimator(image, lm, MeshOptions(eyes=False))
    sharp = animator.render(target, driver=driver)
    monkeypatch.setattr(mouth_driver, "_SHARPEN", 0.0)
    plain = animator.render(target, driver=driver)
    opening = np.zeros(image.shape[:2], np.uint8)
    cv2.fillPoly(opening, [np.round(target[INNER_LIP_CONTOUR, :2]).astype(np.int32)], 1)
    assert np.abs(sharp[opening > 0].mean(0) - plain[opening > 0].mean(0)).max() < 3
    look_sharp, look_plain = mouth_look(sharp, target), mouth_look(plain, target)
    assert look_sharp.detail > 1.15 * look_plain.detail
    assert look_sharp.teeth_area > 0.8 * look_plain.teeth_area > 0


def test_the_interior_takes_a_tinted_light(wide, monkeypatch):
    """sr_8 is lit cyan by a screen (its skin's hue 150+ degrees from lp_d18's): lp_d18's wide-open
    interior carried into it turns from the portrait's skin (`eval.mouth_teeth` hue) by under 60 degrees,
    as the driver's own from its skin; without the light's tint it stays the driver's red (over 100: pasted
    in). On the neutral-lit lp_s1 the light's tint moves no channel by more than 10 % (sr_8's red: x0.25)."""
    image, lm = _shrunk(*portrait("sr_8"))
    _, _, frames, driver_lm, _ = wide
    target = _targets(lm, driver_lm)[1]
    animator = MeshAnimator(image, lm, MeshOptions(eyes=False))
    driver = DriverFrame(frames[1], driver_lm[1])
    tinted = mouth_look(animator.render(target, driver=driver), target).hue
    monkeypatch.setattr(mouth_driver, "light_tint", lambda *_: np.ones(3, np.float32))
    plain = mouth_look(animator.render(target, driver=driver), target).hue
    assert tinted < 60 < 100 < plain
    driver_skin = skin_colour(frames[1], driver_lm[1])
    sr_8_skin, lp_s1_skin = skin_colour(image, lm), skin_colour(*portrait("lp_s1"))
    assert light_tint(driver_skin, sr_8_skin, coloured_light(driver_skin, sr_8_skin))[0] < 0.5
    assert np.abs(light_tint(driver_skin, lp_s1_skin, coloured_light(driver_skin, lp_s1_skin)) - 1).max() < 0.1



CYAN_REF, CYAN_OPEN = 132, 152  # lp_d11 frames: the cut's first (the reference) and its frame 20, teeth showing


def test_driver_teeth_take_the_photos_own_teeth_colour():
    """sr_8 (512 px; its own teeth cyan-lit, a* b* -24, -20) driven by lp_d11 132-168's frame 20 (its teeth warm-lit
    and as coloured as its skin: no teeth by the chroma ramp): the carried teeth's a* b* lie within 6 of the photo's
    own teeth's (`own_apart`; 21 before: a lavender-white slab in the cyan face)."""
    image, lm = _shrunk(*portrait("sr_8"))
    frames, driver_lm = _driver("lp_d11", (CYAN_REF, CYAN_OPEN))
    targets = _targets(lm, driver_lm)
    own = MouthRenderer(image, lm).colours.own_teeth
    assert own is not None
    out = MeshAnimator(image, lm, MeshOptions(eyes=False)).render(
        targets[1], driver=DriverFrame(frames[1], driver_lm[1]))
    apart = own_apart(out, targets[1], own)
    assert apart is not None and apart < 6
