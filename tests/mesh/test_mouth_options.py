"""The two open mouths (`MeshOptions.mouth_interior`) on real faces, and the opening an off-frontal or
small portrait gets from a real driver (re-tracked).

- synthetic (templates, presets): a throat darker than the lips, rows of teeth brighter than them;
- driver: the driver's teeth show in the portrait's mouth when the driver shows teeth, not otherwise;
- a driver opening wide (lp_d18) opens a turned (sr_4, yaw ~20 deg), one turned further (sr_4 turned
  by the engine to ~28 deg, then used as the portrait), a rolled and shrunk, and a small face beside
  another in a 1084x610 frame to >= 0.7 of the driver's range (re-tracked); sr_8 (yaw ~34 deg, lips parted
  over its teeth) does not yet (docs/mesh-engine.md "The open mouth").
"""

from __future__ import annotations

from functools import lru_cache

import cv2
import numpy as np
import pytest
from mesh_faces import portrait, set_up_copy, shared_animator

from facereel.engines.mesh import MeshAnimator, MeshOptions
from facereel.engines.mesh.geometry.mesh_topology import INNER_LIP_CONTOUR
from facereel.engines.mesh.open_mouth.mouth import DriverFrame
from facereel.engines.mesh.open_mouth.mouth_shape import lip_colour, mouth_gap
from facereel.face.pose import HeadPose, estimate_pose, rotation_from_euler
from facereel.face.face_track import FaceTrack
from facereel.face.tracking import track_frames, track_image
from facereel.media.video import open_video
from facereel.motion.extract import extract_motion
from facereel.motion.features import INDEX, expression_features
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

_LUMA = np.array([0.299, 0.587, 0.114])
_NO_SMOOTHING = RetargetOptions(smoothing=None).for_engine("mesh")  # frames are subsampled below


def _inside(shape: tuple[int, int], lm: np.ndarray, erode: int = 1) -> np.ndarray:
    """(H, W) bool: inside the inner-lip contour of (478, 3) px landmarks, shrunk by `erode` px."""
    mask = np.zeros(shape, np.uint8)
    cv2.fillPoly(mask, [np.round(lm[INNER_LIP_CONTOUR, :2]).astype(np.int32)], 1)
    return cv2.erode(mask, np.ones((2 * erode + 1,) * 2, np.uint8)) > 0


def _saturation(rgb: np.ndarray) -> np.ndarray:
    return (rgb.max(-1) - rgb.min(-1)) / np.maximum(rgb.max(-1), 1.0)


def _teeth_like(image: np.ndarray, lm: np.ndarray, lip: np.ndarray) -> float:
    """Fraction of the inner mouth that looks like teeth: brighter than 1.2x the lips (lip: (3,) RGB) and
    less saturated than them."""
    inside = _inside(image.shape[:2], lm)
    if not inside.any():
        return 0.0
    px = image[inside].astype(np.float64)
    return float(((px @ _LUMA > 1.2 * lip @ _LUMA) & (_saturation(px) < _saturation(lip))).mean())


_TRACKED: dict[str, FaceTrack] = {}
"""Per shared driving video: the track of its longest first frames `_driver` tracked in this process. Its first n
frames are the track of the video's first n frames when all n hold a face: the tracker reads frame t with the
frames before it only, and only frames without a face are filled from the frames after them
(`tracking.assemble_track`). Filled once per process (pytest-xdist worker) by files that patch nothing the tracker
calls: 13 test files import `_driver` (more call it through `test_mouth_teeth._driven`) and track lp_d18, sr_1,
lp_d12, lp_d11 or lp_d3 from frame 0 (lp_d18 to frame 85-95, sr_1 to 52-76), ~0.3-0.8 CPU s a call."""


