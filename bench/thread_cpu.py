"""CPU ms per frame of every thread of `facereel animate`'s streamed pass (mesh engine), from /proc (Linux).

Usage: python bench/thread_cpu.py [--repeat 3] [--preset veryfast] [--cv-threads N]
Runs the streamed pass as `animate` does (`render_video`, pipelined; lp_s1 at 512x512 driven by lp_d3 at
512x512, as bench/animate_speed.py, else the astronaut swaying) and reads every OS thread's user + system CPU
time from /proc/self/task/*/stat every 0.25 s, so each thread's total is known even after it ended. Threads:
the five stages by their Python names (the stage's own CPU: decode, track + retarget, map = the caller,
draw, encode; the caller's time before its first frame, making the animator, is "setup"); mediapipe's graph threads (named "mediapipe/..."); FFmpeg's decoder threads ("av:..."); of
the unnamed native threads, those that end with the pass (x264's workers: the encoder is closed; also the
FFmpeg helpers the audio muxer starts and ends) and those that outlive it ("outliving": OpenCV's pool when it
is on; else numpy's and scipy's OpenBLAS servers, idle here; seen with gdb's `thread apply all bt`). The
process's system CPU ("sys", in the total: the kernel's share, context switches and futex waits among it)
and its context switches per frame (voluntary: a thread slept, on a queue, the GIL or a condition;
involuntary: preempted) come from getrusage. `--cv-threads N`: `MeshOptions.cv_threads` (cv2.setNumThreads(N) for the
pass; without it the pass turns OpenCV's pool off itself since `background.opencv_pool_off`, and an
older tree keeps OpenCV's default); `--preset` is the x264 preset. Process CPU / wall = how busy the cores were (2.0 = both, the whole time).
"""

from __future__ import annotations

import argparse
import collections
import os
import resource
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from animate_speed import issue_case  # noqa: E402

from facereel.animate.options import AnimateOptions, mesh_options  # noqa: E402
from facereel.engines.mesh.stream_video import render_video  # noqa: E402
from facereel.media.writer import VideoWriter  # noqa: E402

GROUPS = ("setup", "decode", "av decoder", "track", "mediapipe", "map", "draw", "outliving", "encode", "x264 workers")
_EVERY = 0.25  # s between two reads of /proc (a thread's CPU after the last read before it ends is lost)
_TICK = os.sysconf("SC_CLK_TCK")


def thread_times() -> dict[int, tuple[str, float]]:
    """{tid: (name, CPU seconds)} of this process's live threads."""
    out = {}
    for tid in os.listdir("/proc/self/task"):
        try:
            name = Path(f"/proc/self/task/{tid}/comm").read_text().strip()
            fields = Path(f"/proc/self/task/{tid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # ended between listdir and read
            continue
        out[int(tid)] = (name, (int(fields[11]) + int(fields[12])) / _TICK)
    return out


def one_pass(source, driver: Path, folder: Path, preset: str, cv_threads: int | None
             ) -> tuple[int, float, float, dict[str, float], tuple[float, int, int]]:
    """(frames, wall s, process CPU s, {group: CPU s}, (system CPU s, voluntary, involuntary context
    switches)) of one streamed pass."""
    options = AnimateOptions()
    mesh = replace(mesh_options(options), cv_threads=cv_threads)
    before = thread_times()
    last: dict[int, tuple[str, float]] = {}
    stages: dict[int, str] = {threading.get_native_id(): "map"}
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            last.update(thread_times())
            for thread in threading.enumerate():
                if thread.name.startswith("facereel-") and thread.native_id is not None:
                    stages[thread.native_id] = thread.name.removeprefix("facereel-")
            time.sleep(_EVERY)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    t0, c0, r0 = time.perf_counter(), time.process_time(), resource.getrusage(resource.RUSAGE_SELF)
    cpu_by_stage: dict[str, float] = {}
    n = render_video(source.image, source.landmarks, driver,
                     lambda fps: VideoWriter(folder / "out.mp4", fps, audio_from=driver, preset=preset),
                     options.retarget, mesh=mesh, cpu=cpu_by_stage)
    wall, cpu, r1 = time.perf_counter() - t0, time.process_time() - c0, resource.getrusage(resource.RUSAGE_SELF)
    done.set()
    watcher.join()
    alive = thread_times()
    last.update(alive)
    groups: collections.Counter[str] = collections.Counter()
    for tid, (name, seconds) in last.items():
        spent = seconds - before.get(tid, (name, 0.0))[1]
        if tid == watcher.native_id:  # the bench's own reads: not the pass's
            cpu -= spent
            continue
        if spent <= 0:
            continue
        if stages.get(tid) == "map":  # the caller: its time before the first frame is the setup
            groups["setup"] += spent - cpu_by_stage["map"]
            spent = cpu_by_stage["map"]
        if tid in stages:
            group = stages[tid]
        elif name.startswith("mediapipe"):
            group = "mediapipe"
        elif name.startswith("av:"):
            group = "av decoder"
        else:
            group = "outliving" if tid in alive else "x264 workers"
        groups[group] += spent
    return n, wall, cpu, dict(groups), (r1.ru_stime - r0.ru_stime, r1.ru_nvcsw - r0.ru_nvcsw,
                                        r1.ru_nivcsw - r0.ru_nivcsw)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--preset", default=AnimateOptions().encoder_preset, help="x264 preset")
    parser.add_argument("--cv-threads", type=int, help="MeshOptions.cv_threads (cv2.setNumThreads for the pass)")
    args = parser.parse_args()
    with issue_case(f"x264 {args.preset}; OpenCV threads {args.cv_threads or 'as the pass sets them'}") as (
            folder, _, source, driver, _):
        print("| run (load at start) | fps | process CPU ms/frame (busy) | sys | switches/frame (vol, invol) | "
              + " | ".join(GROUPS) + " | other |")
        print("|---" * (len(GROUPS) + 6) + "|")
        for k in range(args.repeat):
            load = os.getloadavg()[0]
            n, wall, cpu, groups, (system, voluntary, involuntary) = one_pass(source, driver, folder, args.preset,
                                                                               args.cv_threads)
            other = cpu - sum(groups.values())
            print(f"| {k + 1} ({load:.1f}) | {n / wall:.1f} | {1e3 * cpu / n:.1f} ({cpu / wall:.2f}) | "
                  f"{1e3 * system / n:.1f} | {voluntary / n:.0f}, {involuntary / n:.0f} | "
                  + " | ".join(f"{1e3 * groups.get(g, 0.0) / n:.1f}" for g in GROUPS) + f" | {1e3 * other / n:.1f} |",
                  flush=True)
        print(f"\nload average {os.getloadavg()[0]:.1f} at the end; CPU ms per frame of each thread group "
              "(/proc, 10 ms ticks); other: the process total less the groups (threads started and ended "
              "between two reads, CPU after a thread's last read)")


if __name__ == "__main__":
    main()
