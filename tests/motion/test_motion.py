"""Motion extraction, retargeting invariants, smoothing, fps conversion and templates on real faces."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from facereel.errors import InputError
from facereel.face import landmark_ids as ids
from facereel.face.pose import estimate_pose, euler_degrees, rotation_from_euler
from facereel.face.face_track import FaceTrack
from facereel.motion.extract import extract_motion
from facereel.motion.features import INDEX, expression_features
from facereel.motion.motion import Motion
from facereel.motion.presets import PRESETS, preset_motion
from facereel.motion.resample import resample
from facereel.motion.retarget import MOUTH_SCALE_RANGE, RetargetOptions, retarget
from facereel.motion.smoothing import OneEuro


def _track(frames: np.ndarray, fps: float = 25.0) -> FaceTrack:
    n = len(frames)
    return FaceTrack(frames.astype(np.float32), np.ones(n, bool), np.ones(n, np.float32), fps, (512, 512))


def _open_mouth(points: np.ndarray, amount: float) -> np.ndarray:
    """Real landmarks with the jaw and lower lip moved down by `amount` inter-ocular distances (in the face's axes)."""
    pose, canon, _ = estimate_pose(points[None])
    c = canon[0].copy()
    below = np.clip((c[:, 1] - c[13, 1] + 0.02) / 0.05, 0, 1)
    below[list(ids.INNER_LOWER_LIP[1:-1])] = 1
    below[list(ids.INNER_UPPER_LIP)] = 0
    c[:, 1] += amount * below
    return pose.to_image(c[None])[0]


def _features(points: np.ndarray) -> np.ndarray:
    return expression_features(estimate_pose(points)[1])


def test_zero_driving_motion_leaves_source_unchanged(source: np.ndarray, driver: np.ndarray) -> None:
    motion = extract_motion(_track(np.repeat(driver[None], 10, axis=0)))
    out = retarget(source, motion)
    assert out.shape == (10, 478, 3)
    assert np.abs(out - source[None]).max() < 0.5  # px


def test_relative_mode_transfers_a_mouth_opening(source: np.ndarray, driver: np.ndarray) -> None:
    frames = np.stack([_open_mouth(driver, a) for a in np.linspace(0, 0.4, 9)])
    motion = extract_motion(_track(frames))
    out = retarget(source, motion, RetargetOptions(smoothing=None))
    opened = _features(out)[:, INDEX["mouth_open"]] - _features(source[None])[0, INDEX["mouth_open"]]
    assert np.all(np.diff(opened) > 0)
    # the driver's change in proportion to the mouths' widths (canonical units; the astronaut's mouth is 1.26
    # grace_hopper's, within MOUTH_SCALE_RANGE): the same opening for its width
    widths = _features(source[None])[0, INDEX["mouth_width"]] / _features(driver[None])[0, INDEX["mouth_width"]]
    assert 1.1 < widths < MOUTH_SCALE_RANGE[1]
    assert opened[-1] == pytest.approx(0.4 * widths, abs=0.05)
    # intensity multiplier scales it; multiplier 0 removes it
    half = retarget(source, motion, RetargetOptions(smoothing=None, multiplier=0.5))
    assert _features(half)[-1, INDEX["mouth_open"]] - _features(source[None])[0, INDEX["mouth_open"]] == pytest.approx(0.2 * widths, abs=0.04)
    none = retarget(source, motion, RetargetOptions(smoothing=None, multiplier=0.0))
    assert np.abs(none - source[None]).max() < 0.5


def test_a_narrower_mouth_opens_for_its_width_as_the_driver(source: np.ndarray, driver: np.ndarray) -> None:
    """grace_hopper's mouth (0.80 canonical units wide) driven by the astronaut's (1.01) opening 0.4: the gap's
    change over the width is the driver's (0.40 both; the offsets added as lengths gave 0.50)."""
    frames = np.stack([_open_mouth(source, a) for a in (0.0, 0.4)])
    out = retarget(driver, extract_motion(_track(frames)), RetargetOptions(smoothing=None))
    aim, got = _features(frames), _features(out)
    opened = [(f[1, INDEX["mouth_open"]] - f[0, INDEX["mouth_open"]]) / f[0, INDEX["mouth_width"]] for f in (aim, got)]
    assert got[0, INDEX["mouth_width"]] < 0.85 * aim[0, INDEX["mouth_width"]]
    assert opened[1] == pytest.approx(opened[0], abs=0.03)


def test_closed_driver_eyes_close_the_source_eyes(source: np.ndarray, driver: np.ndarray) -> None:
    pose, canon, _ = estimate_pose(driver[None])
    closed = canon[0].copy()
    for upper, lower in ((ids.RIGHT_UPPER_LID, ids.RIGHT_LOWER_LID), (ids.LEFT_UPPER_LID, ids.LEFT_LOWER_LID)):
        closed[list(upper), 1] = closed[list(lower), 1]
    frames = np.stack([driver, pose.to_image(closed[None])[0]])
    out = retarget(source, extract_motion(_track(frames)), RetargetOptions(smoothing=None))
    f = _features(out)
    src = _features(source[None])[0]
    for side in ("right", "left"):
        assert f[0, INDEX[f"eye_open_{side}"]] == pytest.approx(src[INDEX[f"eye_open_{side}"]], abs=0.01)
        assert f[1, INDEX[f"eye_open_{side}"]] < 0.15 * src[INDEX[f"eye_open_{side}"]]


def test_regions_select_what_is_transferred(source: np.ndarray, driver: np.ndarray) -> None:
    frames = np.stack([driver, _open_mouth(driver, 0.3)])
    motion = extract_motion(_track(frames))
    eyes_only = retarget(source, motion, RetargetOptions(regions=frozenset({"eyes"}), smoothing=None))
    assert np.abs(eyes_only - source[None]).max() < 0.5  # the mouth opening is not an eye change
    lips_only = retarget(source, motion, RetargetOptions(regions=frozenset({"lips"}), smoothing=None))
    moved = np.linalg.norm(lips_only[1] - source, axis=1)
    assert moved[list(ids.INNER_LOWER_LIP)].mean() > 5 and moved[list(ids.RIGHT_UPPER_LID)].max() < 0.5
    with pytest.raises(InputError, match="--regions"):
        RetargetOptions(regions=frozenset({"nose"}))


def test_relative_and_absolute_head_rotation(source: np.ndarray) -> None:
    base = preset_motion("nod")
    tilt = rotation_from_euler(20, 0, 0).astype(np.float32)
    motion = Motion(rotation=np.einsum("ij,tjk->tik", tilt, base.rotation), translation=base.translation,
                    scale=base.scale, expression=base.expression, features=base.features, valid=base.valid,
                    fps=base.fps, reference=0)
    src_angles = euler_degrees(estimate_pose(source[None])[0].rotation)[0]
    rel = euler_degrees(estimate_pose(retarget(source, motion, RetargetOptions(smoothing=None)))[0].rotation)
    assert rel[0] == pytest.approx(src_angles, abs=1.0)  # the driver's constant 20 deg yaw is not transferred
    assert rel[:, 1].max() - rel[:, 1].min() == pytest.approx(20.0, abs=2.0)  # the nod (+-10 deg pitch) is
    ab = euler_degrees(estimate_pose(retarget(source, motion, RetargetOptions(mode="absolute", smoothing=None)))[0].rotation)
    assert ab[0, 0] == pytest.approx(20.0, abs=1.5)
    pose_off = retarget(source, motion, RetargetOptions(regions=frozenset({"expression"}), smoothing=None))
    assert np.abs(euler_degrees(estimate_pose(pose_off)[0].rotation) - src_angles).max() < 1.0


def test_one_euro_removes_jitter_without_lag() -> None:
    rng = np.random.default_rng(0)
    still = 1.0 + 0.02 * rng.standard_normal(200)
    assert OneEuro()(still, 30.0)[20:].std() < 0.4 * still[20:].std()
    ramp = np.linspace(0, 10, 60)  # fast motion: 10 units in 2 s
    lag = np.abs(OneEuro()(ramp, 30.0) - ramp)[10:].max()
    assert lag < 0.15


def test_resample_keeps_duration(grace_hopper: np.ndarray, driver: np.ndarray) -> None:
    motion = preset_motion("nod", seconds=2.0)  # 50 frames at 25 fps
    at12 = resample(motion, 12.0)
    assert len(at12) == 24 and at12.fps == 12.0
    yaw_pitch = euler_degrees(at12.rotation)[:, 1]
    src_t = np.arange(len(motion)) / motion.fps
    expected = np.interp(np.arange(24) / 12.0, src_t, euler_degrees(motion.rotation)[:, 1])
    assert np.abs(yaw_pitch - expected).max() < 0.2


def test_template_round_trip_and_rejects_other_files(tmp_path: Path) -> None:
    motion = preset_motion("demo")
    motion.save(tmp_path / "m.npz")
    back = Motion.load(tmp_path / "m.npz")
    for name in ("rotation", "translation", "scale", "expression", "features", "valid"):
        assert np.array_equal(getattr(back, name), getattr(motion, name))
    assert back.fps == motion.fps and back.reference == motion.reference
    (tmp_path / "x.npz").write_bytes(b"not a template")
    with pytest.raises(InputError, match="x.npz"):
        Motion.load(tmp_path / "x.npz")


@pytest.mark.parametrize("name", PRESETS)
def test_presets_are_well_formed(name: str) -> None:
    m = preset_motion(name)
    assert len(m) >= 50 and m.expression.shape == (len(m), 478, 3) and np.all(m.valid)


def test_laugh_opens_the_mouth_wide_and_smiles() -> None:
    """preset:laugh: the inner lips part by > 0.35 canonical units at its height (talk: 0.18), the
    corners rise, and it starts and ends at rest."""
    f = preset_motion("laugh").features
    mouth, corners = f[:, INDEX["mouth_open"]] - f[0, INDEX["mouth_open"]], f[:, INDEX["mouth_corner_height"]]
    assert mouth.max() > 0.35 and abs(mouth[-1]) < 0.02
    assert corners[len(f) // 2] > corners[0] + 0.02


def test_real_driver_blinks_and_talks(shared_track, source: np.ndarray) -> None:
    """lp_d18 (strong expressions): every frame kept; the driver's mouth and eye changes reach the source."""
    track = shared_track("lp_d18")
    motion = extract_motion(track)
    assert len(motion) == len(track) and track.valid.mean() > 0.95
    out = retarget(source, motion)
    drv = motion.features
    f = _features(out)
    k = int(np.argmax(drv[:, INDEX["mouth_open"]]))
    assert f[k, INDEX["mouth_open"]] > _features(source[None])[0, INDEX["mouth_open"]] + 0.5 * (drv[k, INDEX["mouth_open"]] - drv[0, INDEX["mouth_open"]])
    corr = np.corrcoef(drv[:, INDEX["mouth_open"]], f[:, INDEX["mouth_open"]])[0, 1]
    assert corr > 0.9


def test_translation_follows_a_fast_head_move_without_drift(source: np.ndarray, driver: np.ndarray) -> None:
    """translate=True: after a fast move the head stops with the driver (no lagging drift on the still
    frames after it), and tracker-like noise on a still head is still smoothed."""
    iod = float(np.linalg.norm(driver[468, :2] - driver[473, :2]))
    step = np.zeros(40)
    step[10:20] = np.arange(1, 11) * 0.25  # 0.25 inter-ocular distances per frame: a fast move, then still
    step[20:] = 2.5
    frames = driver[None] + (step * iod)[:, None, None] * np.array([1.0, 0.0, 0.0])
    motion = extract_motion(_track(frames))
    src_iod = float(np.linalg.norm(source[468, :2] - source[473, :2]))

    def head_x(options: RetargetOptions) -> np.ndarray:  # mean landmark x moved, in the source's IODs
        x = retarget(source, motion, options)[:, :, 0].mean(axis=1)
        return (x - x[0]) / src_iod

    moved, unsmoothed = head_x(RetargetOptions(translate=True)), head_x(RetargetOptions(translate=True, smoothing=None))
    assert unsmoothed[-1] > 2.0
    # one frame after the driver stopped the head is there and stays put (the motion filter's beta, made
    # for radians and expression offsets, was still 0.03 IODs behind and drifting 0.015 IODs a frame)
    assert np.abs(moved[21:] - unsmoothed[-1]).max() < 0.01
    assert np.abs(np.diff(moved[21:])).max() < 0.002

    rng = np.random.default_rng(0)
    noise = rng.normal(0.0, 0.01 * iod, size=(60, 1, 2))
    shaky = np.repeat(driver[None], 60, axis=0)
    shaky[:, :, :2] += noise
    out = retarget(source, extract_motion(_track(shaky)), RetargetOptions(translate=True))
    shake = np.diff(out[:, :, :2].mean(axis=1), axis=0)[10:]
    raw = np.diff(noise[:, 0], axis=0)[10:] * src_iod / iod
    assert np.linalg.norm(shake, axis=1).mean() < 0.6 * np.linalg.norm(raw, axis=1).mean()


def test_head_shift_is_soft_limited_unless_the_body_follows(shared_track, source: np.ndarray) -> None:
    """sr_1 sways with its whole body (its head shifts ~1.9 inter-ocular distances): the mesh engine's default
    keeps the portrait's head within SHIFT_CEILING x SHIFT_KNEE IODs of its place (a still torso would lose it
    otherwise), follows small shifts unchanged (lp_d18, a talking head, is left as is) and lets the head go
    where the driver goes when the torso follows (--body) or with --shift-limit 0 (and --scale-limit 0: sr_1's
    head grows 1.18x, just past the scale limit's knee)."""
    from facereel.motion.retarget_options import SHIFT_CEILING, SHIFT_KNEE

    src_iod = float(np.linalg.norm(source[468, :2] - source[473, :2]))

    def shifts(name: str, options: RetargetOptions) -> np.ndarray:  # (T,) head shift in the source's IODs
        motion = extract_motion(shared_track(name))
        moved = retarget(source, motion, options)[:, :, :2].mean(axis=1)
        return np.linalg.norm(moved - source[:, :2].mean(axis=0), axis=1) / src_iod

    default = RetargetOptions().for_engine("mesh")
    free = shifts("sr_1", RetargetOptions().for_engine("mesh", body=True))
    limited = shifts("sr_1", default)
    assert free.max() > 1.5 and limited.max() < SHIFT_CEILING * SHIFT_KNEE + 0.1  # + turning/scaling's share
    assert np.allclose(free, shifts("sr_1", RetargetOptions(shift_limit=0.0, scale_limit=0.0).for_engine("mesh")))
    small = shifts("lp_d18", default)
    assert small.max() < 0.5 * SHIFT_KNEE and np.allclose(small, shifts("lp_d18", RetargetOptions(shift_limit=0.0)
                                                                            .for_engine("mesh")))
    with pytest.raises(InputError, match="--shift-limit must be >= 0"):
        RetargetOptions(shift_limit=-1.0)
