"""How long the streamed pass's map and draw stages wait for the GIL inside their own calls (Linux).

Usage: python bench/gil_wait.py [--repeat 1] [--switch-interval S]
Runs the streamed pass as `animate` does (`render_video`, pipelined; lp_s1 at 512x512 driven by lp_d3 at
512x512 as bench/animate_speed.py, else the astronaut swaying) with every `MeshAnimator.map_frame` and
`MeshAnimator.draw` call timed three ways from the calling thread's /proc/thread-self/schedstat: wall time,
time on a CPU, and time runnable but waiting for one (the machine's other work). What is left, wall less
both, the thread slept inside the call: these calls do no I/O and take no lock but the GIL, so it is the
time they waited for another stage's Python to let go of it. The machine's other work goes to the
run-queue column, but a stage holding the GIL while it waits in the run queue makes the others wait too:
on a busy machine the GIL wait is an upper bound (as bench/gil_share.py's shares). `--switch-interval`: `sys.setswitchinterval` for the run
(CPython's default 0.005 s: how long a thread waits before it asks the holder to let go).
"""

from __future__ import annotations

import argparse
import collections
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from animate_speed import issue_case  # noqa: E402

from facereel.animate.options import AnimateOptions, mesh_options  # noqa: E402
from facereel.engines.mesh.animator import MeshAnimator  # noqa: E402
from facereel.engines.mesh.stream_video import render_video  # noqa: E402
from facereel.media.writer import VideoWriter  # noqa: E402

STAGES = {"map": "map_frame", "draw": "draw"}


def _sched() -> tuple[float, float]:
    """(seconds on a CPU, seconds runnable but waiting for one) of the calling thread so far."""
    on_cpu, waiting, _ = Path("/proc/thread-self/schedstat").read_text().split()
    return int(on_cpu) / 1e9, int(waiting) / 1e9


def timed_stages(spent: dict[str, list[float]]) -> None:
    """Wrap `STAGES`' methods of MeshAnimator so each call adds [wall, on CPU, run queue] seconds to
    spent[stage]."""
    for stage, method in STAGES.items():
        inner = getattr(MeshAnimator, method)

        def timed(self, *args, _inner=inner, _stage=stage, **kwargs):
            wall, (cpu, queued) = time.perf_counter(), _sched()
            out = _inner(self, *args, **kwargs)
            cpu_end, queued_end = _sched()
            for k, value in enumerate((time.perf_counter() - wall, cpu_end - cpu, queued_end - queued)):
                spent[_stage][k] += value
            return out

        setattr(MeshAnimator, method, timed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--switch-interval", type=float, help="sys.setswitchinterval for the run, s")
    args = parser.parse_args()
    if args.switch_interval is not None:
        sys.setswitchinterval(args.switch_interval)
    spent: dict[str, list[float]] = collections.defaultdict(lambda: [0.0, 0.0, 0.0])
    timed_stages(spent)
    options = AnimateOptions()
    with issue_case(f"switch interval {1e3 * sys.getswitchinterval():.1f} ms") as (folder, _, source, driver, _):
        print("| run (load at start) | fps | process CPU ms/frame (busy) | stage | wall ms/frame | on CPU | "
              "run queue | GIL wait (the rest) |")
        print("|---|---|---|---|---|---|---|---|")
        for k in range(args.repeat):
            spent.clear()
            load = os.getloadavg()[0]
            start, cpu = time.perf_counter(), time.process_time()
            n = render_video(source.image, source.landmarks, driver,
                             lambda fps: VideoWriter(folder / "out.mp4", fps, audio_from=driver,
                                                     preset=options.encoder_preset),
                             options.retarget, mesh=mesh_options(options))
            wall, cpu = time.perf_counter() - start, time.process_time() - cpu
            for stage in STAGES:
                w, on, queued = (1e3 * value / n for value in spent[stage])
                print(f"| {k + 1} ({load:.1f}) | {n / wall:.1f} | {1e3 * cpu / n:.1f} ({cpu / wall:.2f}) | {stage} | "
                      f"{w:.1f} | {on:.1f} | {queued:.1f} | {w - on - queued:.1f} |", flush=True)
        print(f"\nload average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
