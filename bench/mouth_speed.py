"""Render cost of the mesh engine's mouth options on open-mouth frames, interleaved so load hits all alike.

Usage: python bench/mouth_speed.py [--size 512] [--frames 40] [--threads 2]
Portrait: ../shared/data/portraits/lp_s1 resized to --size; driver: lp_d18's frames 56-95 (mouth opening
wide). Each frame is rendered with the mouth off (plain warp), synthetic and driver, one after the other,
and `MeshAnimator.render` is timed; prints the median and p90 ms per option and the extra cost over off.
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from datetime import date
from pathlib import Path

import cv2
import numpy as np

from facereel.engines.mesh import MeshAnimator, MeshOptions
from facereel.engines.mesh.open_mouth.mouth import DriverFrame
from facereel.face.tracking import track_frames, track_image
from facereel.media.video import open_video
from facereel.motion.extract import extract_motion
from facereel.motion.retarget import RetargetOptions, retarget

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=512)
    parser.add_argument("--frames", type=int, default=40)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    import imageio.v3 as iio

    cv2.setNumThreads(args.threads)
    image = np.ascontiguousarray(iio.imread(next((SHARED / "portraits").glob("lp_s1.*")))[..., :3])
    image = cv2.resize(image, (args.size, args.size), interpolation=cv2.INTER_AREA)
    lm = track_image(image).landmarks[0]
    with open_video(SHARED / "driving" / "lp_d18.mp4") as video:
        frames = [f for _, f in zip(range(56 + args.frames), video.frames())]
    track = track_frames(iter(frames), 25.0)
    targets = retarget(lm, extract_motion(track), RetargetOptions().for_engine("mesh"))
    engines = {"off": MeshAnimator(image, lm, MeshOptions(mouth=False)),
               "synthetic": MeshAnimator(image, lm, MeshOptions(mouth_interior="synthetic")),
               "driver": MeshAnimator(image, lm, MeshOptions(mouth_interior="driver"))}
    times: dict[str, list[float]] = {name: [] for name in engines}
    for k in range(56, len(frames)):
        driver = DriverFrame(frames[k], track.landmarks[k])
        for name, engine in engines.items():
            start = time.perf_counter()
            engine.render(targets[k], driver=driver)
            times[name].append(1000 * (time.perf_counter() - start))
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{platform.machine()}, cv2 threads {args.threads}, {date.today()}, load average {load:.1f}, "
          f"lp_s1 {args.size}x{args.size}, lp_d18 frames 56-{len(frames) - 1}")
    print("| mouth | render ms (median) | p90 | extra over off (median) |")
    print("|---|---|---|---|")
    base = float(np.median(times["off"]))
    for name, t in times.items():
        print(f"| {name} | {np.median(t):.2f} | {np.percentile(t, 90):.2f} | {np.median(t) - base:+.2f} |")


if __name__ == "__main__":
    main()
