"""The neck under a turned and raised chin (issue #9): its sides follow the jaw (`neck_sides`), its tone takes
the neck's colour (`neck_tone`), read by `figures.neck_wedge`."""

from __future__ import annotations

from dataclasses import replace

import cv2
import numpy as np
import pytest
from mesh_faces import PORTRAITS, landmarks, portrait

from facereel.animate.inputs import Source, drive
from facereel.animate.options import AnimateOptions
from facereel.animate.photo import photo_motion
from facereel.animate.run import resize_source
from facereel.engines.mesh import MeshAnimator
from facereel.engines.mesh import animator as animator_module
from facereel.engines.mesh.figures.neck_wedge import NeckWedge
from facereel.engines.mesh.neck_layer import neck
from facereel.engines.mesh.neck_layer import neck_sides
from facereel.engines.mesh.neck_layer.neck_sides import (PLAIN_PULL, PULL_SLOPE, RISE_PULL, STEEP, SidePull,
                                                           side_plainness, with_pull)
from facereel.engines.mesh.neck_layer.neck_tone import neck_coloured
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

# A jaw line from one angle round the chin to the other, crop px (x right, y down).
JAW = np.array([[160, 200], [180, 260], [210, 300], [240, 310], [270, 300], [300, 260], [320, 200]], np.float32)
BOX = (slice(190, 380), slice(140, 340))


def test_an_unmoved_jaw_pulls_nothing_and_a_turned_one_pulls_only_its_outward_side():
    """`SidePull`: nothing (None, no array built) for the jaw where it was; for the jaw moved 30 px to the image's left, the left side
    (its meeting point moved outward) is pulled by the meeting point's motion just below it, none at its
    collar line, none at the box's edge, and the right side (moved inward) not at all; every row stays a
    one-to-one map (x + pull rising along the row: no fold)."""
    sides, collars = (200.0, 280.0), (360.0, 360.0)
    assert SidePull(JAW, sides, collars, *BOX, face_px=200.0, stretch=2.5)(JAW) is None
    turned = JAW - (30, 0)
    pull = SidePull(JAW, sides, collars, *BOX, face_px=200.0, stretch=2.5)(turned)
    row = 287 - BOX[0].start  # just below where the left side met the jaw (row 286.7)
    assert abs(pull[row, int(200 - 30) - BOX[1].start] - 30) < 0.5
    assert np.abs(pull[360 - BOX[0].start:]).max() == 0
    assert np.abs(pull[:, 0]).max() == 0
    assert np.abs(pull[:, 280 - BOX[1].start:]).max() == 0
    xs = np.arange(BOX[1].start, BOX[1].stop)[None]
    assert (np.diff(xs + pull, axis=1) > 0).all()


def test_the_pull_fades_down_at_most_pull_slope_and_joins_an_opposite_lean_without_a_step():
    """`SidePull`: a meeting point 20 px above the side's collar line pulls at most 20 `PULL_SLOPE` px
    however far the jaw turned, each column's pull changing at most `PULL_SLOPE` px per row (a pull fading
    over a few rows above a raised chin's collar sheared sr_18's neck into streaks). `with_pull` takes the
    larger of the pull and a lean going its way, and joins it to a lean going the other way without a step
    where the pull ends (the larger of them stepped from the lean to nothing there)."""
    sides = (200.0, 280.0)
    near = SidePull(JAW, sides, (307.0, 307.0), *BOX, face_px=200.0, stretch=2.5)(JAW - (40, 0))
    assert 0 < near.max() <= 20.3 * PULL_SLOPE + 0.5
    assert np.abs(np.diff(near, axis=0)).max() <= PULL_SLOPE + 1e-4
    pull = SidePull(JAW, sides, (360.0, 360.0), *BOX, face_px=200.0, stretch=2.5)(JAW - (30, 0))
    ones = np.ones(len(pull), np.float32)
    joined = np.full_like(pull, 40.0)
    with_pull(joined, ones, pull)
    assert np.array_equal(joined, np.maximum(40.0, pull))
    lean = np.full_like(pull, -10.0)
    joined = lean.copy()
    with_pull(joined, ones, pull)
    assert np.abs(np.diff(joined, axis=1)).max() <= np.abs(np.diff(pull, axis=1)).max() + 1e-4
    assert np.abs(np.diff(joined, axis=0)).max() <= np.abs(np.diff(pull, axis=0)).max() + 1e-4
    assert np.array_equal(joined[pull == 0], lean[pull == 0])


