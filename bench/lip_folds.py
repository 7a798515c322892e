"""Folds between the lips and the skin round them on wide-open mouths (`lip_ring.lip_folds`).

Every portrait (default lp_s1, lp_s3, lp_s12, lp_s5, sr_4 of ../shared/data and skimage's astronaut) driven
by lp_d18 (strong expressions, a mouth ~3x lp_s1's opening) and preset:laugh (mesh engine, default options,
default retargeting), every `--step`th frame mapped (`MeshAnimator.map_frame`). Per portrait and driver: the
mean and max over those frames of `lip_folds` of the drawn mesh against the source's (the source repeated
scores 0), and over the wide-open frames (target inner-lip gap >= 0.2 mouth widths). "before" is the same
engine with `LipRing` off (the animator's `_lip_ring` replaced by the identity). A fold there shows as a torn
pale flap of skin over the upper lip, a lip end missing, a stair-stepped lip edge.

Run: PYTHONPATH=src .venv/bin/python bench/lip_folds.py [--portraits lp_s1,astronaut] [--drivers lp_d18,laugh]
     [--step 2]
"""

from __future__ import annotations

import argparse
import platform
from datetime import date

import numpy as np
from reenact import SHARED

from facereel.engines.mesh import MeshAnimator, MeshOptions
from facereel.engines.mesh.geometry.lip_ring import lip_folds
from facereel.engines.mesh.geometry.mesh_topology import face_triangles
from facereel.engines.mesh.open_mouth.mouth import mouth_gap
from facereel.face.tracking import track_frames, track_image
from facereel.media.image import read_image
from facereel.media.video import open_video
from facereel.motion.extract import extract_motion
from facereel.motion.motion import Motion
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

WIDE = 0.2  # target inner-lip gap / mouth width from which a frame counts as wide open


def _portrait(name: str) -> np.ndarray:
    if name == "astronaut":
        import skimage.data

        return np.ascontiguousarray(skimage.data.astronaut())
    return read_image(next(iter(sorted((SHARED / "portraits").glob(f"{name}.*")))))


def _motion(name: str) -> Motion:
    """The motion of a driver video of ../shared/data, or of a preset."""
    path = SHARED / "driving" / f"{name}.mp4"
    if not path.exists():
        return preset_motion(name, 4.0)
    with open_video(path) as video:
        fps = video.fps
        frames = list(video.frames())
    return extract_motion(track_frames(iter(frames), fps))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--portraits", default="lp_s1,lp_s3,lp_s12,lp_s5,sr_4,astronaut")
    parser.add_argument("--drivers", default="lp_d18,laugh")
    parser.add_argument("--step", type=int, default=3)
    args = parser.parse_args()
    tris = face_triangles()
    print(f"bench/lip_folds.py --portraits {args.portraits} --drivers {args.drivers} --step {args.step}; "
          f"{platform.node()} {platform.processor() or platform.machine()}, {date.today()}")
    print("| portrait x driver | frames (wide) | folds mean (max): source repeated / before / after "
          "| wide-open frames: before / after |")
    print("|---|---|---|---|")
    for dname in args.drivers.split(","):
        motion = _motion(dname)
        for name in args.portraits.split(","):
            image = _portrait(name)
            lm = track_image(image).landmarks[0]
            targets = retarget(lm, motion, RetargetOptions().for_engine("mesh"))
            folds, wide = {}, []
            for label in ("before", "after"):
                animator = MeshAnimator(image, lm, MeshOptions())
                if label == "before":
                    animator._lip_ring = lambda v: v  # the engine without the change
                folds[label] = []
                for k in range(0, len(targets), args.step):
                    frame = animator.map_frame(targets[k])
                    folds[label].append(lip_folds(lm[:, :2], frame.target[:, :2], tris))
                    if label == "after":
                        wide.append(np.divide(*mouth_gap(frame.target)) >= WIDE)
            b, a = np.array(folds["before"]), np.array(folds["after"])
            w = np.array(wide)
            shown = f"{b[w].mean():.3f} / {a[w].mean():.3f}" if w.any() else "-"
            print(f"| {name} x {dname} | {len(a)} ({int(w.sum())}) | 0 / {b.mean():.3f} ({b.max():.3f}) / "
                  f"{a.mean():.3f} ({a.max():.3f}) | {shown} |", flush=True)


if __name__ == "__main__":
    main()
