"""The hair beside the far cheek on big turns, per portrait (`figures.far_hair`; issue #9, lp_s1 on preset:turn
frames 10-14: the hair beside the far cheek gone, the cheek against the wall).

For each portrait (the public-domain astronaut and grace_hopper, then ../shared/data's), scaled so its longer
side is --size px as `facereel animate --size` does, the mesh engine renders preset:turn (--seconds, default 2;
retargeted as `facereel animate` does, no smoothing) and `far_hair_lost` (the share of the photo's hair
beside the far cheek the frame no longer shows, with the landmarks the engine drew) is read on the frames
turned more than `TURNED` deg. The do-nothing baseline (the source repeated) reads 0 by construction; its
column is measured (the source's own landmarks as the target). Compare versions of the engine by running
this script with each one's `src` first on PYTHONPATH.

Run: PYTHONPATH=src .venv/bin/python bench/far_hair.py [--seconds 2] [--size 512] [--portraits lp_s1,astronaut]
Prints a Markdown table: per portrait, the source repeated, then the mean and max over the turned frames to
the image's left (yaw > 0, preset:turn frames ~8-16) and to its right (yaw < 0, frames ~33-42).
"""

from __future__ import annotations

import argparse

import cv2
import numpy as np
from warp_health import portraits

from facereel.engines.mesh import MeshAnimator
from facereel.engines.mesh.figures.cut_hair import photo_hair
from facereel.engines.mesh.figures.far_hair import far_hair_lost
from facereel.face.pose import euler_degrees
from facereel.face.tracking import track_image
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

TURNED = 30.0
"""Deg of the preset's yaw beyond which a frame is read."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=2.0)
    parser.add_argument("--size", type=int, default=512, help="the portrait's longer side, px")
    parser.add_argument("--portraits", default=None, help="these portraits only (names, e.g. astronaut,lp_s1)")
    args = parser.parse_args()
    wanted = set(args.portraits.split(",")) if args.portraits else None
    motion = preset_motion("turn", args.seconds)
    yaw = euler_degrees(motion.rotation)[:, 0]
    print("| portrait | source repeated | left: mean / max | right: mean / max |")
    print("|---|---|---|---|")
    for name, image in portraits():
        if wanted is not None and name not in wanted:
            continue
        k = args.size / max(image.shape[:2])
        image = cv2.resize(image, (round(image.shape[1] * k), round(image.shape[0] * k)), interpolation=cv2.INTER_AREA)
        lm = track_image(image).landmarks[0]
        hair = photo_hair(image, lm)
        animator = MeshAnimator(image, lm)
        targets = retarget(lm, motion, RetargetOptions(smoothing=None, translate=True))
        repeated = far_hair_lost(animator.render(lm), image, hair, lm, lm)
        cells = []
        for side in (yaw > TURNED, yaw < -TURNED):
            lost = []
            for target in targets[side]:
                frame = animator.map_frame(target)
                lost.append(far_hair_lost(animator.draw(frame), image, hair, lm, frame.target))
            cells.append(f"{np.mean(lost):.3f} / {np.max(lost):.3f}")
        print(f"| {name} | {repeated:.3f} | {cells[0]} | {cells[1]} |")


if __name__ == "__main__":
    main()
