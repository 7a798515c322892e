"""Body following: the portrait's torso moves with the driver's shoulders, the head and far background
stay, and a face-only driver leaves the body still."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from mesh_faces import landmarks, portrait
from mesh_target_edits import rigid
from test_mesh_engine import far_mask

from facereel.engines.mesh import MeshAnimator, MeshOptions
from facereel.engines.mesh.body import BodyFollower
from facereel.face import landmark_ids as ids
from facereel.face.shoulders import detect_shoulders

SHOULDERS = np.array([[100.0, 300.0], [300.0, 300.0]])  # a driver's shoulders, 200 px apart


def translation(dx: float, dy: float = 0.0) -> np.ndarray:
    return np.array([[1.0, 0.0, dx], [0.0, 1.0, dy]])


def patch_shift(before: np.ndarray, after: np.ndarray, box: tuple[int, int, int, int]) -> np.ndarray:
    """(dx, dy) px that the content of `box` (x0, y0, x1, y1) moved between two frames (phase correlation)."""
    x0, y0, x1, y1 = box
    grey = lambda im: cv2.cvtColor(im[y0:y1, x0:x1], cv2.COLOR_RGB2GRAY).astype(np.float32)  # noqa: E731
    (dx, dy), _ = cv2.phaseCorrelate(grey(before), grey(after))
    return np.array([dx, dy])


def test_follower_scales_the_drivers_shoulder_shift_to_the_portrait():
    portrait_shoulders = np.array([[50.0, 400.0], [150.0, 400.0]])  # 100 px apart: half the driver's width
    follow = BodyFollower(portrait_shoulders, fps=25, smoothing=None, with_head_translation=True)
    assert np.allclose(follow(SHOULDERS), translation(0, 0))  # the first frame is the reference
    assert np.allclose(follow(SHOULDERS + [20, -10]), translation(10, -5))
    assert np.allclose(follow(None), translation(10, -5))  # shoulders lost: keep the last motion


def test_a_face_only_driver_leaves_the_body_still():
    follow = BodyFollower(SHOULDERS, fps=25)
    assert all(np.allclose(follow(None), translation(0, 0)) for _ in range(5))


def test_swaying_as_a_whole_moves_nothing_without_head_translation():
    follow = BodyFollower(SHOULDERS, fps=25, smoothing=None, with_head_translation=False)
    follow(SHOULDERS, np.array([200.0, 100.0]))
    assert np.allclose(follow(SHOULDERS + [30, 0], np.array([230.0, 100.0])), translation(0, 0))
    assert np.allclose(follow(SHOULDERS + [30, 0], np.array([200.0, 100.0])), translation(30, 0))


@pytest.fixture(scope="module")
def half_body():
    image, lm = portrait("lp_s0")
    shoulders = detect_shoulders(image)
    assert shoulders is not None, "lp_s0 shows both shoulders"
    return image, lm, shoulders


def test_torso_follows_a_shoulder_shift_and_the_head_stays(half_body):
    image, lm, shoulders = half_body
    animator = MeshAnimator(image, lm, shoulders=shoulders)
    assert np.array_equal(animator.render(lm, translation(0, 0)), animator.render(lm))
    width = float(np.linalg.norm(shoulders[1] - shoulders[0]))
    shift = 0.06 * width
    out = animator.render(lm, translation(shift, 0))
    mid = shoulders.mean(0)
    torso = (int(mid[0] - 0.7 * width), int(mid[1] + 0.05 * width), int(mid[0] + 0.7 * width), int(mid[1] + 0.6 * width))
    assert np.allclose(patch_shift(image, out, torso), [shift, 0], atol=1.5)
    chin = int(lm[152, 1])
    assert np.array_equal(out[:chin], image[:chin])  # the head and everything above the chin stay
    far = far_mask(lm, image.shape[:2], 1.6) & (np.arange(image.shape[1]) < shoulders[:, 0].min() - 0.8 * width)[None]
    assert np.array_equal(out[far], image[far])  # background well beside the body stays


def test_neck_stays_attached_when_head_and_body_move_together(half_body):
    """A coordinate ramp (red = x / 3) stands in for the photo, so each output pixel tells where it was
    taken from: along the neck's centre line, chin to shoulders, the whole neck must move with the head."""
    image, lm, shoulders = half_body
    h, w = image.shape[:2]
    xx = np.mgrid[:h, :w][1]
    ramp = np.dstack([xx // 3, np.zeros_like(xx), np.zeros_like(xx)]).astype(np.uint8)
    animator = MeshAnimator(ramp, lm, MeshOptions(eyes=False, mouth=False), shoulders=shoulders)
    shift = 0.06 * float(np.linalg.norm(shoulders[1] - shoulders[0]))
    head = rigid(lm, shift=(shift, 0))
    x = int(round(lm[152, 0]))
    rows = np.arange(int(lm[152, 1]), int(shoulders[:, 1].max()) + 20)
    moved = lambda out: x - (3 * out[rows, x, 0].astype(float) + 1)  # noqa: E731 - px moved right, +-1.5
    frozen, attached = moved(animator.render(head)), moved(animator.render(head, translation(shift, 0)))
    assert frozen.min() < 0.2 * shift  # without the body, the lower neck stays behind
    assert attached.min() > 0.6 * shift and np.abs(attached[-10:] - shift).max() < 1.6


@pytest.mark.slow
def test_streamed_animation_moves_the_body_with_a_swaying_driver(tmp_path, half_body, astronaut_video):
    from video_checks import read_frames

    from facereel.engines.mesh.stream_video import render_video
    from facereel.media.writer import VideoWriter
    from facereel.motion.retarget import RetargetOptions

    image, lm, shoulders = half_body
    for body in (False, True):
        n = render_video(image, lm, astronaut_video, lambda fps: VideoWriter(tmp_path / f"body_{body}.mp4", fps),
                          RetargetOptions(), body=body)
        assert n == 12
    still, moving = read_frames(tmp_path / "body_False.mp4")[0], read_frames(tmp_path / "body_True.mp4")[0]
    below = int(shoulders[:, 1].max() + 20)
    # The driver (the astronaut photo rotated up to 8 degrees) sways its shoulders: the torso follows.
    assert max(np.abs(m[below:].astype(int) - s[below:]).mean() for m, s in zip(moving, still)) > 2


def test_the_head_leans_off_the_torso_only_as_far_as_the_shift_limit(astronaut):
    """`head_on_torso`: the head's sideways shift from where the torso carries it passes unchanged within the
    knee and is compressed beyond it (sr_1 leaning sideways over still shoulders slid lp_s3's head off its
    neck); a head moving with the torso keeps its shift."""
    from facereel.engines.mesh.body import head_on_torso
    from facereel.engines.mesh.driven import head_point
    from facereel.motion.retarget_options import SHIFT_CEILING, SHIFT_KNEE

    lm = landmarks(astronaut)
    iod, head = 60.0, head_point(lm)
    for shift, moved in ((0.3, 0.3), (2.0, None)):
        target = lm.copy()
        target[:, 0] += shift * iod
        lean = (head_point(head_on_torso(target, head, translation(0.0), iod, SHIFT_KNEE)) - head)[0] / iod
        if moved is not None:
            assert lean == pytest.approx(moved, abs=1e-4)
        else:
            assert SHIFT_KNEE < lean < SHIFT_CEILING * SHIFT_KNEE
        carried = head_on_torso(target, head, translation(shift * iod), iod, SHIFT_KNEE)
        assert np.allclose(carried, target, atol=1e-3)  # the torso carried the head there: no lean


def test_frames_in_memory_with_body_keep_the_head_on_its_still_neck(astronaut):
    """Frames in memory are retargeted as a whole, where the torso does not follow: `body` must not lift the
    head-shift limit there (it slid lp_s3's head 1.4 IOD off its neck on sr_1), so the frames equal those
    without it."""
    from facereel import PortraitAnimator

    frames = [np.roll(astronaut, 12 * k, axis=1) for k in range(8)]  # the whole picture pans 84 px: > 1 IOD
    plain = PortraitAnimator("mesh")(astronaut, frames, fps=25.0).frames
    body = PortraitAnimator("mesh", body=True)(astronaut, frames, fps=25.0).frames
    assert all(np.array_equal(a, b) for a, b in zip(plain, body, strict=True))


@pytest.mark.parametrize("driver", ["preset:nod", "template", "photo"])
def test_body_with_a_driver_that_has_no_shoulders_says_the_torso_stays_still(tmp_path, capsys, shared_data,
                                                                             driver: str) -> None:
    """`animate --body` with a preset, a motion template or a photo written as a still (no shoulders; `--reference
    neutral` alike) ran without a word, the torso still (h30-fresh4's sweep: lp_s3 x preset:talk --body). Now one
    line says so (`run.BODY_STILL`); the frames are those without --body (the frames-in-memory test above)."""
    from facereel.animate.run import BODY_STILL
    from facereel.cli.main import main

    if driver == "template":
        driver = str(tmp_path / "smile.npz")
        assert main(["--quiet", "edit", "--smile", "0.8", "-o", driver]) == 0
    photo = ["--mode", "absolute"] if driver == "photo" else []  # a still (-o .png), the mesh engine's one frame
    if photo:
        driver = str(shared_data / "portraits" / "lp_s5.jpg")
    capsys.readouterr()
    code = main(["animate", "-s", str(shared_data / "portraits" / "lp_s3.jpg"), "-d", driver, *photo, "--body",
                 "--size", "128", "-o", str(tmp_path / ("out.png" if photo else "out.mp4"))])
    err = capsys.readouterr().err
    assert code == 0 and err.count(BODY_STILL) == 1, err


def test_a_lowered_chin_is_neither_dragged_by_the_torso_nor_folded_into_the_neck():
    """lp_s5 at its own size with --body, its head and torso as sr_1 frame 54 moves them (the head 80 px left and
    37 px down, 0.9 of the torso's ramp; the torso 61 px left, grown 1.07x): the torso's motion ramped in at the
    photo's rows below the chin and was added to the lowered chin, dragging it 60 px sideways into a skin tongue
    over the blouse (`figures.torso_on_face` 0.081 of the face oval here, 0 now). Now the ramp starts below the moved chin and
    the chin's drop is soft-limited short of the ramp's length (`BodyWarp.lift`), so the torso leaves the face
    alone."""
    from facereel.engines.mesh.figures.torso_on_face import torso_on_face

    image, lm = portrait("lp_s5")
    shoulders = detect_shoulders(image)
    assert shoulders is not None, "lp_s5 shows both shoulders"
    animator = MeshAnimator(image, lm, MeshOptions(shift_limit=0.0, scale_limit=0.0), shoulders=shoulders)
    torso = np.array([[1.069, 0.030, -60.9], [-0.030, 1.069, 4.6]])
    mapped = animator.map_frame(rigid(lm, shift=(-80.0, 37.0)))
    assert torso_on_face(animator.draw(mapped, torso), animator.draw(mapped), mapped.target) < 0.005

    from facereel.engines.mesh.body import DROP_CEILING
    oval = lm[list(ids.FACE_OVAL), 1]
    ramp = (animator.options.body_reach - animator.options.body_hold) * (oval.max() - oval.mean())
    assert 0 < animator.body.drop(mapped.target) < DROP_CEILING * ramp


def test_the_torso_ramps_in_down_the_neck_without_folding_it():
    """lp_s5 at its own size with --body, head and torso as sr_1 frame 54 moves them (above): the lowered chin
    starts the torso's ramp ~20 px above its end while the torso's motion at the neck is ~60 px, so its
    displacement changed by ~3 px a row (`figures.torso_fold`): the neck folded into a flat brown band with a hard
    lower edge (lp_s3 x sr_1 70-77: the neckline in wavy pieces). Now the ramp is lengthened to carry it
    (`body.RAMP_PER_SHIFT`): at most 0.5 px a row plus the similarity's own slope, and the torso still moves in
    full below it."""
    from facereel.engines.mesh.figures.torso_fold import torso_fold

    image, lm = portrait("lp_s5")
    shoulders = detect_shoulders(image)
    assert shoulders is not None, "lp_s5 shows both shoulders"
    animator = MeshAnimator(image, lm, MeshOptions(shift_limit=0.0, scale_limit=0.0), shoulders=shoulders)
    torso = np.array([[1.069, 0.030, -60.9], [-0.030, 1.069, 4.6]])
    drop = animator.body.drop(animator.map_frame(rigid(lm, shift=(-80.0, 37.0))).target)
    assert torso_fold(animator.body, torso, drop) < 0.8
    assert torso_fold(animator.body, translation(0.0), drop) == 0.0  # the source repeated
    _, _, k = animator.body.displacement(torso, drop)
    assert k[-1, int(shoulders[:, 0].mean()) - animator.body.x0] == pytest.approx(1.0)


def test_the_torso_warp_inverts_its_affine_once_a_frame(half_body, monkeypatch):
    """`BodyWarp.apply` tests the identity and builds the torso's field from one inverse of the affine (`_backward`;
    before, `displacement` inverted it a second time); the frame is what `displacement`'s field gives."""
    from facereel.engines.mesh import body

    image, lm, shoulders = half_body
    options = MeshOptions()
    warp = body.BodyWarp(image.shape[1::-1], lm, np.asarray(shoulders, np.float32), options.body_hold,
                         options.body_reach, options.body_side_hold, options.body_side_reach)
    torso = np.array([[1.02, 0.01, -6.0], [-0.01, 1.02, 3.0]])
    expected = warp.apply(image, torso, 5.0)
    calls = []
    inverse = cv2.invertAffineTransform
    monkeypatch.setattr(body.cv2, "invertAffineTransform", lambda affine: calls.append(1) or inverse(affine))
    assert np.array_equal(warp.apply(image, torso, 5.0), expected)
    assert len(calls) == 1


def test_the_heads_own_neck_fades_down_it_without_folding():
    """lp_s5 at its own size with --body, its head moved as sr_1 frame 54 moves it (80 px left, 37 px down): the
    head's own neck motion faded out within 0.55 oval radii of the photo's chin (`MeshOptions.body_reach`), ~15 rows
    under the lowered chin, so the top of the neck was dragged 80 px sideways off its hole's fill: a flat brown band
    under the chin, pale streaks at its left (`figures.neck_fold` 20 px a row there). Now it fades down to
    `body_head_reach` (~2 px a row); the source repeated is 0."""
    from facereel.engines.mesh.composite import face_size
    from facereel.engines.mesh.figures.neck_fold import neck_fold

    image, lm = portrait("lp_s5")
    shoulders = detect_shoulders(image)
    assert shoulders is not None, "lp_s5 shows both shoulders"
    animator = MeshAnimator(image, lm, MeshOptions(shift_limit=0.0, scale_limit=0.0), shoulders=shoulders)

    def fold(target: np.ndarray) -> float:
        mapped = animator.map_frame(target)
        animator.draw(mapped)
        chin = mapped.target[ids.CHIN, :2] - animator.origin
        return neck_fold(animator.warp.full_size(mapped.coarse, mapped.seam), animator.drawn_alpha(), chin,
                         face_size(lm))

    assert fold(rigid(lm, shift=(-80.0, 37.0))) < 3.0
    assert fold(lm) < 1e-6
