"""Retargeting floors (issue #9): the lip-to-chin floor (`--chin-floor`) and the head-scale limit
(`--scale-limit`) of `motion/retarget.py`, measured on ../shared/data.

Lip to chin: every portrait x (preset:laugh, lp_d18, lp_d19), retargeted with the mesh engine's defaults
("after") and with `--chin-floor 0` (the retargeting before the floor); the lip-to-chin height is the
canonical y from the lower lip's bottom (landmark 17) to the chin (152), in inter-ocular distances. Per case:
the source's own height (= the do-nothing baseline's, whose mouth never moves: mouth range ratio 0), the
minimum over frames of the targets' height, and, on every --step-th frame rendered by the mesh engine and
re-tracked (mediapipe, video mode), the output's minimum height and its mouth range ratio
(`eval.mouth.range_ratio`: the output's inner-lip gap range / the driver's).
Head scale: per driver video, the driver's head scale relative to its first frame (max, min) and the
retargeted head's with the default limit and without (`--scale-limit 0`); and a synthetic motion whose
scale ramps from 1x to 2x; and how much of the mesh engine's crop box edge cuts the head off
(`crop_edge_cut`, lp_s5: a grown head's hair was cut along the box's top).

Run: PYTHONPATH=src .venv/bin/python bench/retarget_floors.py [--step 2] [--cache bench-out/tracks] [--scale-only]
Prints Markdown tables.
"""

from __future__ import annotations

import argparse
import platform
import sys
from datetime import date
from pathlib import Path

import numpy as np

from facereel.engines.mesh import MeshAnimator
from facereel.engines.mesh.figures.artefact_scores import crop_edge_cut
from facereel.eval.mouth import range_ratio
from facereel.face import landmark_ids as ids
from facereel.face.face_track import FaceTrack
from facereel.face.pose import estimate_pose
from facereel.face.tracking import track_frames, track_image, track_video
from facereel.media.image import read_image
from facereel.motion.extract import extract_motion
from facereel.motion.features import expression_features
from facereel.motion.motion import Motion
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
MOUTH_DRIVERS = ("preset:laugh", "lp_d18", "lp_d19")  # a wide-open laugh and the two strong-expression videos


def lip_chin_height(landmarks: np.ndarray) -> np.ndarray:
    """(T,) canonical lip-to-chin height (inter-ocular distances) of (T, 478, 3) px landmarks."""
    _, canonical, _ = estimate_pose(landmarks)
    return canonical[:, ids.CHIN, 1] - canonical[:, ids.LOWER_LIP_BOTTOM, 1]


def driver_track(name: str, cache: Path) -> FaceTrack:
    """The face track of ../shared/data/driving/<name>.mp4, cached as .npz under `cache`."""
    cached = cache / f"{name}_all.npz"
    if not cached.exists():
        track = track_video(SHARED / "driving" / f"{name}.mp4")
        cache.mkdir(parents=True, exist_ok=True)
        np.savez(cached, landmarks=track.landmarks, valid=track.valid, confidence=track.confidence, fps=track.fps,
                 size=np.array(track.frame_size))
    data = np.load(cached)
    return FaceTrack(data["landmarks"], data["valid"], data["confidence"], float(data["fps"]),
                     (int(data["size"][0]), int(data["size"][1])))


def driver_motion(name: str, cache: Path) -> Motion:
    return preset_motion(name.removeprefix("preset:")) if name.startswith("preset:") else extract_motion(
        driver_track(name, cache))


def mouth_case(image: np.ndarray, source: np.ndarray, motion: Motion, options: RetargetOptions,
               step: int) -> dict[str, float]:
    """Min lip-to-chin height of the targets and of the re-tracked output, and the output's mouth range ratio."""
    targets = retarget(source, motion, options.for_engine("mesh"))
    frames = np.arange(0, len(motion), step)
    animator = MeshAnimator(image, source)
    track = track_frames(iter([animator.render(targets[k]) for k in frames]), motion.fps / step)
    valid = track.valid
    output = track.landmarks[valid]
    return {"target": float(lip_chin_height(targets).min()), "output": float(lip_chin_height(output).min()),
            "mouth_range": range_ratio(expression_features(estimate_pose(track.landmarks)[1]),
                                       motion.features[frames], valid)}