def test_a_creased_side_reads_less_plain_and_is_pulled_less():
    """`side_plainness` on a drawn neck box: the columns inward of the left side plain skin, those inward of
    the right side creased (three columns in four not plain, as `neck._plainness` reads creases), the side's
    own outline (its first columns) not plain on both: the left reads plain, the right creased, whatever
    the outline. `SidePull` pulls a side in full at plainness 1 (as without it), not at all under
    `PLAIN_PULL`'s low end, and in part between."""
    face_px = 200.0
    plain = np.ones((190, 200), np.float32)
    skin = np.ones_like(plain)
    plain[:, 40:43] = plain[:, 157:160] = 0  # each side's outline (sides at box columns 40 and 159)
    plain[:, 96:150] = 0  # the right side's creases, within `PLAIN_SPAN` of it, with plain skin between
    plain[:, 96:150:4] = 1
    left, right = side_plainness(plain, skin, (40, 159), (60.0, 60.0), (170.0, 170.0), face_px)
    assert left > PLAIN_PULL[1] and right < PLAIN_PULL[0], (left, right)
    assert side_plainness(plain, np.zeros_like(skin), (40, 159), (60.0, 60.0), (170.0, 170.0), face_px) == (0, 0)
    sides, collars, turned = (200.0, 280.0), (360.0, 360.0), JAW - (30, 0)
    full = SidePull(JAW, sides, collars, *BOX, face_px=200.0, stretch=2.5)(turned)
    assert np.array_equal(SidePull(JAW, sides, collars, *BOX, face_px=200.0, stretch=2.5,
                                   plainness=(1.0, 1.0))(turned), full)
    assert SidePull(JAW, sides, collars, *BOX, 200.0, 2.5, (PLAIN_PULL[0], 1.0))(turned) is None  # none pulled
    half = SidePull(JAW, sides, collars, *BOX, 200.0, 2.5, (float(np.mean(PLAIN_PULL)), 1.0))(turned)
    assert 0.4 * full.max() < half.max() < 0.6 * full.max()


def test_a_creased_side_whose_meeting_point_rises_steeply_is_pulled_all_the_same():
    """`SidePull` (face size 200 px): a creased side (plainness 0) carried 10 px out is not pulled; carried out as
    far and `RISE_PULL`'s high end (30 px) up, as a rolled head lifts the ear lobe's foot off the neck's side (sr_18's
    black notch under the lobe), it is pulled as a plain side is; risen halfway between `RISE_PULL`'s ends, by half;
    carried 30 px out and 30 up (past `STEEP`: a turned, raised head's), not at all."""
    sides, collars, creased = (200.0, 280.0), (360.0, 360.0), (0.0, 0.0)
    assert SidePull(JAW, sides, collars, *BOX, 200.0, 2.5, creased)(JAW - (10, 0)) is None
    rolled = JAW - (10, RISE_PULL[1] * 200.0)
    full = SidePull(JAW, sides, collars, *BOX, 200.0, 2.5)(rolled)
    assert full.max() > 9 and np.array_equal(SidePull(JAW, sides, collars, *BOX, 200.0, 2.5, creased)(rolled), full)
    half = SidePull(JAW, sides, collars, *BOX, 200.0, 2.5, creased)(JAW - (10, np.mean(RISE_PULL) * 200.0))
    assert 0.4 * full.max() < half.max() < 0.6 * full.max()
    assert 30 / (RISE_PULL[1] * 200.0) > STEEP[1]
    assert SidePull(JAW, sides, collars, *BOX, 200.0, 2.5, creased)(JAW - (30, RISE_PULL[1] * 200.0)) is None


