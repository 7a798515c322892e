"""The wide-open mouth's surroundings (issue #9): the dark crease at its corners and the light line across the
chin under its lower lip.

Every portrait (default lp_s1 at 512 px, lp_s12, lp_s5, sr_4 of ../shared/data, skimage's astronaut and
matplotlib's grace_hopper) driven by lp_d18 (a wide-open laugh; its frames given for the driver's mouth
interior) and by preset:laugh (4 s), mesh engine, default options and retargeting; every `--step`th frame
rendered. Per portrait and driver, the mean (max) over those frames of
- `figures.corner_shadow.corner_shadow` (squared mouth widths): the corner bands' dark area beyond the photo's;
- `figures.under_lip.UnderLip.light_line` (grey levels): the light line under the lower lip;
for the source repeated, "before" (the same engine with `--before`'s lip ring, read from git, and the
corners' lift off: the mouth's surroundings as the engine at 3e2f1be drew them) and "after".

Run: PYTHONPATH=src .venv/bin/python bench/mouth_surroundings.py [--portraits lp_s1@512,astronaut]
     [--drivers lp_d18,laugh] [--step 3] [--before 3e2f1be]
"""

from __future__ import annotations

import argparse
import platform
import subprocess
import types
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import cv2
import numpy as np
from lip_folds import _portrait
from reenact import SHARED

from facereel.engines.mesh import MeshAnimator, MeshOptions
from facereel.engines.mesh.figures.corner_shadow import corner_shadow
from facereel.engines.mesh.figures.under_lip import UnderLip
from facereel.engines.mesh.open_mouth.mouth import DriverFrame
from facereel.face.tracking import track_frames, track_image
from facereel.media.video import open_video
from facereel.motion.extract import extract_motion
from facereel.motion.motion import Motion
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget


def _image(spec: str) -> np.ndarray:
    """A portrait by name, "name@N" with its longer side resized to N px."""
    name, _, size = spec.partition("@")
    if name == "grace_hopper":
        import imageio.v3 as iio
        from matplotlib import cbook

        image = np.ascontiguousarray(iio.imread(cbook.get_sample_data("grace_hopper.jpg", asfileobj=False))[..., :3])
    else:
        image = _portrait(name)
    if size:
        scale = int(size) / max(image.shape[:2])
        image = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    return image


def _driver(name: str) -> tuple[Motion, tuple[list[np.ndarray], np.ndarray] | None]:
    """The motion of a driver video of ../shared/data with its frames and their landmarks (F, 478, 3) px, or
    of a preset (4 s) with None."""
    path = SHARED / "driving" / f"{name}.mp4"
    if not path.exists():
        return preset_motion(name, 4.0), None
    with open_video(path) as video:
        fps = video.fps
        frames = list(video.frames())
    track = track_frames(iter(frames), fps)
    return extract_motion(track), (frames, track.landmarks)


def old_module(revision: str, path: str) -> types.ModuleType:
    """The module at `path` (from the repository root) as it was at a git revision of this repository."""
    root = Path(__file__).resolve().parents[1]
    text = subprocess.run(["git", "show", f"{revision}:{path}"], cwd=root, check=True, capture_output=True,
                          text=True).stdout
    module = types.ModuleType(f"{Path(path).stem}_before")
    exec(compile(text, f"{path}@{revision}", "exec"), module.__dict__)
    return module


def cases(drivers: str, portraits: str) -> Iterator[tuple[str, np.ndarray, np.ndarray, list[np.ndarray],
                                                           tuple[list[np.ndarray], np.ndarray] | None]]:
    """Per driver and portrait (comma-separated names, `_driver`, `_image`): "portrait x driver", the
    portrait (H, W, 3), its landmarks (478, 3) px, the retargeted targets and the driver's frames (`_driver`)."""
    for dname in drivers.split(","):
        motion, driver = _driver(dname)
        for spec in portraits.split(","):
            image = _image(spec)
            lm = track_image(image).landmarks[0]
            yield f"{spec} x {dname}", image, lm, retarget(lm, motion, RetargetOptions().for_engine("mesh")), driver


def _figures(image: np.ndarray, lm: np.ndarray, targets: list[np.ndarray], frames: list[int],
             driver: tuple[list[np.ndarray], np.ndarray] | None, before: types.ModuleType | None
             ) -> tuple[np.ndarray, np.ndarray]:
    """(corner shadow, light line) per rendered frame, the engine with `before`'s lip ring and no lift in the
    corners, or as it is (None)."""
    animator = MeshAnimator(image, lm, MeshOptions())
    if before is not None:
        animator._lip_ring = before.LipRing(lm[:, :2] - animator.origin)
        animator.mouth.corners.render = lambda *_: None
    under = UnderLip(animator)
    corners, lines = [], []
    for k in frames:
        shown = DriverFrame(driver[0][k], driver[1][k]) if driver is not None else None
        frame = animator.render(targets[k], driver=shown)
        corners.append(corner_shadow(frame, animator.vertices[:len(lm)] + animator.origin, image, lm))
        lines.append(under.light_line(frame))
    return np.array(corners), np.array(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--portraits", default="lp_s1@512,lp_s12,lp_s5,sr_4,astronaut,grace_hopper")
    parser.add_argument("--drivers", default="lp_d18,laugh")
    parser.add_argument("--step", type=int, default=3)
    parser.add_argument("--before", default="3e2f1be", help="git revision whose lip ring draws 'before'")
    args = parser.parse_args()
    old = old_module(args.before, "src/facereel/engines/mesh/geometry/lip_ring.py")
    print(f"bench/mouth_surroundings.py --portraits {args.portraits} --drivers {args.drivers} --step {args.step} "
          f"--before {args.before}; "
          f"{platform.node()} {platform.processor() or platform.machine()}, {date.today()}")
    print("| portrait x driver | frames | corner shadow mean (max): source repeated / before / after "
          "| light line under the lip mean (max): source repeated / before / after |")
    print("|---|---|---|---|")
    for name, image, lm, targets, driver in cases(args.drivers, args.portraits):
        frames = list(range(0, len(targets), args.step))
        repeat = MeshAnimator(image, lm, MeshOptions())
        repeat.map_frame(lm)
        base = (corner_shadow(image, lm, image, lm), UnderLip(repeat).light_line(image))
        (cb, lb), (ca, la) = (_figures(image, lm, targets, frames, driver, before) for before in (old, None))
        print(f"| {name} | {len(frames)} | {base[0]:.4f} / {cb.mean():.4f} ({cb.max():.4f}) / "
              f"{ca.mean():.4f} ({ca.max():.4f}) | {base[1]:.2f} / {lb.mean():.2f} ({lb.max():.2f}) / "
              f"{la.mean():.2f} ({la.max():.2f}) |", flush=True)


if __name__ == "__main__":
    main()
