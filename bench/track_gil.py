"""The tracker's wall time per frame alone and beside one busy Python thread: how much of the track stage's time
goes to waiting for the GIL (issue #9 speed; the streamed pass's track stage, engines/mesh/stream_video.py).

Usage: python bench/track_gil.py [--frames 200] [--repeat 2] [--switch-interval 0.005]
`FaceTracker` (mediapipe's face mesh, video mode) on lp_d3's frames resized to 512x512 (decoded once, in memory),
first alone, then while another thread runs pure Python (a counting loop that never lets go of the GIL but when
CPython's switch interval makes it). The tracker's own thread CPU is the same both ways; its wall time beside the
busy thread less alone is what its hand-overs cost: each frame it lets go of the GIL and takes it back several
times (the crop's `cv2.warpAffine`, mediapipe's `add_packet_to_input_stream` and `wait_until_idle`, and the
graph's output callback, which takes the GIL on a mediapipe thread), and each take-back waits up to one switch
interval while a Python thread runs. In the streamed pass the map stage (mostly Python) plays the busy thread.
On a loaded machine both walls include the other sessions' work: compare the runs of one call.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import threading
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from encoder_presets import frames_512  # noqa: E402

from facereel.face.tracking import FaceTracker  # noqa: E402


def track(frames: list[np.ndarray], busy: bool) -> tuple[float, float]:
    """(wall ms, the tracking thread's CPU ms) per frame of tracking `frames`, with a busy Python thread beside
    it when `busy`."""
    stop = threading.Event()

    def spin() -> None:
        count = 0
        while not stop.is_set():
            count += 1

    spinner = threading.Thread(target=spin, daemon=True)
    with FaceTracker() as tracker:
        tracker(frames[0])  # the graph started and the face found before the clock
        if busy:
            spinner.start()
        t0, c0 = time.perf_counter(), time.thread_time()
        for frame in frames[1:]:
            tracker(frame)
        wall, cpu = time.perf_counter() - t0, time.thread_time() - c0
    stop.set()
    if busy:
        spinner.join()
    n = len(frames) - 1
    return 1e3 * wall / n, 1e3 * cpu / n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=2, help="runs of each, taking turns")
    parser.add_argument("--switch-interval", type=float, default=sys.getswitchinterval(),
                        help="sys.setswitchinterval for the runs, s (CPython's default 0.005)")
    args = parser.parse_args()
    sys.setswitchinterval(args.switch_interval)
    frames = frames_512(args.frames)
    print(f"{platform.machine()}, {os.cpu_count()} cores, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
          f"load average {os.getloadavg()[0]:.1f} at start; {len(frames)} frames of lp_d3 at 512x512; "
          f"switch interval {1e3 * args.switch_interval:g} ms\n")
    print("| run (load) | alone: wall ms/frame | its thread CPU | beside a busy Python thread: wall ms/frame | "
          "its thread CPU |")
    print("|---|---|---|---|---|")
    for k in range(args.repeat):
        load = os.getloadavg()[0]
        alone, busy = track(frames, False), track(frames, True)
        print(f"| {k + 1} ({load:.1f}) | {alone[0]:.1f} | {alone[1]:.2f} | {busy[0]:.1f} | {busy[1]:.2f} |")
    print(f"\nload average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