def head_scale(targets: np.ndarray, source: np.ndarray) -> np.ndarray:
    """(T,) head scale of (T, 478, 3) targets relative to the (478, 3) source's."""
    return estimate_pose(targets)[0].scale / float(estimate_pose(source[None])[0].scale[0])


def ramp_motion(top: float = 2.0, frames: int = 100, fps: float = 25.0) -> Motion:
    """A still head whose scale ramps linearly from 1 to `top` (a driver walking towards the camera)."""
    return Motion(rotation=np.repeat(np.eye(3, dtype=np.float32)[None], frames, 0),
                  translation=np.zeros((frames, 3), np.float32),
                  scale=np.linspace(1.0, top, frames).astype(np.float32),
                  expression=np.zeros((frames, ids.NUM_LANDMARKS, 3), np.float32),
                  features=np.repeat(preset_motion("talk").features[:1], frames, 0), valid=np.ones(frames, bool),
                  fps=fps)


def main() -> None:
    if not SHARED.is_dir():
        raise SystemExit(f"{SHARED} not found: this benchmark needs the development data")
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--step", type=int, default=2, help="render and re-track every step-th frame")
    parser.add_argument("--cache", type=Path, default=Path("bench-out/tracks"))
    parser.add_argument("--scale-only", action="store_true", help="the head-scale table only")
    args = parser.parse_args()
    print(f"{platform.node()} ({platform.machine()}), {date.today()}: {' '.join(sys.argv)}\n")
    if not args.scale_only:
        lip_chin_table(args)
    scale_table(args)


def lip_chin_table(args: argparse.Namespace) -> None:
    print("Lip-to-chin height (canonical, IOD): source = the do-nothing baseline; min over frames, before "
          "(--chin-floor 0) -> after (default)\n")
    print("| portrait | driver | source | target min | output min | mouth range ratio |")
    print("|---|---|---|---|---|---|")
    motions = {name: driver_motion(name, args.cache) for name in MOUTH_DRIVERS}
    for path in sorted((SHARED / "portraits").iterdir()):
        image = read_image(path)
        source = track_image(image).landmarks[0]
        own = float(lip_chin_height(source[None])[0])
        for name, motion in motions.items():
            before, after = (mouth_case(image, source, motion, RetargetOptions(**kw), args.step)
                             for kw in ({"chin_floor": 0.0}, {}))
            print(f"| {path.stem} | {name} | {own:.3f} | {before['target']:.3f} -> {after['target']:.3f} | "
                  f"{before['output']:.3f} -> {after['output']:.3f} | "
                  f"{before['mouth_range']:.2f} -> {after['mouth_range']:.2f} |", flush=True)


def scale_table(args: argparse.Namespace) -> None:
    image = read_image(SHARED / "portraits" / "lp_s5.jpg")
    source = track_image(image).landmarks[0]
    animator = MeshAnimator(image, source)
    print("\nHead scale relative to the reference frame: the driver's, and lp_s5's retargeted head with "
          "--scale-limit 0 -> the default; kink = the largest change of the head's scale step between frames; "
          f"cut = the largest crop_edge_cut over every {3 * args.step}th frame rendered\n")
    print("| driver | driver max | driver min | head max | head min | kink | cut |")
    print("|---|---|---|---|---|---|---|")
    drivers = [*sorted(p.stem for p in (SHARED / "driving").glob("*.mp4")), "ramp 1x -> 2x"]
    for name in drivers:
        motion = ramp_motion() if name.startswith("ramp") else extract_motion(driver_track(name, args.cache))
        targets = [retarget(source, motion, RetargetOptions(**kw).for_engine("mesh"))
                   for kw in ({"scale_limit": 0.0}, {})]
        free, limited = (head_scale(t, source) for t in targets)
        cut = [max(crop_edge_cut(animator.render(t[k]), image, animator.box) for k in range(0, len(t), 3 * args.step))
               for t in targets]
        print(f"| {name} | {motion.scale.max():.3f} | {motion.scale.min():.3f} | {free.max():.3f} -> "
              f"{limited.max():.3f} | {free.min():.3f} -> {limited.min():.3f} | "
              f"{np.abs(np.diff(free, 2)).max():.4f} -> {np.abs(np.diff(limited, 2)).max():.4f} | "
              f"{cut[0]:.3f} -> {cut[1]:.3f} |", flush=True)


if __name__ == "__main__":
    main()