@lru_cache(maxsize=4)
def _driver(name: str, frames: tuple[int, ...]) -> tuple[list[np.ndarray], np.ndarray]:
    """Chosen frames of a shared driving video and their tracked landmarks (tracked through every frame
    up to the last chosen one, so the tracker follows as in a video; a longer track of it taken before is cut to
    that frame where every frame up to it holds a face, `_TRACKED`)."""
    from mesh_faces import PORTRAITS

    path = PORTRAITS.parent / "driving" / f"{name}.mp4"
    if not path.exists():
        pytest.skip(f"{path} not present")
    last = max(frames)
    with open_video(path) as video:
        all_frames = [f for _, f in zip(range(last + 1), video.frames())]
    known = _TRACKED.get(name)
    if known is None or len(known) <= last or not known.valid[:last + 1].all():
        known = track_frames(iter(all_frames), 25.0)
        if name not in _TRACKED or len(known) > len(_TRACKED[name]):
            _TRACKED[name] = known
    return [all_frames[k] for k in frames], known.landmarks[list(frames)]


def _targets(source_lm: np.ndarray, driver_lm: np.ndarray) -> np.ndarray:
    """Retargeted (T, 478, 3) px of the source for driver landmarks (T, 478, 3), the first the reference."""
    track = FaceTrack(landmarks=driver_lm, valid=np.ones(len(driver_lm), bool),
                      confidence=np.ones(len(driver_lm), np.float32), fps=25.0, frame_size=(0, 0))
    return retarget(source_lm, extract_motion(track), _NO_SMOOTHING)


