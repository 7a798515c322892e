"""The moved chin's lower edge over the neck (issue #9): blurred by 1 px it was a cut-out line over lp_s1's
necklace, where the photo's chin meets its neck in a soft shadow. `chin_outline.soften_chin` softens it
along the chin's middle inside the person, the photo behind its neck side; `figures/chin_edge.chin_edge`
reads how much steeper than the photo's own chin edge the drawn one is. lp_s0's painted chin lies below its
landmarks' outline and stayed on the neck as a second chin when the chin moved up (preset:turn 42-48):
`chin_outline.fit_chin` carries the outline to the photo's chin edge; `figures/chin_ghost` reads the edge
left on the neck. A raised, turned head (preset:turn 35-43) uncovers the plate's hole's lower edge as a ghost
jaw line across the neck (grace_hopper, astronaut, sr_18): `figures/neck_ghost` reads the jaw-like edge on the
uncovered neck; `hole_end.soften_hole_end` softens it where a dark line lies on the neck below the hole."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from mesh_faces import portrait

from facereel.animate.inputs import Source
from facereel.animate.run import resize_source
from facereel.engines.mesh import MeshAnimator, MeshOptions, layers
from facereel.engines.mesh.composite import face_size
from facereel.engines.mesh.figures.chin_edge import chin_edge
from facereel.engines.mesh.figures.chin_ghost import chin_ghost
from facereel.engines.mesh.figures.neck_ghost import ghost_edge
from facereel.engines.mesh.geometry import head_proxy
from facereel.engines.mesh.neck_layer import hole_end
from facereel.engines.mesh.plate_fill import kept_photo
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

LAUGH_FRAMES = (12, 25, 37)  # preset:laugh (2 s), the mouth open
TURN_FRAMES = (42, 45, 48)  # preset:turn (2 s), lp_s0's chin raised past its painted chin's tip
EXTREME_FRAMES = (40, 43)  # preset:turn (2 s): yaw near -45 degrees, then pitch (the ghost jaw)


def _reads(image: np.ndarray, lm: np.ndarray, figure=chin_edge, preset: str = "laugh",
           frames: tuple[int, ...] = LAUGH_FRAMES) -> list[float]:
    """A chin figure (`chin_edge`, `chin_ghost`) on the source repeated, then on a preset's (2 s) frames."""
    animator = MeshAnimator(image, lm)
    (x0, y0), (h, w) = animator.origin.astype(int), animator.layer.alpha.shape
    source = (image[y0:y0 + h, x0:x0 + w], animator.layer.alpha, lm[152, :2] - animator.origin)
    out = [figure(*source, *source, face_size(lm))]
    targets = retarget(lm, preset_motion(preset, 2.0), RetargetOptions().for_engine("mesh"))
    for k in frames:
        frame = animator.render(targets[k])[y0:y0 + h, x0:x0 + w]
        out.append(figure(frame, animator.drawn_alpha(), targets[k][152, :2] - animator.origin, *source,
                          face_size(lm)))
    return out


@pytest.mark.slow
@pytest.mark.parametrize("name", ["lp_s5"])  # lp_s1: the necklace's own edge lies in the window
def test_the_moved_chin_edge_is_as_soft_as_the_photos(name, monkeypatch):
    image, lm = portrait(name)
    now = _reads(image, lm)
    with monkeypatch.context() as patch:  # the engine before: the 1 px edge, the fill behind it
        patch.setattr(head_proxy, "soften_chin", lambda region, sharp, *_: (sharp, *np.zeros((2, *sharp.shape), np.float32)))
        hard = _reads(image, lm)
    assert now[0] == 0.0 and hard[0] == 0.0  # the source repeated
    assert np.mean(now[1:]) < 0.8 * np.mean(hard[1:]), (now, hard)


@pytest.mark.parametrize("name", ["lp_s0"])
def test_a_raised_chin_leaves_no_second_chin_on_the_neck(name, monkeypatch):
    image, lm = portrait(name)
    now = _reads(image, lm, chin_ghost, "turn", TURN_FRAMES)
    with monkeypatch.context() as patch:  # the engine before: the landmarks' outline inside the painted chin
        patch.setattr(head_proxy, "fit_chin", lambda jaw, lightness, face_px: jaw)
        before = _reads(image, lm, chin_ghost, "turn", TURN_FRAMES)
    assert now[0] == 0.0 and before[0] == 0.0  # the source repeated
    # Measured 0.80 of the engine before (5.18 vs 6.47; frame 42 reads higher than it, 45 and 48 lower): a 0.8
    # bound had no margin (0.7999; 5 px moved on frame 48 by an outline change tried on 2026-12-02 read 0.8003).
    # Since h21-s0lobe the neck's mirror under her raised chin stops at the jaw's soft shadow band
    # (`shadow_band.SOFT`), so both engines lay that shadow under the chin and its upper edge reads as a fall in
    # both: 0.89 (5.63 vs 6.33; before h21-s0lobe 5.07: frame 48 4.93 -> 6.16, a soft shadow under the chin where a
    # pale lobe with a light outline was; 42 and 45 the shadow, mottled olive-brown, in the lobe's place; 4-6x).
    assert np.mean(now[1:]) < 0.92 * np.mean(before[1:]), (now, before)


