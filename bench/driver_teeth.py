"""The driver's teeth carried into a portrait (`--mouth driver`): `engines/mesh/figures/teeth_band.py`'s dull and
grey, beside the source repeated and the driver's own mouth.

Usage: python bench/driver_teeth.py [--portraits lp_s12,lp_s1,grace_hopper] [--driver lp_d12] [--frames 30:56]
Portraits at 512 px (as `animate --size 512`; `far_tear.at_size`), driven by the driver from its first frame
(default retargeting, `--mouth driver`); the figure read on the `--frames` range (lp_d12 30-55: its smile showing
its upper teeth). Per portrait the mean dull and grey (and grey's max) over the frames the figure reads at the
target, the source repeated (the photo read inside the target's opening) and the driver's own mouth on the same
frames. To measure an older checkout, run with PYTHONPATH=that/src:bench.
"""

from __future__ import annotations

import argparse
import platform
from datetime import date

import numpy as np
from far_tear import at_size
from warp_health import SHARED, portraits

from facereel.engines.mesh import MeshAnimator, MeshOptions
from facereel.engines.mesh.figures.teeth_band import teeth_band, teeth_band_reads
from facereel.engines.mesh.open_mouth.mouth import DriverFrame
from facereel.face.tracking import track_frames
from facereel.media.video import open_video
from facereel.motion.extract import extract_motion
from facereel.motion.retarget import RetargetOptions, retarget


def _figures(frames: list[np.ndarray], landmarks: list[np.ndarray]) -> str:
    """'dull / grey (max grey)' means of `teeth_band` over (H, W, 3) frames read at their (478, 3) landmarks."""
    read = np.array([teeth_band(f, lm) for f, lm in zip(frames, landmarks) if teeth_band_reads(lm)])
    return f"{read[:, 0].mean():.3f} / {read[:, 1].mean():.3f} ({read[:, 1].max():.3f})" if len(read) else "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--portraits", default="lp_s12,lp_s1,grace_hopper")
    parser.add_argument("--driver", default="lp_d12")
    parser.add_argument("--frames", default="30:56")
    args = parser.parse_args()
    first, end = (int(x) for x in args.frames.split(":"))
    with open_video(SHARED / "driving" / f"{args.driver}.mp4") as video:
        fps = video.fps
        frames = [f for _, f in zip(range(end), video.frames())]
    track = track_frames(iter(frames), fps)
    motion = extract_motion(track)
    span = range(first, end)
    print(f"bench/driver_teeth.py --portraits {args.portraits} --driver {args.driver} --frames {args.frames}; "
          f"{platform.node()} {platform.machine()}, {date.today()}")
    print("| portrait | frames read | source repeated dull / grey (max) | engine dull / grey (max) |"
          " driver's own dull / grey (max) |")
    print("|---|---|---|---|---|")
    own = _figures([frames[i] for i in span], [track.landmarks[i] for i in span])
    wanted = args.portraits.split(",")
    for name, photo in portraits():
        if name not in wanted:
            continue
        image, lm = at_size(photo)
        targets = retarget(lm, motion, RetargetOptions().for_engine("mesh"))
        animator = MeshAnimator(image, lm, MeshOptions().with_limits(RetargetOptions().for_engine("mesh")))
        shown = [targets[i] for i in span]
        out = [animator.render(targets[i], driver=DriverFrame(frames[i], track.landmarks[i])) for i in span]
        print(f"| {name} | {sum(teeth_band_reads(t) for t in shown)} of {len(shown)} |"
              f" {_figures([image] * len(shown), shown)} | {_figures(out, shown)} | {own} |")


if __name__ == "__main__":
    main()