def test_sr_18s_creased_neck_is_not_pulled_into_streaks(monkeypatch):
    """sr_18 at 512 px, preset:turn frames 40, 42 and 44 (its jaw turned to the right, past the neck's right
    side): that side's neck is creased (`side_plainness` under `PLAIN_PULL`'s low end), so it is not pulled;
    pulled in full its creases were stretched into streaks fanning out under the jaw with a pale smear by
    the ear: new light lines and dark bands on the neck (means of the three frames, pulled in full -> now:
    dark band 4.8 -> 3.8; light line 0.33 -> 0.32, 0.53 -> 0.42 before `neck_tone.from_mirror` filled the tone
    beside the mirrored neck; 0.197 against 0.194 since h25-s3crease's rim shadow, the light line a hair's breadth
    either way, so it may read up to 1.05 of the pulled one's; the dark band, the streaks, stays under 0.85); the
    source repeated reads 0."""
    image, lm = portrait("sr_18")
    source = resize_source(Source(image=image, landmarks=lm), 512)
    frames = [40, 42, 44]
    targets = retarget(source.landmarks, preset_motion("turn", 2.0), RetargetOptions().for_engine("mesh"))[frames]
    figures = NeckWedge(source.image, source.landmarks)

    def render() -> list[np.ndarray]:
        animator = MeshAnimator(source.image, source.landmarks)
        assert animator.layer.neck._sides.plainness[1] < PLAIN_PULL[0]  # the right side (measured 0.14)
        return [animator.render(t) for t in targets]

    now = render()
    with monkeypatch.context() as patch:
        patch.setattr(neck_sides, "PLAIN_PULL", (-1.0, 0.0))  # every side pulled in full
        before = render()
    for figure in (figures.light_line, figures.dark_band):
        assert figure(source.image, source.landmarks) == 0
    for figure, share in ((figures.light_line, 1.05), (figures.dark_band, 0.85)):
        read_now, read_before = (np.mean([figure(f, t) for f, t in zip(run, targets)]) for run in (now, before))
        assert read_now < share * read_before, (figure.__name__, read_now, read_before)


def test_the_band_takes_the_necks_colour_where_enough_neck_is_known():
    """`neck_coloured`: the band's pixels move to the neck's median colour (keeping their texture); with
    under `NECK_SHARE` of neck it is left as it was."""
    rng = np.random.default_rng(0)
    band = np.clip(np.array([171, 119, 96], np.float32) + rng.normal(0, 4, (40, 40, 3)), 0, 255).astype(np.float32)
    neck_image = np.broadcast_to(np.array([194, 149, 131], np.uint8), (40, 40, 3)).copy()
    where = np.zeros((40, 40), bool)
    where[:20] = True
    known = ~where
    moved = neck_coloured(band, where, neck_image, known)
    assert np.abs(np.median(moved[where], 0) - (194, 149, 131)).max() < 4
    assert moved[where].std(0).mean() > 2  # its texture kept
    assert np.array_equal(moved[~where], band[~where])
    assert np.array_equal(neck_coloured(band, where, neck_image, np.zeros_like(known)), band)


def test_the_wedge_figures_read_zero_on_the_source_and_a_painted_wall_and_dark_tone(astronaut):
    """`NeckWedge` on astronaut: 0 for the source repeated; the backdrop's colour painted in the band under her
    jaw reads as a wedge, a tone darker than her neck there as a step."""
    lm = landmarks(astronaut)
    figures = NeckWedge(astronaut, lm)
    assert figures.jaw_wedge(astronaut, lm) == 0 and figures.tone_step(astronaut, lm) == 0
    assert figures.scale == 1  # (the figures' box is the image's own pixels)
    x0, y0, x1, y1 = figures.box
    band = figures._under_jaw(lm)  # the band under her jaw line
    wall = astronaut.copy()
    wall[y0:y1, x0:x1][band] = np.round(np.nanmedian(figures.background.reshape(-1, 3), 0)).astype(np.uint8)
    assert figures.jaw_wedge(wall, lm) > 0.3  # where the backdrop is near (not deep inside her suit's collar)


