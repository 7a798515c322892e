"""The far cheek's strip beside the nose on big turns (`figures.far_outline`), per portrait.

For each portrait (the public-domain astronaut and grace_hopper, then ../shared/data's), the mesh engine
maps preset:turn (--seconds, default 2 as `facereel animate` plays it; retargeted as it does, no
smoothing); per frame `nose_margin` and `nose_overhang` of the landmarks the engine drew (after its pose
limit and stretch limit). The do-nothing baseline (the source repeated) is the source's own landmarks:
its margin, overhang 0. Compare versions of the engine by running this script with each one's `src`
first on PYTHONPATH.

Run: PYTHONPATH=src .venv/bin/python bench/far_outline.py [--seconds 2] [--portraits lp_s1,astronaut]
Prints a Markdown table: per portrait, the source's margin, the frames' smallest margin, the mean overhang
and the share of frames with one.
"""

from __future__ import annotations

import argparse

import numpy as np
from warp_health import portraits

from facereel.engines.mesh import MeshAnimator
from facereel.engines.mesh.figures.far_outline import nose_margin, nose_overhang
from facereel.face.tracking import track_image
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=2.0)
    parser.add_argument("--portraits", default=None, help="these portraits only (names, e.g. lp_s1,astronaut)")
    args = parser.parse_args()
    print("| portrait | source margin | turn: min margin | mean overhang | frames with overhang |")
    print("|---|---|---|---|---|")
    for name, image in portraits():
        if args.portraits is not None and name not in args.portraits.split(","):
            continue
        lm = track_image(image).landmarks[0]
        animator = MeshAnimator(image, lm)
        targets = retarget(lm, preset_motion("turn", args.seconds), RetargetOptions(smoothing=None, translate=True))
        drawn = [animator.map_frame(target).target for target in targets]
        margins = np.array([nose_margin(t) for t in drawn])
        overhang = np.array([nose_overhang(t) for t in drawn])
        print(f"| {name} | {nose_margin(lm):.3f} | {margins.min():.3f} | {overhang.mean():.4f} | "
              f"{(overhang > 0).mean():.0%} |")


if __name__ == "__main__":
    main()
