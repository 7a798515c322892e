"""Per-source setup of the mesh engine against one render: what video-to-video pays per source frame.

Usage: python bench/mesh_setup.py [--video lp_d18] [--frames 10]
Per frame of the first `--frames` of a ../shared/data driving video: time `MeshAnimator(frame, landmarks)`
(head mask, background plate, rings, eyes, mouth) and one `render` of its own landmarks with the mouth
opened a little (so the warp, eyes and mouth all run). Prints the medians (ms: wall, and the thread's CPU, steadier
on a loaded machine) and the machine's load.
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from facereel.engines.mesh import MeshAnimator
from facereel.face import landmark_ids as ids
from facereel.face.tracking import track_frames
from facereel.media.video import open_video

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--video", default="lp_d18")
    parser.add_argument("--frames", type=int, default=10)
    args = parser.parse_args()
    with open_video(SHARED / "driving" / f"{args.video}.mp4") as video:
        frames = [f for _, f in zip(range(args.frames), video.frames())]
        fps = video.fps
    track = track_frames(frames, fps)
    setup, render, setup_cpu, render_cpu = [], [], [], []
    for frame, landmarks in zip(frames, track.landmarks):
        target = landmarks.copy()
        target[list(ids.INNER_LOWER_LIP), 1] += 0.05 * np.ptp(landmarks[:, 1])  # mouth a little open
        start, start_cpu = time.perf_counter(), time.thread_time()
        animator = MeshAnimator(frame, landmarks)
        middle, middle_cpu = time.perf_counter(), time.thread_time()
        animator.render(target)
        end, end_cpu = time.perf_counter(), time.thread_time()
        setup.append(middle - start)
        render.append(end - middle)
        setup_cpu.append(middle_cpu - start_cpu)
        render_cpu.append(end_cpu - middle_cpu)
    print(f"{platform.machine()} {os.cpu_count()} CPUs, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, load "
          f"average {os.getloadavg()[0]:.1f}; {args.video} {frames[0].shape[1]}x{frames[0].shape[0]}, "
          f"{len(frames)} frames")
    print(f"setup (MeshAnimator per frame): median {1000 * np.median(setup):.0f} ms "
          f"(CPU {1000 * np.median(setup_cpu):.0f}); render: median {1000 * np.median(render):.0f} ms "
          f"(CPU {1000 * np.median(render_cpu):.0f})")


if __name__ == "__main__":
    main()
