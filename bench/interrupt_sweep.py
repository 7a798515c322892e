"""Ctrl-C / SIGTERM at set times into `facereel animate` on a fresh numba cache (the manual check of
docs/security.md "Signals and leftovers": first runs import mediapipe and compile the kernels, where C code used to
swallow the interrupt). Each run: an empty NUMBA_CACHE_DIR, the signal after DELAY seconds, then its exit code,
whether its output folder holds anything, and stderr's first line. A good run ends 130 / 143 with nothing written.

    python bench/interrupt_sweep.py --delays 3 3.5 4 4.5 5 5.5 6 6.5 7 7.5 8
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from markdown_table import print_markdown_table

ROOT = Path(__file__).resolve().parents[1]
PORTRAIT = ROOT.parent / "shared" / "data" / "portraits" / "lp_s0.jpg"
# Python's own Ctrl-C handler also where this bench is started in the background (SIGINT ignored there).
ENTRY = ("import signal; signal.signal(signal.SIGINT, signal.default_int_handler); import sys; "
         "from facereel.cli.main import main; sys.exit(main(sys.argv[1:]))")


def one_run(delay: float, signum: int, scratch: Path) -> str:
    """One interrupted run: its Markdown table row."""
    cache, out = scratch / f"cache-{delay}-{signum}", scratch / f"out-{delay}-{signum}"
    cache.mkdir()
    env = {**os.environ, "NUMBA_CACHE_DIR": str(cache), "PYTHONPATH": str(ROOT / "src"), "HF_HUB_OFFLINE": "1"}
    command = [sys.executable, "-c", ENTRY, "--quiet", "animate", "-s", str(PORTRAIT), "-d", "preset:talk",
               "--size", "256", "-o", str(out / "out.mp4")]
    with subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True) as process:
        time.sleep(delay)
        process.send_signal(signum)
        err = process.stderr.read()
    written = out.is_dir() and any(out.iterdir())
    first = (err.strip().splitlines() or [""])[0][:90].replace("|", "/")
    return (f"| {delay:g} | {signal.Signals(signum).name} | {process.returncode} | {'yes' if written else 'no'} | "
            f"{'yes' if 'Traceback' in err else 'no'} | {first} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delays", type=float, nargs="+", default=[3, 4, 5, 6, 7, 8], help="seconds")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        rows = (one_run(delay, signum, Path(scratch)) for delay in args.delays
                for signum in (signal.SIGINT, signal.SIGTERM))
        print_markdown_table(["delay s", "signal", "exit", "output left", "traceback", "stderr's first line"], rows)


if __name__ == "__main__":
    main()
