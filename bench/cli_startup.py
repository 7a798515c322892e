"""Start-up cost of the `facereel` command line: CPU and wall seconds of `facereel --help` and
`facereel animate --help` in fresh processes, and the modules loaded once `build_parser()` has run.

Usage: python bench/cli_startup.py [--repeats 3]      (from the repository root; PYTHONPATH=src)
Each figure is the median over the repeats; CPU seconds are the child's user + system time (os.wait4), which a
loaded machine inflates less than wall time. Heavy = torch, diffusers, transformers, accelerate, wandb.
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
COUNT = ("import sys, json; from facereel.cli.main import build_parser; build_parser(); "
         "print(json.dumps([len(sys.modules), sorted(m for m in ('torch', 'diffusers', 'transformers', "
         "'accelerate', 'wandb') if m in sys.modules)]))")


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
    repeats = parser.parse_args().repeats
    print(f"# {platform.node()} {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC")
    print(f"# command: python bench/cli_startup.py --repeats {repeats}")
    for label, args in (("facereel --help", ["--help"]), ("facereel animate --help", ["animate", "--help"])):
        runs = [timed([sys.executable, "-c", CLI, *args]) for _ in range(repeats)]
        print(f"{label:26s} CPU {statistics.median(r[0] for r in runs):5.2f} s   "
              f"wall {statistics.median(r[1] for r in runs):5.2f} s")
    done = subprocess.run([sys.executable, "-c", COUNT], env=child_env(), capture_output=True, text=True, check=True)
    count, heavy = json.loads(done.stdout)
    print(f"{'modules after build_parser()':26s} {count}   heavy loaded: {', '.join(heavy) or 'none'}")


if __name__ == "__main__":
    main()
