"""The dark tail at a hanging lock's tip (issue #9, locktail round): what makes it, per portrait, from the source.

The head layer carries each pixel's photo colour less the plate behind it, (1 - alpha) * plate, premultiplied
(`layers.HeadLayer`). Where the hanging hair's soft edge lies over a plate filled lighter than the photo there
(the lock's tip in the neck band over the background's light fill, lp_s1), that colour is below zero and,
laid over the neck as the lock swings, draws darker than anything in the photo: the tail. Printed per portrait
(--portraits, by name: ../shared/data's or the public-domain astronaut and grace_hopper; longer side --size px
as `facereel animate --size` makes it): the pixels within 3 px of the hanging hair's part in the neck band
whose premultiplied grey is below -`DARKER` grey levels, and the lowest premultiplied grey there (0 for
a source with no hanging hair in the band). No frame is rendered: the engine first on PYTHONPATH is read.

Run: PYTHONPATH=<engine>/src .venv/bin/python bench/lock_tail.py [--portraits lp_s1,lp_s5] [--size 512]
"""

from __future__ import annotations

import argparse

import cv2
import numpy as np
from neck_sheets import portrait_image

from facereel.animate.inputs import Source
from facereel.animate.run import resize_source
from facereel.engines.mesh import MeshAnimator
from facereel.face.tracking import track_image

PORTRAITS = ("lp_s1", "lp_s5", "lp_s0", "sr_4", "sr_8", "grace_hopper")
DARKER = 25.0  # grey levels below zero of the premultiplied colour that count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--portraits", default=",".join(PORTRAITS))
    parser.add_argument("--size", type=int, default=512)
    args = parser.parse_args()
    print("| portrait | px below -%g | lowest premultiplied grey |" % DARKER)
    print("|---|---|---|")
    for name in args.portraits.split(","):
        image = portrait_image(name)
        source = resize_source(Source(image=image, landmarks=track_image(image).landmarks[0]), args.size)
        animator = MeshAnimator(source.image, source.landmarks)
        x0, y0, x1, y1 = animator.box
        layer, mask = animator.layer, animator.mask
        crop = source.image[y0:y1, x0:x1].astype(np.float32)
        carried = (crop - (1 - layer.alpha[..., None]) * layer.plate).mean(2)
        tip = ((mask.hanging > 0.02) & (mask.neck > 0.5)).astype(np.uint8)
        zone = cv2.dilate(tip, np.ones((7, 7), np.uint8)) > 0
        lowest = float(carried[zone].min()) if zone.any() else 0.0
        print(f"| {name} | {int((zone & (carried < -DARKER)).sum())} | {min(lowest, 0.0):.0f} |", flush=True)


if __name__ == "__main__":
    main()
