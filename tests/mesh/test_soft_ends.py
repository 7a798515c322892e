"""The moved hair's cut lower ends faded out over the plate (`soft_ends`, `figures.hard_ends`; issue #9)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np
import pytest
from mesh_faces import driven_targets, scaled_portrait, set_up_copy

from facereel.animate.inputs import load_source
from facereel.animate.options import AnimateOptions, mesh_options
from facereel.animate.run import resize_source
from facereel.engines.mesh import MeshAnimator, MeshOptions
from facereel.engines.mesh.figures.hair_pops import hair_pops
from facereel.engines.mesh.figures.hard_ends import hard_ends
from facereel.engines.mesh.figures.light_line import hair_level, light_line
from facereel.engines.mesh.figures.short_hair import short_hair
from facereel.engines.mesh.figures.wall_sliver import wall_sliver
from facereel.engines.mesh.head_edge.soft_ends import NECK, SoftEnds
from facereel.face import landmark_ids as ids
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

WINDOW = range(54, 63, 4)
"""lp_d12's frames where the driver's head moves far down and left (lp_s1's left hair cut over the wall)."""
POPS = range(133, 151)
"""lp_d12's frames where lp_s1's right hair is cut by runs 0.03-0.16 face sizes wide from frame to frame."""
LINES = (24, 78, 122, 175)
"""lp_d12's frames where lp_s1's head outline lay over her carried hair as a light line (`figures.light_line`)."""
SLIVERS = (78, 127, 180)
"""lp_d12's frames where lp_s1's wall showed between her carried hair and the moved jaw (`figures.wall_sliver`)."""


def _face_landmarks(centre: tuple[float, float], radius: float) -> np.ndarray:
    """(478, 3) px: every landmark on a circle (the face oval a circle of `radius` px round `centre`), but the
    pupils, a fifth of the radius above the centre."""
    angle = np.linspace(0, 2 * np.pi, 478, endpoint=False)
    points = np.stack([centre[0] + radius * np.cos(angle), centre[1] + radius * np.sin(angle), 0 * angle], 1)
    points[[ids.RIGHT_PUPIL, ids.LEFT_PUPIL], 1] = centre[1] - 0.2 * radius
    return points


def test_a_cut_hair_end_fades_out_and_the_face_and_an_unskipped_edge_stay():
    """A layer (200 x 200 px, face size 100 px: a face circle of radius 50 round (100, 80)) fully drawn above
    row 120, empty below. Where the map skips 30 source px across that edge and the photo's head goes on below
    (a cut), the hair fades to 0 at the cut and is untouched `REACH` face sizes above it; the face's pixels
    stay; where the map does not skip (the photo's own edge, moved), nothing changes; nor where it skips but the
    photo's head ends there by itself (its alpha 0 from row 120: lp_s5's hair beside her cheeks on a laugh);
    nor where it skips only 10 px (0.1 face sizes: the squeeze beside a dropped jaw, lp_s1's hair tip on a laugh);
    nor where the cut lies above the eyes (row 70: a hat's edge, not hanging hair)."""
    ends = SoftEnds(_face_landmarks((100.0, 80.0), 50.0), np.zeros(2), (200, 200), 100.0)
    head = np.zeros((200, 200, 4), np.float32)
    head[:120] = 1.0
    gy, gx = np.mgrid[0:200, 0:200].astype(np.float32)
    unskipped = np.dstack([gx, gy])
    photo = np.ones((200, 200), np.float32)  # the photo's head alpha: it goes on below row 120
    kept = head.copy()
    ends.soften(kept, unskipped, ends.cuts(kept[..., 3], unskipped, photo))
    assert np.array_equal(kept, head)
    squeezed = np.dstack([gx, gy + np.float32(10) * (gy >= 120)]).astype(np.float32)
    assert len(ends.cuts(head[..., 3], squeezed, photo)[0]) == 0
    skipped = np.dstack([gx, gy + np.float32(30) * (gy >= 120)]).astype(np.float32)
    own_end = head[..., 3].copy()  # the photo's head ends at row 120 by itself
    assert len(ends.cuts(head[..., 3], skipped, own_end)[0]) == 0
    ends.soften(head, skipped, ends.cuts(head[..., 3], skipped, photo))
    alpha = head[..., 3]
    assert alpha[119, 10] < 0.01 and alpha[119, 190] < 0.01  # the hair at the cut
    assert alpha[119 - 8, 10] == pytest.approx(1.0, abs=1e-6)  # REACH (7 px) above it
    assert 0.2 < alpha[116, 10] < 0.8
    assert np.all(alpha[:112] == 1.0) and alpha[119, 100] == 1.0  # the face (below it the hair)
    assert np.allclose(head[..., :3], head[..., 3:])  # premultiplied colour faded with its alpha
    hat = np.zeros((200, 200, 4), np.float32)
    hat[:60] = 1.0
    cut_high = np.dstack([gx, gy + np.float32(30) * (gy >= 60)]).astype(np.float32)
    kept = hat.copy()
    ends.soften(kept, cut_high, ends.cuts(kept[..., 3], cut_high, photo))
    assert len(ends.cuts(kept[..., 3], cut_high, photo)[0]) == 200 and np.array_equal(kept, hat)


@pytest.fixture
def turn_swing(monkeypatch: pytest.MonkeyPatch) -> None:
    """The hanging hair swung by the head's turn only, as before the twentieth session (h20-carry): lp_d12's big
    shifts then leave lp_s1's hair beside the jaw with the wall and the map cuts and squeezes it, the cases the
    carried ends were made for (with the swing on shifts too, `head_proxy.HANGING_SHIFT`, it follows the head and
    those frames show no cut: tested below). Nor is her earring held (`head_edge.pendants`, h29-earring): in this
    engine-before its hold moves the map of the cut hair beside it (`figures.wall_sliver` at frame 78 8 -> 227 px, the
    fringe-drawn light line 43 -> 5 there); with the swing on shifts (the engine) the wall sliver reads 0, 0, 0 held
    or not and the light line 5, 5, 3, 6 -> 7, 2, 3, 5 (looked at, frames 24-180 at 4x: alike but the earring, whole
    where it was squeezed)."""
    from facereel.engines.mesh import animator as animator_module
    from facereel.engines.mesh.geometry.head_proxy import hanging_swing

    monkeypatch.setattr(animator_module, "hanging_swing", lambda turn, shift=0.0: hanging_swing(turn))
    monkeypatch.setattr(animator_module, "find_pendants", lambda *args: None)


@pytest.fixture(scope="module")
def lp_s1_d12(shared_data: Path) -> tuple[np.ndarray, np.ndarray, list[np.ndarray]]:
    """lp_s1 at 512 px (image, landmarks (478, 3) px) and its targets driven by lp_d12's frames up to the last of
    `LINES` and `SLIVERS` as `facereel animate` drives them (streamed)."""
    source = resize_source(load_source(shared_data / "portraits" / "lp_s1.jpg"), 512)
    return source.image, source.landmarks, driven_targets(source, shared_data / "driving" / "lp_d12.mp4", 0,
                                                          max(LINES + SLIVERS) + 1)


@pytest.mark.slow
def test_the_cut_hair_ends_on_a_big_move_read_softer(lp_s1_d12, turn_swing):
    """lp_s1 x lp_d12 frames 54-62 (her head moved far down and left): the hard lower ends (`hard_ends`, grey
    levels per px beyond the photo's own edge, aligned by the head's motion) read lower with the cut hair
    faded than without (frames 54, 58, 62: 25.3, 19.2, 33.8 vs 44.2, 19.2, 52.3, mean 26.1 vs 38.6); the source
    repeated reads 0. Bound changed in 2026-12-02's sixteenth session (cuthair2): frame 58 was required lower too,
    but its only "cuts" (7 px by the jaw) were the photo's own hair end, faded falsely into a grey smudge (13.3);
    now left as drawn there, it reads as without (so no frame may read higher, and the mean must drop by 25 %).
    The fade alone (`carried_ends` off: since the seventeenth session the cuts are carried on instead, tested below)."""
    image, lm, targets = lp_s1_d12

    def figures(soft: bool) -> np.ndarray:
        options = dataclasses.replace(mesh_options(AnimateOptions()), soft_ends=soft, carried_ends=False)
        animator = set_up_copy(image, lm, options)
        x0, y0, x1, y1 = animator.box
        alpha = np.zeros(image.shape[:2], np.float32)

        def drawn() -> np.ndarray:
            alpha[y0:y1, x0:x1] = animator.drawn_alpha()
            return alpha

        assert hard_ends(animator.render(lm), image, drawn(), lm, lm) == 0.0  # the source repeated
        return np.array([hard_ends(animator.render(targets[k]), image, drawn(), lm, targets[k]) for k in WINDOW])

    before, after = figures(False), figures(True)
    assert before.mean() > 25.0
    assert after.mean() < 0.75 * before.mean() and np.all(after <= before), (before, after)
    assert after[0] < before[0] and after[-1] < before[-1], (before, after)


@pytest.mark.slow
def test_the_cut_hair_is_carried_on_to_its_own_ends(lp_s1_d12, turn_swing):
    """lp_s1 x lp_d12 frames 54, 58, 62 (her head moved far down and left): with the cuts carried on
    (`carried_ends`, on) the frame leaves out less of the photo's hair hanging beside her face
    (`figures.short_hair`, the photo's hair moved by the head's similarity) than with the fade alone: frames 54 and
    62 about 0.47, 0.48 -> 0.28, 0.20 (two-pass targets; 58 has no cut wide enough to carry: the same); the source
    repeated reads 0."""
    image, lm, targets = lp_s1_d12

    def figures(carried: bool) -> np.ndarray:
        animator = set_up_copy(image, lm, dataclasses.replace(mesh_options(AnimateOptions()), carried_ends=carried))
        x0, y0, x1, y1 = animator.box
        photo = np.zeros(image.shape[:2], np.float32)
        ox, oy = int(animator.origin[0]), int(animator.origin[1])
        photo[oy:oy + animator.layer.alpha.shape[0], ox:ox + animator.layer.alpha.shape[1]] = animator.layer.alpha
        alpha = np.zeros(image.shape[:2], np.float32)

        def drawn() -> np.ndarray:
            alpha[y0:y1, x0:x1] = animator.drawn_alpha()
            return alpha

        animator.render(lm)
        assert short_hair(drawn(), photo, lm, lm) == 0.0  # the source repeated
        return np.array([short_hair((animator.render(targets[k]), drawn())[1], photo, lm, targets[k])
                         for k in WINDOW])

    faded, carried = figures(False), figures(True)
    assert np.all(carried <= faded), (faded, carried)
    assert carried[0] < 0.8 * faded[0] and carried[-1] < 0.6 * faded[-1], (faded, carried)


def _pops(lp_s1_d12: tuple[np.ndarray, np.ndarray, list[np.ndarray]], frames: range, options: MeshOptions) -> float:
    """`figures.hair_pops` (given the targets) of lp_s1 x lp_d12's `frames` drawn in order by an engine of
    `options`."""
    image, lm, targets = lp_s1_d12
    animator = set_up_copy(image, lm, options)
    return hair_pops([animator.render(targets[k]) for k in frames], image, lm, [targets[k] for k in frames])


@pytest.mark.slow
def test_the_hair_beside_the_face_does_not_pop_on_and_off(lp_s1_d12, turn_swing, monkeypatch):
    """lp_s1 x lp_d12 frames 133-150 drawn in order: the hair beside her face pops beyond the head's own motion
    (`figures.hair_pops` given the targets: the mean second difference of the dark cover beside the face less the
    cover of the photo moved by the head's similarity, percent of a box) 3.2 with the cut ends carried (the default,
    runs of cuts from 0.03 face sizes), 5.0 with the seventeenth session's runs from 0.1 face sizes (her right hair
    carried on 136-137 and 147-148 only, cut by narrower runs between) and 2.6 with the fade alone; the source
    repeated reads 0. (On boxes fixed on the photo: 4.9, 6.8, 1.9; the driver shakes her head 20-50 px a frame, and
    the photo moved by the similarity reads 4.4 there: docs/mesh-engine.md "The carried ends pop".)"""
    from facereel.engines.mesh.head_edge import carried_ends

    image, lm, _ = lp_s1_d12
    default = mesh_options(AnimateOptions())
    assert hair_pops([image] * 3, image, lm, [lm] * 3) == 0.0
    carried = _pops(lp_s1_d12, POPS, default)
    faded = _pops(lp_s1_d12, POPS, dataclasses.replace(default, carried_ends=False))
    monkeypatch.setattr(carried_ends, "_RUN", 0.1)
    wide_only = _pops(lp_s1_d12, POPS, default)
    assert carried < 0.8 * wide_only and carried < 1.5 * faded, (carried, wide_only, faded)


@pytest.mark.slow
def test_the_hair_squeezed_by_the_map_is_carried_as_a_cut_is(lp_s1_d12, turn_swing, monkeypatch):
    """lp_s1 x lp_d12 frames 112-127 drawn in order: the map cuts her left hair on some frames (116-118, 124-127,
    carried to its end) and only squeezes it on others (119-123: the photo's whole hair pressed into a stepped end
    above the jaw, no cut). Carried from the squeeze's top too (`carried_ends.take_squeezes`), the hair beside her
    face pops beyond the head's own motion (`figures.hair_pops` given the targets) 4.6, against 6.6 with only the
    cuts carried (the eighteenth session's h18-carry) and 2.5 with the fade alone; the source repeated reads 0."""
    from facereel.engines.mesh.head_edge import carried_ends

    image, lm, _ = lp_s1_d12
    window = range(112, 128)
    default = mesh_options(AnimateOptions())
    assert hair_pops([image] * 3, image, lm, [lm] * 3) == 0.0
    carried = _pops(lp_s1_d12, window, default)
    faded = _pops(lp_s1_d12, window, dataclasses.replace(default, carried_ends=False))
    monkeypatch.setattr(carried_ends, "take_squeezes", lambda ends, head, maps, layer, row0: [])
    cuts_only = _pops(lp_s1_d12, window, default)
    assert carried < 0.75 * cuts_only and carried < 2 * faded, (carried, cuts_only, faded)


def _hair_figure(lp_s1_d12: tuple[np.ndarray, np.ndarray, list[np.ndarray]],
                 figure: Callable[[np.ndarray, np.ndarray, float], float],
                 frames: tuple[int, ...]) -> tuple[float, Callable[[], np.ndarray]]:
    """`figure(frame (H, W, 3), landmarks (478, 3) px, the photo's hair level)` on lp_s1 x lp_d12
    (`figures.light_line.hair_level`): its value on the source repeated, and a reader of its values on `frames`
    ((F,)), each read drawing them in order with a fresh engine of `facereel animate`'s options (so a test can
    monkeypatch between two reads)."""
    image, lm, targets = lp_s1_d12
    level = hair_level(image, lm)

    def read() -> np.ndarray:
        animator = set_up_copy(image, lm, mesh_options(AnimateOptions()))
        return np.array([figure(animator.render(targets[k]), targets[k], level) for k in frames])

    return figure(image, lm, level), read


def test_the_head_outline_over_carried_hair_draws_no_light_line(lp_s1_d12, turn_swing, monkeypatch):
    """lp_s1 x lp_d12 frames 24, 78, 122, 175: where the hair is carried behind the head's own lower outline (the
    photo's hair outline moved by the map), the photo's wall-coloured fringe there (`SoftEnds.fringe`) is taken out
    under the carried hair (`carried_ends.fringe_over_carried`): the light line across her hair
    (`figures.light_line`, pixels in the boxes beside the face) reads 4, 8, 5, 7 (sum 24) against 12, 43, 13, 15
    (83) with the fringe drawn over it (the eighteenth session's h18-carry2); the source repeated reads 5 a frame
    (its own highlights)."""
    from facereel.engines.mesh.head_edge import carried_ends

    still, lines = _hair_figure(lp_s1_d12, light_line, LINES)
    taken_out = lines()
    monkeypatch.setattr(carried_ends, "drawn_fringe", lambda ends, maps, layer: np.zeros(maps.shape[:2], np.float32))
    drawn_over = lines()
    assert np.all(taken_out <= drawn_over), (taken_out, drawn_over)
    assert drawn_over.sum() > 2 * len(LINES) * still, (still, drawn_over)
    assert taken_out.sum() < 0.5 * drawn_over.sum(), (taken_out, drawn_over)
    assert taken_out[1] < 0.25 * drawn_over[1], (taken_out, drawn_over)  # frame 78, the whitest


def test_no_wall_shows_between_the_carried_hair_and_the_moved_jaw(lp_s1_d12, turn_swing, monkeypatch):
    """lp_s1 x lp_d12 frames 78, 127, 180: beside the carried run's end its source reached the photo's face oval and
    the jaw's own cut faded the hair carried there, so 3-10 px of white wall showed between her hair and the moved jaw
    (`figures.wall_sliver`: 116, 56, 186 px with the eighteenth session's h18-carry2). With the cuts not carried
    faded before the hair is carried (`carried_ends.carry`) and the hair mirrored about the run's end where its source
    falls in the face (`mirrored_beside`) they read 8, 4, 5; without the mirror 78, 26, 130; the source repeated
    reads 1, the photo moved by the head's similarity 0-1."""
    from facereel.engines.mesh.head_edge import carried_ends

    still, slivers = _hair_figure(lp_s1_d12, wall_sliver, SLIVERS)
    closed = slivers()
    monkeypatch.setattr(carried_ends, "mirrored_beside", lambda ends, window, y0, drawing: None)
    unmirrored = slivers()
    assert np.all(closed <= 10 * still + 10), (still, closed)  # h18-carry2: 116, 56, 186
    assert closed.sum() < 0.5 * unmirrored.sum(), (closed, unmirrored)


def test_the_hair_beside_the_jaw_follows_a_big_shift(lp_s1_d12, turn_swing, monkeypatch):
    """lp_s1 x lp_d12 frames 9-12, 75-77 (her head moved 0.4-0.6 inter-ocular distances left, turned under 5 deg):
    with the hanging hair swung by the turn only (`turn_swing`, the engine before h20-carry) her hair beside the jaw
    stayed with the wall while the face moved on, the map jumping over the hair between them (a thin jagged strip
    along the cheek, a dark point below it, the wall where the photo's hair hangs): `figures.wall_sliver` 23, 82,
    137, 137, 16, 76, 45 px. Swung by the shift too (`head_proxy.HANGING_SHIFT`, the default) it hangs with the face
    to its end with the earring: 0 on every one; the source repeated reads 1, the photo moved by the head's
    similarity 0-1."""
    from facereel.engines.mesh import animator as animator_module
    from facereel.engines.mesh.figures.light_line import hair_level
    from facereel.engines.mesh.figures.wall_sliver import wall_sliver
    from facereel.engines.mesh.geometry.head_proxy import hanging_swing

    image, lm, targets = lp_s1_d12
    level = hair_level(image, lm)
    frames = (9, 10, 11, 12, 75, 76, 77)

    def slivers() -> np.ndarray:
        animator = set_up_copy(image, lm, mesh_options(AnimateOptions()))
        return np.array([wall_sliver(animator.render(targets[k]), targets[k], level) for k in frames])

    still = wall_sliver(image, lm, level)
    left_behind = slivers()
    monkeypatch.setattr(animator_module, "hanging_swing", hanging_swing)
    followed = slivers()
    assert left_behind.sum() > 50 * len(frames) * still, (still, left_behind)
    assert np.all(followed <= 2 * still + 1), (still, followed)


def test_hair_that_ends_in_the_photo_itself_is_not_faded():
    """lp_s5 at 512 (as `animate --size 512`), preset:laugh frames 20, 25, 30: the hair beside her cheeks ends
    there in the photo too (its head alpha under 0.1 within 4-6 px below the drawn end's source), though the
    stretch limit makes the map jump there. No cut is found, so the frames are the engine's without
    `soft_ends`, bit for bit (before: 4-6 cuts a frame faded that hair out, leaving the jaw's outline a hard
    edge over the light wall; `test_edge_coverage`'s drawn jump share read 0.15 with it, 0.08 without)."""
    _laugh_is_unfaded("lp_s5", 512 / 720, (20, 25, 30))


def test_a_hair_tip_squeezed_beside_a_dropped_jaw_is_not_faded():
    """lp_s1 at 512 (as `animate --size 512`), preset:laugh frames 22, 29, 35: beside the dropped jaw the map
    squeezes her hair tip (source positions 15-21 px, 0.09-0.12 face sizes, apart across 2-8 pixels, the photo's
    hair going on below): not a cut (a moved head's cut skips 0.28-0.39 on lp_d12). Frames bit for bit the
    engine's without `soft_ends` (before: the tip faded into a grey notch with a stepped dark jaw edge below)."""
    _laugh_is_unfaded("lp_s1", 512 / 1145, (22, 29, 35))


def _laugh_is_unfaded(name: str, scale: float, frames: tuple[int, ...]) -> None:
    """Asserts `name` at `scale` drawn with preset:laugh's `frames` is the same with and without `soft_ends`."""
    image, lm = scaled_portrait(name, scale)
    targets = retarget(lm, preset_motion("laugh", 2.0), RetargetOptions().for_engine("mesh"))
    soft, hard = MeshAnimator(image, lm), MeshAnimator(image, lm, MeshOptions(soft_ends=False))
    for k in frames:
        assert np.array_equal(soft.render(targets[k]), hard.render(targets[k])), (name, k)


def test_a_cut_hair_end_is_carried_on_to_the_photos_own_end():
    """`carried_ends.carry` on the layer of the first test (face circle of radius 50 round (100, 80), face size
    100 px): the photo's head goes on to row 150 (its alpha 1 above, 0 below; colour = row / 200), the map skips
    30 source px below row 120, so the drawn hair is cut at row 119. Carried on, the hair beside the face below
    the cut shows the photo's rows 120-149 where they lie (colour = row / 200) and ends at row 150 as the photo's
    does; the face's column (x = 100, inside the oval) gets under 0.05 (the blurred hair mask's edge), and without cuts nothing changes."""
    from facereel.engines.mesh.head_edge.carried_ends import carry

    ends = SoftEnds(_face_landmarks((100.0, 80.0), 50.0), np.zeros(2), (200, 200), 100.0)
    gy, gx = np.mgrid[0:200, 0:200].astype(np.float32)
    photo = (gy < 150).astype(np.float32)
    layer = np.dstack([np.repeat((gy / 200 * photo)[..., None], 3, 2), photo]).astype(np.float32)
    skipped = np.dstack([gx, gy + np.float32(30) * (gy >= 120)]).astype(np.float32)
    head = cv2.remap(layer, skipped, None, cv2.INTER_LINEAR)
    cuts = ends.cuts(head[..., 3], skipped, photo)
    assert len(cuts[0]) > 0 and np.all(cuts[0] == 119)
    kept = head.copy()
    carry(ends, kept, skipped, (cuts[0][:0], cuts[1][:0]), layer)
    assert np.array_equal(kept, head)
    carry(ends, head, skipped, cuts, layer)
    assert head[140, 10, 3] == pytest.approx(1.0, abs=1e-3) and head[140, 10, 0] == pytest.approx(140 / 200, abs=1e-3)
    assert head[125, 190, 3] == pytest.approx(1.0, abs=1e-3)
    assert np.all(head[151:, 10, 3] == 0) and head[125, 100, 3] < 0.05  # the photo's own end; the face (1 if carried)


def _carried_reference(ends: SoftEnds, head: np.ndarray, maps: np.ndarray, cuts: tuple[np.ndarray, np.ndarray],
                       layer: np.ndarray, row0: int) -> None:
    """`carried_ends.carry`'s drawing as numpy array operations and `cv2.remap` on whole windows (the code of the
    seventeenth session's hairends round that `long_runs` on the cuts' own box and `draw_kernels.carry_pixels`
    replace), in place; the squeezed ends are taken out by the module's own `take_squeezes` first and the cuts not
    carried faded (`SoftEnds.soften`), as `carry` does."""
    from facereel.engines.mesh.head_edge import carried_ends as ce

    b, a = head.shape[:2]
    ys, xs = cuts
    h, w = ends.hair.shape
    source = np.rint(maps[ys, xs]).astype(np.intp)
    in_hair = ends.hair[np.clip(source[:, 1], 0, h - 1), np.clip(source[:, 0], 0, w - 1)] > 0
    marks = np.zeros((b, a), np.uint8)
    marks[ys[in_hair], xs[in_hair]] = 1
    _, label, stats, _ = cv2.connectedComponentsWithStats(cv2.dilate(marks, np.ones((ce._GAP, ce._GAP), np.uint8)))
    run = np.zeros(len(ys), np.intp)
    run[in_hair] = label[ys[in_hair], xs[in_hair]]
    run[stats[run, cv2.CC_STAT_WIDTH] - (ce._GAP - 1) < ce._RUN * ends.face_px] = 0
    top = np.full(a, b, np.intp)
    np.minimum.at(top, xs[run > 0], ys[run > 0])
    run[ys != top[xs]] = 0
    run[np.isin(run, ce.steep_runs(run, ys, xs))] = 0  # the head's side cut, faded
    squeezes = ce.take_squeezes(ends, head, maps, layer, row0)
    ends.soften(head, maps, (ys[run == 0], xs[run == 0]))  # the cuts not carried, faded first
    for number in np.unique(run[run > 0]):
        _carried_run_reference(ends, head, maps, ys[run == number], xs[run == number], layer)
    for rows, cols in squeezes:
        _carried_run_reference(ends, head, maps, rows, cols, layer)


def _beside_gaps_reference(alpha: np.ndarray, top: np.ndarray, columns: np.ndarray, beside: np.ndarray,
                           most: float) -> np.ndarray:
    """`carried_ends.beside_gaps` column by column on the whole head box (`alpha` (b, a) float32; `top` (m,) rows of
    `columns` (m,) int): how far above its top each `beside` column's drawn head (alpha at least `_HIGH`) ends,
    within `most` px; 0 elsewhere."""
    from facereel.engines.mesh.head_edge import carried_ends as ce

    lift = np.zeros(len(columns), np.float32)
    reach = max(1, int(np.ceil(most)))
    for j in np.nonzero(beside)[0]:
        row = int(np.ceil(top[j]))
        above = alpha[max(0, row - reach):row, columns[j]][::-1] >= ce._HIGH  # upward from the top
        if above.any():
            lift[j] = np.argmax(above)
    return lift


def _carried_run_reference(ends: SoftEnds, head: np.ndarray, maps: np.ndarray, rows: np.ndarray, cols: np.ndarray,
                           layer: np.ndarray) -> None:
    """`_carried_reference` for one run of cuts (`carried_ends.carry_run`), in place; the photo's fringe drawn under
    it (`carried_ends.drawn_fringe`) taken out in proportion to the carried hair's cover (`fringe_over_carried`)."""
    from facereel.engines.mesh.geometry.head_proxy import smoothstep
    from facereel.engines.mesh.head_edge import carried_ends as ce

    b, a = head.shape[:2]
    order = np.argsort(cols)
    rows, cols = rows[order], cols[order]
    reach = ce.REACH * ends.face_px
    pad = int(np.ceil(reach))
    x0, x1 = max(0, int(cols[0]) - pad), min(a, int(cols[-1]) + pad + 1)
    anchor = np.clip(np.arange(x0, x1), cols[0], cols[-1])
    line = np.interp(anchor, cols, rows).astype(np.float32)
    start = np.stack([np.interp(anchor, cols, maps[rows, cols, k]) for k in (0, 1)], 1).astype(np.float32)
    steps = ce.map_steps(maps, rows, cols)
    y1 = min(b, int(rows.max()) + pad + 1)
    above = max(0, int(np.floor(line.min())) - int(np.ceil(ce._LIFT * ends.face_px)))
    fringe = ce.drawn_fringe(ends, maps[above:y1, x0:x1], layer)
    solid = head[..., 3].copy()
    solid[above:y1, x0:x1] *= 1 - fringe
    lift = _beside_gaps_reference(solid, line, np.arange(x0, x1), anchor != np.arange(x0, x1), ce._LIFT * ends.face_px)
    line -= lift
    start -= lift[:, None] * steps[1]
    y0 = int(np.floor(line.min()))
    dy = np.arange(y0, y1, dtype=np.float32)[:, None] - line[None, :]
    dx = (np.arange(x0, x1) - anchor).astype(np.float32)[None, :]
    distance = np.hypot(dx, dy)
    below = (dy >= 0) & (distance <= reach)
    sources = (start[None] + dx[..., None] * steps[0] + dy[..., None] * steps[1]).astype(np.float32)
    hair = cv2.remap(ends.soft_hair, sources, None, cv2.INTER_LINEAR, borderValue=0.0)
    taken = cv2.remap(layer, sources, None, cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=0)
    weight = below * hair * (1 - smoothstep(ce._FADE * reach, reach, distance))
    window = head[y0:y1, x0:x1]
    if fringe.any():  # the photo's fringe drawn there taken out under the carried hair's cover
        window *= (1 - fringe[y0 - above:] * (weight * taken[..., 3]))[..., None]
    window += (1 - window[..., 3:]) * (weight[..., None] * taken)
    fade = np.float32([ce._FADE * reach, max(reach - ce._FADE * reach, 1e-6)])
    ce.mirrored_beside(ends, window, y0, (line, (np.arange(x0, x1) - anchor).astype(np.float32), start, steps,
                                          np.float32(reach), fade, None, layer, None))


def test_carried_ends_match_their_numpy_statement(lp_s1_d12, turn_swing, monkeypatch):
    """`carried_ends.carry` (its runs found on the cuts' own box, its pixels drawn by the compiled
    `draw_kernels.carry_pixels`: issue #9's speed) draws what its numpy statement (`_carried_reference`) draws, bit
    for bit, on the warped head layers of lp_s1 x lp_d12 frames 54, 58, 62 (her hair cut over the wall, carried on
    down the photo)."""
    from facereel.engines.mesh import layers
    from facereel.engines.mesh.head_edge.carried_ends import carry

    image, lm, targets = lp_s1_d12
    animator = set_up_copy(image, lm, dataclasses.replace(mesh_options(AnimateOptions()), carried_ends=True))
    calls = []

    def spy(ends, head, maps, cuts, layer, row0):
        before, expected = head.copy(), head.copy()
        _carried_reference(ends, expected, maps, cuts, layer, row0)
        carry(ends, head, maps, cuts, layer, row0)
        calls.append((before, head.copy(), expected))

    monkeypatch.setattr(layers, "carry", spy)
    for k in WINDOW:
        animator.render(targets[k])
    assert len(calls) == len(WINDOW)
    assert sum(not np.array_equal(before, got) for before, got, _ in calls) >= 2  # frames 54 and 62 carry hair
    for _, got, expected in calls:
        np.testing.assert_array_equal(got.view(np.uint32), expected.view(np.uint32))


def test_the_carried_neck_is_no_hair_beside_the_face() -> None:
    """`SoftEnds.hair` (below the eyes, outside the face oval) on a 200 x 200 crop, face size 100 px: a carried neck
    (0.7 in a band under the face, 0.3 beside it) leaves the band out, keeps the 0.3 part and the rest as without it."""
    landmarks = _face_landmarks((100.0, 80.0), 50.0)
    neck = np.zeros((200, 200), np.float32)
    neck[140:, 70:130] = 0.7
    neck[140:, 130:150] = 0.3
    plain = SoftEnds(landmarks, np.zeros(2), (200, 200), 100.0).hair
    ends = SoftEnds(landmarks, np.zeros(2), (200, 200), 100.0, neck)
    assert plain[140:, 70:130].all() and not ends.hair[neck >= NECK].any()
    assert np.array_equal(ends.hair[neck < NECK], plain[neck < NECK])
