"""Thin light and dark lines across a driven open mouth (`engines/mesh/figures/mouth_stripes.py`), beside the source
repeated and the driver's own mouth.

Usage: python bench/mouth_stripes.py [--portraits sr_4,lp_s12,lp_s1,grace_hopper] [--driver sr_1] [--frames 78]
Portraits at 512 px (as `animate --size 512`: tracked on the photo, the landmarks scaled; `far_tear.at_size`), driven
by the driver's first `--frames` frames (default retargeting, `--mouth driver`); per portrait the figure's mean and
max over the frames (mouth widths of 1-px lines inside the opening), how many frames read over 0.1, the source
repeated (the photo read at the target's opening) and the driver's own mouth over the same frames. To measure an
older checkout, run with PYTHONPATH=that/src:bench (figures/mouth_stripes.py copied in).
"""

from __future__ import annotations

import argparse
import platform
from datetime import date

import numpy as np
from far_tear import at_size
from warp_health import SHARED, portraits

from facereel.engines.mesh import MeshAnimator, MeshOptions
from facereel.engines.mesh.figures.mouth_stripes import mouth_stripes
from facereel.engines.mesh.open_mouth.mouth import DriverFrame
from facereel.face.tracking import track_frames
from facereel.media.video import open_video
from facereel.motion.extract import extract_motion
from facereel.motion.retarget import RetargetOptions, retarget

STRIPED = 0.1
"""Mouth widths of 1-px lines from which a frame is counted as striped."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--portraits", default="sr_4,lp_s12,lp_s1,grace_hopper")
    parser.add_argument("--driver", default="sr_1")
    parser.add_argument("--frames", type=int, default=78)
    args = parser.parse_args()
    with open_video(SHARED / "driving" / f"{args.driver}.mp4") as video:
        fps = video.fps
        frames = [f for _, f in zip(range(args.frames), video.frames())]
    track = track_frames(iter(frames), fps)
    motion = extract_motion(track)
    own = [mouth_stripes(f, lm) for f, lm in zip(frames, track.landmarks)]
    print(f"bench/mouth_stripes.py --portraits {args.portraits} --driver {args.driver} --frames {args.frames}; "
          f"{platform.node()} {platform.machine()}, {date.today()}")
    print("| portrait | source repeated mean | engine mean / max | frames over 0.1 | driver's own mean / max |")
    print("|---|---|---|---|---|")
    wanted = args.portraits.split(",")
    for name, photo in portraits():
        if name not in wanted:
            continue
        image, lm = at_size(photo)
        targets = retarget(lm, motion, RetargetOptions().for_engine("mesh"))
        animator = MeshAnimator(image, lm, MeshOptions().with_limits(RetargetOptions().for_engine("mesh")))
        out = np.array([mouth_stripes(animator.render(t, driver=DriverFrame(f, d)), t)
                        for t, f, d in zip(targets, frames, track.landmarks)])
        still = np.mean([mouth_stripes(image, t) for t in targets])
        striped = f"{int((out > STRIPED).sum())} of {len(out)}"
        print(f"| {name} | {still:.3f} | {out.mean():.3f} / {out.max():.3f} | {striped} |"
              f" {np.mean(own):.3f} / {np.max(own):.3f} |")


if __name__ == "__main__":
    main()