def test_synthetic_mouth_has_a_dark_throat_and_bright_teeth(face):
    """preset:laugh at its widest on a real face: across the middle of the mouth, the upper teeth row is
    brighter than the lips and the throat (the darkest row) much darker than them."""
    image, lm = face
    motion = preset_motion("laugh")
    targets = retarget(lm, motion, RetargetOptions().for_engine("mesh"))
    k = int(np.argmax([mouth_gap(t)[0] for t in targets]))
    target = targets[k]
    out = set_up_copy(image, lm, MeshOptions(eyes=False, mouth_interior="synthetic")).render(target)
    lip = lip_colour(image, lm) @ _LUMA
    gap, width = mouth_gap(target)
    # the laugh opens wide: grace_hopper's gap 0.37 of its width in px since the preset's offsets are scaled by her
    # mouth's width over the template's (0.88, `retarget.MOUTH_SCALE_RANGE`; the preset's own 0.48 canonical)
    assert gap > 0.35 * width
    x, half = int(round(target[13, 0])), max(2, int(0.12 * width))
    top, bottom = int(round(target[13, 1])), int(round(target[14, 1]))
    middle = out[top:bottom, x - half:x + half + 1].astype(np.float64) @ _LUMA  # (rows, columns) luma
    teeth = np.percentile(middle[: max(2, len(middle) // 6)], 90)
    throat = middle.mean(1).min()
    assert teeth > 1.1 * lip
    assert throat < 0.6 * lip


@pytest.mark.slow
def test_driver_mouth_carries_the_drivers_teeth():
    """sr_4 (closed mouth) driven by lp_d11: frames where the driver shows teeth put teeth-like pixels
    into the portrait's mouth; a wide opening without teeth (frame 12) does not, and the synthetic
    interior puts far fewer there."""
    image, lm = portrait("sr_4")
    teeth_frames, plain = (16, 20, 40), 12
    frames, driver_lm = _driver("lp_d11", (0, plain) + teeth_frames)
    targets = _targets(lm, driver_lm)
    lip = lip_colour(image, lm)
    with_driver = MeshAnimator(image, lm, MeshOptions(eyes=False, mouth_interior="driver"))
    synthetic = MeshAnimator(image, lm, MeshOptions(eyes=False, mouth_interior="synthetic"))
    shown = []
    for frame, drv, target in zip(frames, driver_lm, targets):
        out = with_driver.render(target, driver=DriverFrame(frame, drv))
        shown.append((_teeth_like(out, target, lip), _teeth_like(synthetic.render(target), target, lip),
                      _teeth_like(frame, drv, lip_colour(frame, drv))))
    for driver_teeth, synth_teeth, in_driver in shown[2:]:
        assert in_driver > 0.3  # the chosen frames do show teeth
        assert driver_teeth > 0.2 and driver_teeth > 2 * synth_teeth
    assert shown[1][2] < 0.05 and shown[1][0] < 0.05  # no teeth in the driver: none carried


def _mouth_open(frames: list[np.ndarray], face_index: int | None = None) -> np.ndarray:
    """(T,) re-tracked inner-lip gap in canonical units of consecutive frames."""
    _, canonical, _ = estimate_pose(track_frames(iter(frames), 25.0, face_index=face_index).landmarks)
    return expression_features(canonical)[:, INDEX["mouth_open"]]


def _rolled_small(image: np.ndarray) -> np.ndarray:
    """A real photo turned 30 degrees in the image plane and shrunk to 0.35 (a small, tilted face)."""
    h, w = image.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), 30.0, 0.35)
    return cv2.warpAffine(image, m, (w, h), borderMode=cv2.BORDER_REFLECT)


def _turned_further(name: str, yaw: float) -> np.ndarray:
    """The shared portrait `name` with its head turned `yaw` degrees more by the engine (an off-frontal portrait)."""
    _, lm = portrait(name)
    pose, canonical, _ = estimate_pose(lm[None])
    rotation = rotation_from_euler(yaw, 0.0, 0.0) @ pose.rotation[0].astype(np.float64)
    turned = HeadPose(rotation[None].astype(np.float32), pose.scale, pose.translation).to_image(canonical)[0]
    return shared_animator(name).render(turned)


def _two_people() -> np.ndarray:
    """A 1084x610 frame with two small real faces: sr_4 (turned ~20 deg) at 0.55 on the left, lp_s1 at 0.25
    on the right, on a dark background."""
    canvas = np.full((610, 1084, 3), 40, np.uint8)
    left, right = portrait("sr_4")[0], portrait("lp_s1")[0]
    canvas[214:610, 0:704] = cv2.resize(left, (704, 396), interpolation=cv2.INTER_AREA)
    canvas[300:586, 770:1056] = cv2.resize(right, (286, 286), interpolation=cv2.INTER_AREA)
    return canvas


SR_8_OPEN = ("sr_8: the tracker reads its rendered openings up to 0.40 canonical units (0.33) but wider ones as "
             "closed (its face oval ends inside the opening), with the driver's or the synthetic interior, turned "
             "to frontal, or with the chin put back below the lip (bench/mouth_tracker_limit.py, "
             "docs/mesh-engine.md)")


@pytest.mark.parametrize("case", [pytest.param("sr_4", marks=pytest.mark.slow),
                                  pytest.param("sr_4 turned further", marks=pytest.mark.slow),
                                  "lp_s1 rolled and small", "two people",
                                  pytest.param("sr_8", marks=[pytest.mark.xfail(strict=True, reason=SR_8_OPEN),
                                                              pytest.mark.slow])])
def test_wide_opening_reaches_off_frontal_and_small_faces(case):
    """lp_d18 opens wide (frames 56-94); the output's re-tracked mouth range is >= 0.7 of the driver's (for
    two people: the left face, animated and re-tracked by its index)."""
    face_index = 0 if case == "two people" else None
    if case in ("sr_4", "sr_8"):  # the shared portrait as it is: its session set-up
        _, lm = portrait(case)
        animator = shared_animator(case)
    else:
        if case == "two people":
            image = _two_people()
        elif case == "sr_4 turned further":
            image = _turned_further("sr_4", 15.0)
        else:
            image = _rolled_small(portrait("lp_s1")[0])
        lm = track_image(image, face_index=face_index).landmarks[0]
        animator = MeshAnimator(image, lm)
    chosen = (0,) + tuple(range(56, 96, 2))
    frames, driver_lm = _driver("lp_d18", chosen)
    outs = [animator.render(t, driver=DriverFrame(f, d)) for t, f, d in zip(_targets(lm, driver_lm), frames, driver_lm)]
    _, canonical, _ = estimate_pose(driver_lm)
    driver_open = expression_features(canonical)[:, INDEX["mouth_open"]]
    output_open = _mouth_open(outs, face_index)
    ratio = np.ptp(output_open) / np.ptp(driver_open)
    assert np.ptp(driver_open) > 0.4
    assert ratio >= 0.7, f"{case}: output mouth range {ratio:.2f} of the driver's"
    assert np.corrcoef(output_open, driver_open)[0, 1] > 0.9
