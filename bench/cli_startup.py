"""Start-up cost of the `facereel` command line: CPU and wall seconds of `facereel --help` and
`facereel animate --help` in fresh processes, and the modules loaded once `build_parser()` has run.

Usage: python bench/cli_startup.py [--repeats 3] [--wandb]      (from the repository root)
With --wandb (needs wandb installed): CPU seconds of `facereel train --log-with wandb`'s imports in the order
`cli/train.py` runs them (wandb, then the training loop) and in the other order (`import wandb` after torch).
Each figure is the median over the repeats; CPU seconds are the child's user + system time (os.wait4), which a
loaded machine inflates less than wall time. Heavy = `HEAVY` (the models' libraries, the renderer's, PyAV).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
CLI = "import sys; from facereel.cli.main import main; sys.exit(main(sys.argv[1:]))"
HEAVY = ("torch", "diffusers", "transformers", "accelerate", "wandb", "cv2", "scipy", "numba", "av")
COUNT = ("import sys, json; from facereel.cli.main import build_parser; build_parser(); "
         f"print(json.dumps([len(sys.modules), sorted(m for m in {HEAVY!r} if m in sys.modules)]))")


WANDB_ORDERS = {
    "wandb, then train.loop (cli)": "from facereel.train.wandb_first import import_wandb; import_wandb(); "
                                    "import facereel.train.loop",
    "train.loop, then wandb": "import facereel.train.loop; import wandb",
}


def child_env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(SRC), "HF_HUB_OFFLINE": "1"}


def timed(argv: list[str]) -> tuple[float, float]:
    """(CPU s, wall s) of one child process running `argv` (its output discarded)."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=child_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(argv)}: exit code {proc.returncode}")
    return usage.ru_utime + usage.ru_stime, wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--wandb", action="store_true", help="also time the train command's wandb import orders")
    args = parser.parse_args()
    repeats = args.repeats
    print(f"# {platform.node()} {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC")
    print(f"# command: python bench/cli_startup.py --repeats {repeats}" + (" --wandb" if args.wandb else ""))
    for label, argv in (("facereel --help", ["--help"]), ("facereel animate --help", ["animate", "--help"])):
        runs = [timed([sys.executable, "-c", CLI, *argv]) for _ in range(repeats)]
        print(f"{label:26s} CPU {statistics.median(r[0] for r in runs):5.2f} s   "
              f"wall {statistics.median(r[1] for r in runs):5.2f} s")
    done = subprocess.run([sys.executable, "-c", COUNT], env=child_env(), capture_output=True, text=True, check=True)
    count, heavy = json.loads(done.stdout)
    print(f"{'modules after build_parser()':26s} {count}   heavy loaded: {', '.join(heavy) or 'none'}")
    if args.wandb:
        for label, code in WANDB_ORDERS.items():
            runs = [timed([sys.executable, "-c", code]) for _ in range(repeats)]
            print(f"{label:30s} CPU {statistics.median(r[0] for r in runs):5.2f} s   "
                  f"wall {statistics.median(r[1] for r in runs):5.2f} s")


if __name__ == "__main__":
    main()
