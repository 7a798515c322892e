"""Per-test cost of test files at two commits, measured side by side: CPU seconds (this process plus the
subprocesses it waited for, setup + call + teardown) and wall seconds of each test.

CPU seconds hardly move with the machine's load, wall seconds do: on a shared machine compare CPU. The tests of
REF are taken from `git archive REF tests` into a scratch folder and run against this checkout's sources, at the
same time as this checkout's tests (both see the same load). Prints a Markdown table. With `--ref-sources` the
tests of REF run against REF's own sources (for a change in src/ that the tests exercise, such as a cheaper plot).
A row "(outside the tests: ...)" holds the rest of each pytest process (start-up, conftests' hooks, collection):
the total row is the whole process.

Run: .venv/bin/python bench/suite_time.py --ref HEAD~3 tests/train/test_training.py tests/eval
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import resource
import subprocess
import sys
import tarfile
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
START = time.perf_counter()
OUTSIDE = "(outside the tests: start-up, conftests, pytest_configure, collection)"


def _cpu_seconds() -> float:
    """User + system seconds of this process and of its waited-for children."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


class CostPlugin:
    """pytest plugin: {nodeid: [cpu s, wall s, outcome]} per test, written as JSON at the end of the session."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.costs: dict[str, list] = {}

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_protocol(self, item, nextitem):  # noqa: ANN001 (pytest hook)
        cpu, wall = _cpu_seconds(), time.perf_counter()
        self.costs[item.nodeid] = [0.0, 0.0, "passed"]
        yield
        self.costs[item.nodeid][:2] = [_cpu_seconds() - cpu, time.perf_counter() - wall]

    def pytest_runtest_logreport(self, report) -> None:  # noqa: ANN001 (pytest hook)
        if report.failed and report.nodeid in self.costs:
            self.costs[report.nodeid][2] = "failed"

    def pytest_sessionfinish(self) -> None:
        cpu = _cpu_seconds() - sum(cost[0] for cost in self.costs.values())
        self.costs[OUTSIDE] = [cpu, time.perf_counter() - START - sum(cost[1] for cost in self.costs.values()), "passed"]
        self.out.write_text(json.dumps(self.costs))


def run_tests(out: Path, files: list[str]) -> int:
    """Inside the child process: pytest over `files` (cwd = the tests' root) with `CostPlugin`."""
    return int(pytest.main(["-q", "-p", "no:cacheprovider", *files], plugins=[CostPlugin(out)]))


def _start(root: Path, files: list[str], out: Path, sources: Path) -> subprocess.Popen:
    """This script's `--child` in `root` (its tests), with `sources` (a src/ folder) first on the path."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(sources), os.environ.get("PYTHONPATH", "")]),
           "HF_HUB_OFFLINE": "1", "GLOG_minloglevel": "2", "TF_CPP_MIN_LOG_LEVEL": "3"}
    return subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--child", str(out), *files], cwd=root,
                            env=env, stdout=subprocess.DEVNULL)


def _tests_at(ref: str, scratch: Path, sources: bool) -> Path:
    """`tests/`, `configs/` and pyproject.toml (and `src/` if `sources`) of `ref` under `scratch/<checkout name>/`
    (so `../shared` resolves as from this checkout)."""
    root = scratch / ROOT.name
    root.mkdir()
    paths = ["tests", "configs", "pyproject.toml", *(["src"] if sources else [])]
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref, *paths], check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(root, filter="data")
    shared = ROOT.parent / "shared"
    if shared.exists():
        (scratch / "shared").symlink_to(shared)
    return root


def table(before: dict[str, list], after: dict[str, list]) -> str:
    """Markdown: one row per test (most CPU before first), then the totals."""
    lines = ["| test | CPU s before | CPU s after | wall s before | wall s after |", "|---|---|---|---|---|"]
    names = sorted(set(before) | set(after), key=lambda n: -max(before.get(n, [0])[0], after.get(n, [0])[0]))

    def cell(cost: list | None, i: int) -> str:
        return "–" if cost is None else f"{cost[i]:.1f}" + ("" if cost[2] == "passed" else " FAILED")

    for name in names:
        b, a = before.get(name), after.get(name)
        lines.append(f"| {name} | {cell(b, 0)} | {cell(a, 0)} | {cell(b, 1)} | {cell(a, 1)} |")
    total = [sum(v[i] for v in d.values()) for d in (before, after) for i in (0, 1)]
    lines.append(f"| **total** | {total[0]:.1f} | {total[2]:.1f} | {total[1]:.1f} | {total[3]:.1f} |")
    return "\n".join(lines)


def main() -> int:
    if sys.argv[1:2] == ["--child"]:
        return run_tests(Path(sys.argv[2]), sys.argv[3:])
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ref", required=True, help="the commit to compare with (its tests, these sources)")
    parser.add_argument("--ref-sources", action="store_true",
                        help="run REF's tests against REF's sources (default: this checkout's sources for both)")
    parser.add_argument("files", nargs="+", help="test files or folders, relative to the checkout")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        old = _tests_at(args.ref, scratch, args.ref_sources)
        runs = {"before": (old, scratch / "before.json"), "after": (ROOT, scratch / "after.json")}
        procs = [_start(root, args.files, out, (root if args.ref_sources else ROOT) / "src")
                 for root, out in runs.values()]
        codes = [p.wait() for p in procs]
        before, after = (json.loads(out.read_text()) for _, out in runs.values())
    print(f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, {platform.node()}, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f}; pytest exit codes before/after {codes}; "
          f"{' '.join(sys.argv[1:])}")
    print(table(before, after))
    return 0 if codes == [0, 0] else 1


if __name__ == "__main__":
    sys.exit(main())
