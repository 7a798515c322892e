"""Lash smear on closed eyes (`engines/mesh/eye/eye_smear.py`), beside the do-nothing baseline (source repeated).

Usage: python bench/lash_smear.py [--frames 90]
Cases: portraits (longer side resized to 512, as `animate --size 512`) driven by blinking drivers from
../shared/data (the first --frames frames) and preset:blink; the public-domain astronaut and grace_hopper
photos stand in when the data set is absent. Per frame the score is the larger of the two eyes' (share of
the band below the lower lid darker than the source's band ever is). Printed: the mean over the frames
where the driver's eyes are closed (opening under half its median), the max over all frames, and the
source repeated. Second table (self-reenactment, each driver's first frame as the source): the share of
frames where `EyeRenderer.settle` moves a lid point and the most it moves one (px), i.e. how often the lid
limit touches a face driven by itself. To compare with an older engine, run this script with that tree's src first on the path
(and eye_smear.py copied into it).
"""

from __future__ import annotations

import argparse
import platform
from datetime import date
from pathlib import Path

import cv2
import imageio.v3 as iio
import numpy as np

from facereel.animate.inputs import source_from_image
from facereel.engines.mesh.driven import DrivenPortrait
from facereel.engines.mesh.eye.eye_smear import lash_smear
from facereel.engines.mesh.eye.eyes import EyeRenderer, opening_ratio
from facereel.engines.mesh.geometry.mesh_topology import (
    LEFT_EYE_LOWER, LEFT_EYE_UPPER, RIGHT_EYE_LOWER, RIGHT_EYE_UPPER,
)
from facereel.face import landmark_ids as ids
from facereel.face.pose import estimate_pose
from facereel.face.tracking import FaceTracker
from facereel.media.video import open_video
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
CASES = [("lp_s1", "lp_d3"), ("lp_s5", "lp_d3"), ("lp_s5", "lp_d12"), ("lp_s12", "lp_d19"),
         ("sr_4", "preset:blink"), ("lp_s1", "preset:blink"), ("astronaut", "lp_d3"), ("grace_hopper", "lp_d12")]


def portrait(name: str) -> np.ndarray | None:
    """(H, W, 3) uint8 RGB with its longer side 512, or None when absent."""
    if name == "astronaut":
        from skimage import data
        image = data.astronaut()
    elif name == "grace_hopper":
        import matplotlib.cbook as cbook
        image = iio.imread(cbook.get_sample_data("grace_hopper.jpg"))
    else:
        path = next(iter(sorted((SHARED / "portraits").glob(f"{name}.*"))), None)
        if path is None:
            return None
        image = iio.imread(path)
    image = np.ascontiguousarray(image[..., :3])
    s = 512 / max(image.shape[:2])
    return cv2.resize(image, (round(image.shape[1] * s), round(image.shape[0] * s)), interpolation=cv2.INTER_AREA)


def opening(lm: np.ndarray) -> float:
    """Mean lid gap over eye width of both eyes of landmarks (478, >=2) px."""
    return 0.5 * (opening_ratio(lm, RIGHT_EYE_UPPER, RIGHT_EYE_LOWER) + opening_ratio(lm, LEFT_EYE_UPPER, LEFT_EYE_LOWER))


def targets(image: np.ndarray, lm: np.ndarray, driver: str, frames: int) -> tuple[list[np.ndarray], np.ndarray] | None:
    """The portrait's target landmarks per frame and the driver's eye opening per frame (None: no driver)."""
    if driver.startswith("preset:"):
        out = retarget(lm, preset_motion(driver.split(":")[1]), RetargetOptions().for_engine("mesh"))
        return list(out), np.array([opening(t) for t in out])
    path = SHARED / "driving" / f"{driver}.mp4"
    if not path.exists():
        return None
    with open_video(path) as video, FaceTracker(video=True) as track:
        faces = [track(f) for _, f in zip(range(frames), video.frames())]
        fps = video.fps
    driven = DrivenPortrait(image, lm, RetargetOptions(), fps)
    kept = [(driven.drive(f).target, opening(f)) for f in faces if f is not None]
    return [t for t, _ in kept], np.array([o for _, o in kept])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--frames", type=int, default=90)
    args = parser.parse_args()
    print(f"{platform.machine()}, {date.today()}, first {args.frames} driver frames\n")
    print("| portrait x driver | closed frames | source repeated | closed-eye mean | max |")
    print("|---|---|---|---|---|")
    for name, driver in CASES:
        image = portrait(name)
        if image is None:
            continue
        lm = source_from_image(image).landmarks
        got = targets(image, lm, driver, args.frames)
        if got is None:
            continue
        tg, open_ = got
        scores = lash_smear(image, lm)
        driven = DrivenPortrait(image, lm, RetargetOptions(), 25.0)
        per_frame = np.array([max(s(driven.animator.render(t), t) for s in scores) for t in tg])
        closed = open_ < 0.5 * np.median(open_)
        base = max(s(image, lm) for s in scores)
        mean = per_frame[closed].mean() if closed.any() else float("nan")
        print(f"| {name} x {driver} | {int(closed.sum())} | {base:.3f} | {mean:.3f} | {per_frame.max():.3f} |", flush=True)
    if hasattr(EyeRenderer, "settle"):  # not in engines from before the lids were settled
        self_reenactment(args.frames)


def self_reenactment(frames: int) -> None:
    """Print how much `EyeRenderer.settle` moves the lids when every driver drives its own first frame."""
    print("\n| self-reenactment | frames | settle moves a lid | most moved (px) |")
    print("|---|---|---|---|")
    for path in sorted((SHARED / "driving").glob("*.mp4")):
        with open_video(path) as video, FaceTracker(video=True) as track:
            pairs = [(f, track(f)) for _, f in zip(range(frames), video.frames())]
            fps = video.fps
        pairs = [(f, lm) for f, lm in pairs if lm is not None]
        image, lm = pairs[0]
        driven = DrivenPortrait(image, lm, RetargetOptions(), fps)
        eyes = [EyeRenderer(image, lm, RIGHT_EYE_UPPER, RIGHT_EYE_LOWER, ids.RIGHT_IRIS),
                EyeRenderer(image, lm, LEFT_EYE_UPPER, LEFT_EYE_LOWER, ids.LEFT_IRIS)]
        source_scale = float(estimate_pose(lm[None])[0].scale[0])
        moved = []
        for _, face in pairs:
            target = driven.drive(face).target
            scale = float(estimate_pose(target[None])[0].scale[0] / source_scale)  # as `MeshAnimator.map_frame`
            settled = target
            for eye in eyes:
                settled = eye.settle(settled, scale)
            moved.append(float(np.abs(settled - target).max()))
        moved_ = np.array(moved)
        print(f"| {path.stem} | {len(moved_)} | {(moved_ > 0.01).mean():.1%} | {moved_.max():.2f} |", flush=True)


if __name__ == "__main__":
    main()
