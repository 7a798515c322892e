"""Retargeting floors (issue #9): the lip-to-chin floor and the soft limit on the head's scale, on real faces."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np

from facereel.face import landmark_ids as ids
from facereel.face.face_track import FaceTrack
from facereel.face.pose import estimate_pose
from facereel.face.tracking import track_image
from facereel.media.image import read_image
from facereel.motion.extract import extract_motion
from facereel.motion.features import INDEX, expression_features
from facereel.motion.motion import Motion
from facereel.motion.retarget import retarget
from facereel.motion.retarget_options import CHIN_FLOOR, CHIN_SOFTNESS, SCALE_CEILING, SCALE_KNEE, RetargetOptions

MESH = RetargetOptions().for_engine("mesh")


def _height(landmarks: np.ndarray) -> np.ndarray:
    """(T,) canonical lip-to-chin height (inter-ocular distances) of (T, 478, 3) landmarks."""
    canonical = estimate_pose(landmarks)[1]
    return canonical[:, ids.CHIN, 1] - canonical[:, ids.LOWER_LIP_BOTTOM, 1]


def _mouth_open(landmarks: np.ndarray) -> np.ndarray:
    return expression_features(estimate_pose(landmarks)[1])[:, INDEX["mouth_open"]]


def _scale(targets: np.ndarray, source: np.ndarray) -> np.ndarray:
    """(T,) head scale of targets relative to the source's."""
    return estimate_pose(targets)[0].scale / float(estimate_pose(source[None])[0].scale[0])


def _lip_drops(points: np.ndarray, amounts: np.ndarray) -> np.ndarray:
    """(T, 478, 3) real landmarks whose lower lip (and nothing below it) drops by `amounts` (T,) inter-ocular
    distances in the face's axes while the chin stays: the lip closes on the chin, as a wide-open driver mouth
    retargeted onto a short chin does."""
    pose, canon, _ = estimate_pose(points[None])
    c = np.repeat(canon, len(amounts), axis=0)
    lip = np.zeros(ids.NUM_LANDMARKS)
    lip[list(ids.INNER_LOWER_LIP[1:-1] + ids.OUTER_LOWER_LIP[1:-1])] = 1.0
    c[:, :, 1] += amounts[:, None] * lip[None]
    return np.stack([pose.to_image(frame[None])[0] for frame in c])


def test_lower_lip_keeps_its_distance_to_the_chin(source: np.ndarray, driver: np.ndarray) -> None:
    """A driver lip dropping onto its chin (to 0.15 of the height) leaves the source's lip-to-chin height at
    CHIN_FLOOR or more of its own, smoothly, with the jaw lowered instead: the mouth opens as far as with the
    floor off; small closings (within the knee) pass unchanged; --chin-floor 0 lets the lip reach the chin."""
    own = float(_height(source[None])[0])
    drv_height = float(_height(driver[None])[0])
    amounts = np.linspace(0.0, 0.85 * drv_height, 60)
    frames = _lip_drops(driver, amounts).astype(np.float32)
    motion = extract_motion(FaceTrack(frames, np.ones(len(frames), bool), np.ones(len(frames), np.float32), 25.0,
                                      (512, 512)))
    off = retarget(source, motion, replace(MESH, chin_floor=0.0))
    on = retarget(source, motion, MESH)
    free, kept = _height(off) / own, _height(on) / own
    assert free.min() < 0.25  # the floor has work to do (the test can fail)
    assert kept.min() > CHIN_FLOOR - 0.01
    small = free > CHIN_FLOOR + CHIN_SOFTNESS + 0.01
    assert np.abs(kept[small] - free[small]).max() < 0.01
    assert np.abs(np.diff(kept, 2)).max() < 0.01  # no kink where the floor starts to act
    assert np.abs(_mouth_open(on) - _mouth_open(off)).max() < 0.01  # the opening is kept
    chin_drop = (on[:, ids.CHIN, 1] - off[:, ids.CHIN, 1]).max()
    assert chin_drop > 0.2 * own * float(np.linalg.norm(source[468, :2] - source[473, :2]))  # px: the jaw moved


def test_short_chin_under_a_wide_open_driver_keeps_its_chin(shared_data: Path, shared_track) -> None:
    """sr_8 (small face turned ~34 deg, a short chin: 0.38 IOD) under lp_d18's widest openings: without the
    floor its lower lip came within 0.05 IOD of the chin (the chin vanished); with it the height stays at
    CHIN_FLOOR of its own or more and the mouth opens as far. Since the lower face's offsets are scaled by the
    mouths' widths (`retarget.MOUTH_SCALE_RANGE`, sr_8's about 0.7 of lp_d18's) the floor-less minimum is 0.09 IOD
    (0.24 of its own), still far under the floor's knee (0.65); since the chin's vertical drop is no longer scaled
    with the lips' (`retarget._chin_depth`: the chin drops as far as the driver's, the lower lip 0.7 as far) the
    band is squashed less, 0.13 IOD (0.34 of its own; bound 0.3 -> 0.45), still under the knee."""
    image = read_image(shared_data / "portraits" / "sr_8.png")
    source = track_image(image).landmarks[0]
    motion = extract_motion(shared_track("lp_d18"))
    own = float(_height(source[None])[0])
    off = retarget(source, motion, replace(MESH, chin_floor=0.0))
    on = retarget(source, motion, MESH)
    assert _height(off).min() < 0.45 * own
    assert _height(on).min() > (CHIN_FLOOR - 0.01) * own
    assert np.abs(_mouth_open(on) - _mouth_open(off)).max() < 0.01