def _ghost_reads(image: np.ndarray, lm: np.ndarray, softened: bool = True,
                 lifted: bool = False) -> tuple[float, list[float], list[float]]:
    """`ghost_edge` of a portrait at 512 (as `animate --size 512`): on the source repeated, then on
    `EXTREME_FRAMES` of preset:turn (2 s) as rendered and as blurred down the columns by 0.03 face sizes (the
    step turned into a gradient); with `lifted`, with `MeshOptions.jaw_shadow` (the jaw's dark line replaced
    where the head left it); with `softened` False, by the engine before `hole_end.soften_hole_end` and
    `plate_fill.chin_strip` (h26-jawrim: with the strip's thin lines taken out the ghost these tests read as the
    engine before's is gone: astronaut / grace_hopper `ghost_edge` 1.7 / 3.5 -> -0.1 / -0.4)."""
    source = resize_source(Source(image=image, landmarks=lm), 512)
    image, lm = source.image, source.landmarks
    with pytest.MonkeyPatch.context() as patch:
        if not softened:  # the photo's jaw line kept in the plate's strip under the chin too (`chin_strip`)
            patch.setattr(layers, "soften_hole_end", lambda plate, *_: plate)
            patch.setattr(layers, "strip_step", lambda *_: None)
            # and the neck's sides beside the band laid over with the plate round them as the kept photo was then
            patch.setattr(kept_photo, "neck_sides", lambda kept, *_: np.zeros_like(kept))
        animator = MeshAnimator(image, lm, MeshOptions(jaw_shadow=lifted))
    (x0, y0), (h, w) = animator.origin.astype(int), animator.layer.alpha.shape
    photo = (image[y0:y0 + h, x0:x0 + w], animator.layer.plate_alpha, lm[152, :2] - animator.origin)
    targets = retarget(lm, preset_motion("turn", 2.0), RetargetOptions().for_engine("mesh"))
    sigma = 0.03 * face_size(lm)
    sharp, soft = [], []
    for k in EXTREME_FRAMES:
        frame = animator.render(targets[k])[y0:y0 + h, x0:x0 + w]
        drawn = (animator.drawn_alpha(), targets[k][152, :2] - animator.origin)
        blurred = cv2.GaussianBlur(frame, (0, 0), sigmaX=1e-3, sigmaY=sigma)
        sharp.append(ghost_edge(frame, *drawn, *photo, face_size(lm)))
        soft.append(ghost_edge(blurred, *drawn, *photo, face_size(lm)))
    return ghost_edge(*photo, *photo, face_size(lm)), sharp, soft


def test_the_ghost_jaw_figure_reads_the_step_on_the_uncovered_neck(face):
    """Read on the engine before the hole's end was softened (it drew the ghost); blurred, the figure falls."""
    still, sharp, soft = _ghost_reads(*face, softened=False)
    assert still == 0.0  # the source repeated
    # The engine before draws the ghost (grace_hopper ~3.5, astronaut ~1.7 L per px); blurred, the figure falls.
    assert min(sharp) > 1.0 and np.mean(soft) < np.mean(sharp) - 0.5, (sharp, soft)


def _assert_softer(image: np.ndarray, lm: np.ndarray, share: float = 0.6) -> None:
    """`hole_end.soften_hole_end`: the step at the plate's hole's end, under the near jaw at the turn's
    extreme, is a gradient with the neck's shading on it: `ghost_edge` under `share` of the engine before."""
    still, now, _ = _ghost_reads(image, lm)
    _, before, _ = _ghost_reads(image, lm, softened=False)
    assert still == 0.0  # the source repeated
    assert np.mean(now) < share * np.mean(before), (now, before)


@pytest.mark.parametrize("face", ["grace_hopper"], indirect=True)
def test_a_turned_raised_head_uncovers_a_soft_jaw_shadow_not_a_second_jaw(face):
    """grace_hopper ~3.5 -> ~1.6 L per px on frames 40 and 43 (the line across her neck under the near jaw)."""
    _assert_softer(*face)


