"""How much of each streamed-pipeline stage's CPU time holds the GIL (engines/mesh/stream_video.py).

Usage: python bench/gil_share.py [--rate 250]      (needs py-spy: pip install 'facereel[profile]')
Runs the streamed pass (lp_s1 at 512x512 driven by lp_d3 at 512x512, as bench/animate_speed.py) in a child
process under `py-spy record --gil --threads`, which samples only the threads holding the GIL at that
moment; each stage runs on its own named thread (MainThread = "map"). A stage's GIL-held seconds (samples /
rate) beside its own CPU seconds (`render_video(cpu=...)`) give the share of its work that no other stage
can overlap; the sum of the GIL-held seconds per frame is the pipeline's floor on one interpreter (no
thread layout can make a frame take less wall time). On a loaded machine a thread that is descheduled
while holding the GIL still counts as holding it: the shares are upper bounds.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

STAGES = {"MainThread": "map", "facereel-decode": "decode", "facereel-track": "track",
          "facereel-draw": "draw", "facereel-encode": "encode"}


def child(out: Path) -> None:
    """The streamed pass once; its frame count, wall seconds and CPU seconds by stage into `out` (JSON)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from animate_speed import make_driver, sources

    from facereel.animate.options import AnimateOptions, mesh_options
    from facereel.engines.mesh.stream_video import render_video
    from facereel.media.writer import VideoWriter

    options = AnimateOptions()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        driver, what = make_driver(folder)
        _, source = sources()[0]
        cpu: dict[str, float] = {}
        start = time.perf_counter()
        def output(fps: float) -> VideoWriter:
            return VideoWriter(folder / "out.mp4", fps, audio_from=driver, preset=options.encoder_preset)

        n = render_video(source.image, source.landmarks, driver, output, options.retarget, mesh=mesh_options(options),
                         cpu=cpu)
        out.write_text(json.dumps({"frames": n, "wall": time.perf_counter() - start, "cpu": cpu, "driver": what}))


def gil_seconds(raw: Path, rate: float) -> dict[str, float]:
    """GIL-held seconds per stage from py-spy's raw output (one `thread (tid): name;frames... count` a line),
    counting only samples inside the pipeline (the main thread's inside `render_video`)."""
    held: collections.Counter[str] = collections.Counter()
    for line in raw.read_text().splitlines():
        stack, count = line.rsplit(" ", 1)
        name = stack.split(";", 1)[0].split(": ", 1)[-1]
        stage = STAGES.get(name)
        if stage is None or (stage == "map" and "render_video" not in stack):
            continue
        held[stage] += int(count)
    return {stage: held[stage] / rate for stage in STAGES.values()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=250, help="py-spy samples per second")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        child(args.child)
        return
    with tempfile.TemporaryDirectory() as tmp:
        raw, result = Path(tmp) / "raw.txt", Path(tmp) / "result.json"
        load = os.getloadavg()[0]
        spy = shutil.which("py-spy", path=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
        if spy is None:
            sys.exit("bench/gil_share.py needs py-spy: pip install 'facereel[profile]'")
        subprocess.run([spy, "record", "--gil", "--threads", "--nonblocking", "--format", "raw", "--rate",
                        str(args.rate), "-o", str(raw), "--", sys.executable, __file__, "--child", str(result)],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        run = json.loads(result.read_text())
        held = gil_seconds(raw, args.rate)
    n = run["frames"]
    print(f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, load average {load:.1f} at start, "
          f"{os.getloadavg()[0]:.1f} at the end; driver {run['driver']}, {n} frames, "
          f"{n / run['wall']:.1f} frames/s under py-spy\n")
    print("| stage | CPU ms/frame (its thread) | GIL held ms/frame | GIL share of its CPU |")
    print("|---|---|---|---|")
    for stage in STAGES.values():
        cpu, gil = 1e3 * run["cpu"].get(stage, 0.0) / n, 1e3 * held[stage] / n
        print(f"| {stage} | {cpu:.1f} | {gil:.1f} | {gil / cpu if cpu else 0:.2f} |")
    total_gil = 1e3 * sum(held.values()) / n
    print(f"| all | {1e3 * sum(run['cpu'].values()) / n:.1f} | {total_gil:.1f} "
          f"(floor: {1e3 / total_gil:.0f} frames/s) | |")


if __name__ == "__main__":
    main()