def _scale_ramp(top: float, frames: int = 80) -> Motion:
    """A still, expressionless head whose scale ramps linearly from 1 to `top`."""
    eye = np.repeat(np.eye(3, dtype=np.float32)[None], frames, 0)
    return Motion(rotation=eye, translation=np.zeros((frames, 3), np.float32),
                  scale=np.linspace(1.0, top, frames).astype(np.float32),
                  expression=np.zeros((frames, ids.NUM_LANDMARKS, 3), np.float32),
                  features=np.zeros((frames, len(INDEX)), np.float32), valid=np.ones(frames, bool), fps=25.0)


def test_head_scale_is_soft_limited_unless_the_body_follows(source: np.ndarray) -> None:
    """A driver walking towards the camera (scale 1 -> 2x): the mesh engine's head grows unchanged up to
    1 + SCALE_KNEE and then ever more slowly, never past the ceiling, without a kink; with --body (the torso
    grows too) or --scale-limit 0 it follows the driver all the way."""
    motion = _scale_ramp(2.0)
    ceiling = np.exp(SCALE_CEILING * np.log1p(SCALE_KNEE))
    options = replace(MESH, smoothing=None)
    limited = _scale(retarget(source, motion, options), source)
    free = _scale(retarget(source, motion, replace(options, scale_limit=0.0)), source)
    body = _scale(retarget(source, motion, RetargetOptions(smoothing=None).for_engine("mesh", body=True)), source)
    assert free.max() > 1.95 and np.allclose(body, free, atol=1e-3)
    assert ceiling - 0.05 < limited.max() < ceiling + 1e-3  # + float32 landmarks
    below = motion.scale < 1 + SCALE_KNEE - 0.01
    assert np.allclose(limited[below], free[below], atol=1e-3)
    step = np.diff(limited)
    assert (step >= 0).all() and (np.diff(step[~below[1:]]) <= 1e-6).all()  # growing ever more slowly
    assert np.abs(np.diff(step)).max() < 0.1 * step.max()  # the slope is continuous: no kink at the knee


def test_real_driver_moving_closer_keeps_the_head_below_the_ceiling(shared_track, source: np.ndarray) -> None:
    """sr_1 (the ../shared driver whose head changes size most: 1.18x) is left as it is; the same video zoomed
    in to 1.7x over its length (a driver walking towards the camera) grows the head below the ceiling."""
    track = shared_track("sr_1")
    plain = extract_motion(track)
    assert np.allclose(_scale(retarget(source, plain, MESH), source),
                       _scale(retarget(source, plain, replace(MESH, scale_limit=0.0)), source), atol=0.01)
    zoom = np.linspace(1.0, 1.7, len(track))[:, None, None]
    centre = np.array([track.frame_size[0] / 2, track.frame_size[1] / 2, 0.0])
    closer = extract_motion(replace(track, landmarks=(centre + zoom * (track.landmarks - centre)).astype(np.float32)))
    limited = _scale(retarget(source, closer, MESH), source)
    free = _scale(retarget(source, closer, replace(MESH, scale_limit=0.0)), source)
    assert free.max() > 1.7 and limited.max() < np.exp(SCALE_CEILING * np.log1p(SCALE_KNEE)) + 1e-3  # + float32


def test_floor_and_scale_flags(tmp_path: Path, astronaut: np.ndarray) -> None:
    """--scale-limit and --chin-floor come from the options' metadata; out-of-range values exit with code 2."""
    from facereel.cli.main import main
    from facereel.media.image import write_image
    from facereel.option_fields import build

    options = build(RetargetOptions, {"scale_limit": "0.3", "chin_floor": "0.4"})
    assert (options.scale_limit, options.chin_floor) == (0.3, 0.4)
    assert RetargetOptions().for_engine("a1").scale_limit == 0.0
    write_image(tmp_path / "a.png", astronaut)
    for flag, value in (("--scale-limit", "-1"), ("--chin-floor", "0.9")):
        assert main(["animate", "-s", str(tmp_path / "a.png"), "-d", "preset:talk", "-o",
                     str(tmp_path / "o.mp4"), flag, value]) == 2