def test_sr_18s_turned_jaw_leaves_a_soft_shadow_on_the_neck():
    """sr_18 ~3.4 -> ~1.85 L per px on frames 40 and 43 (the dark line along the neck under the jaw); since
    h18-ghear's edge alpha under the far lobe (`fringe_unmix`) both read lower, 2.24 -> 1.52 (0.68). With
    `face_slide` on by default (h19-ring) 2.12 -> 1.58 (0.74), the share 0.7 -> 0.75: no pixel under row 147 of
    either frame moves by more than 3 levels (the chin at rows 166-176), but a third of the figure's band lies
    above the jaw, beside the turned cheek, where the slide moves the head's outline. The softened reading must
    stay under 1.7."""
    image, lm = portrait("sr_18")
    _assert_softer(image, lm, 0.75)
    assert np.mean(_ghost_reads(image, lm)[1]) < 1.7


def test_sr_18s_turned_head_leaves_no_crease_across_the_neck():
    """`MeshOptions.jaw_shadow` (on by default since the seventeenth session): the photo's dark line under sr_18's
    jaw, which its creased neck does not stretch up to the raised, turned head, stayed across the neck as a
    diagonal crease (frames 37-43): moved with the jaw (`jaw_shadow.moved_shadow`). `ghost_edge` ~1.8 -> ~-0.3 L
    per px on frames 40 and 43 (the band replaced by the neck's level, the sixteenth session's, read ~-1.4; below
    0: the uncovered neck is plainer than the photo's neck under its jaw, which holds that line). Since h18-ghear's
    edge alpha under the far lobe the line kept reads 1.52 (was 1.85) and the moved one -0.37 (was -0.33). Since
    h19-ghear's tone up the held columns under the far lobe the line kept reads 1.32 / 0.85 (frames 40 / 43; was
    1.52 on the mean) and the moved one -1.44 / -1.46: the kept line must read over 0.8. Since h21-statue's tone
    under the head where the fill was the wall's (`under_ear`, in both runs) the kept line reads 0.55 / 0.46 (less of
    the fill beside it is the dark background) and the moved one -1.72 / -1.77 (frame 42 looked at beside the
    session's start: the neck as before, the box's straight top under the far lobe a soft fade): over 0.4. Since
    h22-roll2 the line is followed above the hole's end right of the chin (`hole_end.followed`), where the hole's end
    is softened in both runs: the line kept read 0.03 / 0.07 (the crease's right end blurred, no line left to read)
    and the moved one -2.79 / -2.75 (frames 40 and 43 looked at, 4x: the diagonal crease's dark right end softer with
    the shadow moved, fainter without); the line kept is read with the gate as before (not followed). Since
    h26-jawrim the line kept is read without `chin_strip` too (it takes the photo's jaw line out of the strip under
    the chin where the jaw slipped off it: the line kept read -2.42 / -2.76 with it), and the moved one reads -2.03 /
    -1.86 (the strip's dark line gone, the uncovered neck a little lighter than with it; frames 36 / 42 looked at, 2.5x)."""
    still, now, _ = _ghost_reads(*portrait("sr_18"), lifted=True)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(hole_end, "followed", lambda gate, *_: gate)
        patch.setattr(layers, "strip_step", lambda *_: None)
        _, kept, _ = _ghost_reads(*portrait("sr_18"))
    assert still == 0.0  # the source repeated
    assert min(kept) > 0.4 and np.mean(now) < min(0.0, np.mean(kept) - 1.8), (now, kept)


def _steepest_drop(image: np.ndarray, lm: np.ndarray) -> float:
    """The head alpha's steepest fall per px down the columns within 0.1 face sizes of the chin, over rows
    within 0.1 face sizes of it (lp_s1's chin at 512), median over the columns: 1 for a cut, ~0.16 for a
    Gaussian edge of 2.5 px."""
    source = resize_source(Source(image=image, landmarks=lm), 512)
    animator = MeshAnimator(source.image, source.landmarks)
    (cx, cy), size = source.landmarks[152, :2] - animator.origin, face_size(source.landmarks)
    alpha = animator.layer.alpha[int(cy - 0.1 * size):int(cy + 0.1 * size), int(cx - 0.1 * size):int(cx + 0.1 * size)]
    return float(np.median(np.max(-np.diff(alpha, axis=0), axis=0)))


@pytest.mark.parametrize("name", ["lp_s1", "lp_s5"])
def test_the_face_oval_does_not_cut_the_chins_soft_edge(name, monkeypatch):
    """The face oval held the head whole down to the jaw line: under the chin the head alpha fell 1 -> 0.8 ->
    0.2 px by px (a hard line over the neck's tone on a turned, raised chin; `chin_outline.soft_face`)."""
    image, lm = portrait(name)
    now = _steepest_drop(image, lm)
    with monkeypatch.context() as patch:  # the engine before: the oval whole
        patch.setattr(head_proxy, "soft_face", lambda oval, *_: oval)
        before = _steepest_drop(image, lm)
    assert now < 0.8 * before, (now, before)