def test_a_tone_darker_than_the_neck_reads_as_a_step(grace_hopper):
    """`NeckWedge.tone_step` on grace_hopper: 0 for the source repeated; her skin under the jaw darkened by
    40 grey levels (its chroma kept) reads ~40 below her neck's brightness further down."""
    lm = landmarks(grace_hopper)
    figures = NeckWedge(grace_hopper, lm)
    assert figures.tone_step(grace_hopper, lm) == 0
    band = cv2.resize(figures._under_jaw(lm).astype(np.uint8), None, fx=1 / figures.scale, fy=1 / figures.scale,
                      interpolation=cv2.INTER_NEAREST) > 0
    x0, y0 = (int(round(v / figures.scale)) for v in figures.box[:2])
    region = (slice(y0, y0 + band.shape[0]), slice(x0, x0 + band.shape[1]))
    ycrcb = cv2.cvtColor(grace_hopper, cv2.COLOR_RGB2YCrCb)
    ycrcb[region][..., 0][band[:ycrcb[region].shape[0], :ycrcb[region].shape[1]]] -= 40
    dark = cv2.cvtColor(ycrcb, cv2.COLOR_YCrCb2RGB)
    assert figures.tone_step(dark, lm) > 20


@pytest.mark.slow
def test_lp_s1s_neck_meets_her_turned_raised_jaw_in_the_necks_colour(monkeypatch):
    """lp_s1 at 512 px, preset:turn frames 18 and 20 (turned and looking up): without the sides' pull and
    the neck's colour the wall shows under her far jaw (`jaw_wedge` ~0.05) and the tone is ~18 grey levels
    darker than her neck below the pearls; with them the wedge falls under a fifth and the step by a third
    (the tone filled beside the mirrored neck from it, `neck_tone.from_mirror`, left out too: measured 10 with
    it, 4 before it)."""
    image, lm = portrait("lp_s1")
    source = resize_source(Source(image=image, landmarks=lm), 512)
    frames = [18, 20]
    targets = retarget(source.landmarks, preset_motion("turn", 2.0), RetargetOptions().for_engine("mesh"))[frames]
    figures = NeckWedge(source.image, source.landmarks)

    def render() -> list[np.ndarray]:
        animator = MeshAnimator(source.image, source.landmarks)
        return [animator.render(t) for t in targets]

    now = render()
    with monkeypatch.context() as patch:
        patch.setattr(neck.SidePull, "__call__", lambda self, target: None)
        patch.setattr(neck, "neck_coloured", lambda band, *args: band)
        patch.setattr(neck, "from_mirror", lambda colour, known, *args: (colour, known))
        # Nor the wall beside a shifted head (`shifted_wall`, lp_s6's): the tone without the colours above is darker,
        # enough for her white wall to pass its contrast and the turn's shift (0.52 at frame 18) or yaw to lay it.
        patch.setattr(animator_module, "wall_share", lambda *args: 0.0)
        before = render()
    wedge = [np.mean([figures.jaw_wedge(f, t) for f, t in zip(run, targets)]) for run in (now, before)]
    step = [np.mean([figures.tone_step(f, t) for f, t in zip(run, targets)]) for run in (now, before)]
    assert wedge[1] > 0.02 and wedge[0] < 0.2 * wedge[1], wedge
    assert step[1] > 10 and step[0] < step[1] - step[1] / 3, step


def test_lp_s12s_neck_not_the_wall_shows_between_his_moved_jaw_and_collar_on_a_photo_driver(monkeypatch):
    """lp_s12 x lp_s3.jpg, `--mode absolute` (the photo's pose and expression, its last frame): the jaw moved in
    (its angle 256 -> 245 px) uncovers the columns 0.26-0.35 face sizes from the middle where his white collar rises
    to the jaw; past the neck's width the plate's fill there was the wall beside the jaw, a grey-blue wedge. Those
    columns (a white collar just below the hole inside the jaw angles, `neck._collar_columns`) now take the shadowed
    neck tone. Wall-coloured px in the wedge's crop (`wall_px`, x 215-265, y 190-260): source repeated 0, before
    372, now 172 (left: the wall right of the collar's tip, x >= 255, beside the neck; on 5x crops the wedge is the
    neck's tone down to the collar's tip)."""
    image, lm = portrait("lp_s12")
    source = Source(image=image, landmarks=lm)
    options = AnimateOptions()
    options = replace(options, retarget=replace(options.retarget, mode="absolute", smoothing=None))
    target = drive(source, photo_motion(PORTRAITS / "lp_s3.jpg", source, options),
                   options.retarget.for_engine("mesh"))[-1]
    figures, area = NeckWedge(image, lm), (215, 190, 265, 260)

    def wall() -> int:
        return figures.wall_px(MeshAnimator(image, lm).render(target), area)

    now = wall()
    with monkeypatch.context() as patch:
        patch.setattr(neck, "_collar_columns", lambda person, *rest: np.zeros(person.shape, np.float32))
        before = wall()
    assert figures.wall_px(image, area) == 0
    assert before > 250 and now < 0.55 * before, (now, before)


