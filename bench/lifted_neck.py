"""The moved neck under a turned, raised chin lit past the photo's own neck and the light rims across it
(`figures.lifted_neck.over_lit`, `light_rims`; issue #9).

For each portrait (--portraits, from ../shared/data and grace_hopper) at --size px on its longer side (default: as it
is, `facereel animate`'s default), the mesh engine renders preset:turn (2 s, retargeted as `facereel animate`
does); both figures of frames --frames, beside the do-nothing baseline (the source repeated). Compare versions of the
engine by running this script with each one's `src` first on PYTHONPATH (an engine from before the figure: with
figures/lifted_neck.py copied into its tree).

Run: PYTHONPATH=src .venv/bin/python bench/lifted_neck.py [--portraits sr_18,lp_s3] [--frames 36-46] [--size 512]
Prints a Markdown table: per portrait and figure, the source repeated, the frames' mean and each frame's figure.
"""

from __future__ import annotations

import argparse

import numpy as np
from far_tear import per_frame, turn_frames
from warp_health import portraits, tracked

from facereel.engines.mesh import MeshAnimator
from facereel.engines.mesh.composite import face_size
from facereel.engines.mesh.figures.lifted_neck import light_rims, over_lit, placed
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget


def lifted(image: np.ndarray, lm: np.ndarray, frames: list[int]) -> dict[str, tuple[float, list[float]]]:
    """{figure: (its value on the source repeated, on each of `frames` of preset:turn)} from `image`, landmarks
    `lm`."""
    animator = MeshAnimator(image, lm)
    size, shape = face_size(lm), image.shape[:2]
    photo_alpha = placed(animator.layer.alpha, animator.origin, shape)
    figures = {"over_lit": lambda f, t, a: over_lit(f, t, a, image, lm, photo_alpha, size),
               "light_rims": lambda f, t, a: light_rims(f, t, a, lm, size)}
    targets = retarget(lm, preset_motion("turn", 2.0), RetargetOptions().for_engine("mesh"))
    values: dict[str, list[float]] = {name: [] for name in figures}
    for k in frames:
        frame = animator.render(targets[k])
        alpha = placed(animator.drawn_alpha(), animator.origin, shape)
        for name, figure in figures.items():
            values[name].append(figure(frame, targets[k], alpha))
    return {name: (figure(image, lm, photo_alpha), values[name]) for name, figure in figures.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--portraits", default="sr_18,lp_s0,lp_s3,lp_s5,grace_hopper")
    parser.add_argument("--frames", default="36-46", help="first-last ranges of preset:turn (2 s)")
    parser.add_argument("--size", type=int, default=None, help="longer side, px (default: as it is)")
    args = parser.parse_args()
    frames, wanted = turn_frames(args.frames), args.portraits.split(",")
    print("| portrait | figure | source repeated | frames mean | per frame |")
    print("|---|---|---|---|---|")
    for name, image in portraits():
        if name in wanted:
            for figure, (base, values) in lifted(*tracked(image, args.size), frames).items():
                print(f"| {name} | {figure} | {base:.2f} | {np.mean(values):.2f} | {per_frame(values)} |")


if __name__ == "__main__":
    main()