@pytest.mark.slow
def test_dark_clothes_and_a_pale_wall_below_the_jaw_are_no_collar(monkeypatch, astronaut):
    """`neck._collar_columns` reads only a white collar, not the background's colour: sr_8's dark hood, sr_18's
    jacket collar and the pale wall the astronaut's person mask holds beside her jaw (512 px) leave the shadowed
    tone's cover as it was (taken as any clothes, up sr_8's hood the tone drew a light streak beside her turned jaw,
    preset:turn 11-43; the astronaut's wall as a collar raised `skin_haze` beside her far neck, turn 12-20,
    0.029 -> 0.038); lp_s12's white collar widens it (by 0.49 at 512 px)."""
    def cover(image: np.ndarray, lm: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        source = resize_source(Source(image=image, landmarks=lm), 512)
        now = MeshAnimator(source.image, source.landmarks).layer.neck.below_jaw
        with monkeypatch.context() as patch:
            patch.setattr(neck, "_collar_columns", lambda person, *rest: np.zeros(person.shape, np.float32))
            before = MeshAnimator(source.image, source.landmarks).layer.neck.below_jaw
        return now, before

    for name, (image, lm) in (("sr_8", portrait("sr_8")), ("sr_18", portrait("sr_18")),
                              ("astronaut", (astronaut, landmarks(astronaut)))):
        now, before = cover(image, lm)
        assert np.array_equal(now, before), name
    now, before = cover(*portrait("lp_s12"))
    assert (now - before).max() > 0.4 and (now >= before).all(), (now - before).max()


def test_the_side_fade_and_column_morphology_are_one_helper_each(monkeypatch):
    """lp_s12 at 512 px (a white collar rising to his jaw): the neck's columns fade out past `NECK_HALF_WIDTH`
    through `neck._side_fade` (the held columns' and the box's, written out twice before h25-folds), and its 1-D
    window morphology (the held columns' and the white collar's closing, the collar's opening, the skin below's
    erosion and closing, its span with the neck's width, `neck._joined`, and the neck seen below the jaw's closing,
    `NeckWarp.neck_seen`) through `neck._morphed`: float32 fades in [0, 1], 0 from `SIDE_REACH` on; bool columns, an
    erosion within its input."""
    image, lm = portrait("lp_s12")
    source = resize_source(Source(image=image, landmarks=lm), 512)
    side_fade, morphed, fades, morphs = neck._side_fade, neck._morphed, [], []

    def faded(across: np.ndarray) -> np.ndarray:
        fades.append((across, side_fade(across)))
        return fades[-1][1]

    def morph(columns: np.ndarray, operation: int, sigma: float) -> np.ndarray:
        morphs.append((operation, columns, morphed(columns, operation, sigma)))
        return morphs[-1][2]

    monkeypatch.setattr(neck, "_side_fade", faded)
    monkeypatch.setattr(neck, "_morphed", morph)
    MeshAnimator(source.image, source.landmarks)
    assert len(fades) == 2
    for across, fade in fades:
        assert fade.dtype == np.float32 and fade.min() >= 0 and fade.max() <= 1
        assert not fade[across >= neck.SIDE_REACH].any() and (fade[across <= neck.NECK_HALF_WIDTH[1]] == 1).all()
    assert sorted(operation for operation, _, _ in morphs) == sorted([cv2.MORPH_CLOSE] * 6
                                                                      + [cv2.MORPH_ERODE, cv2.MORPH_OPEN])
    assert all(out.dtype == bool for _, _, out in morphs)
    assert all(not (out & ~columns).any() for operation, columns, out in morphs if operation == cv2.MORPH_ERODE)
