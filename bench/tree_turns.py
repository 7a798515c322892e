"""Source trees compared on the same prepared inputs (bench/map_speed.py, bench/draw_speed.py): each tree
measured in a process of its own (PYTHONPATH at its src), the trees taking turns, first to last and then
last to first, so a change in the machine's load falls on all of them alike. A bench gives `compare_trees`
its `prepare(seconds, folder) -> case names` (folder/<i>.npz per case, with its "targets", one a frame) and
its `measure(folder, count) -> dict` (run in each tree: per case lists, "digests" one list per case)."""

from __future__ import annotations

import argparse
import json
import os
import pickle
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from markdown_table import print_markdown_table


def tree_arguments(parser: argparse.ArgumentParser) -> None:
    """Add --repeat, --trees and the hidden --child (a folder of prepared inputs: measure, print JSON)."""
    parser.add_argument("--repeat", type=int, default=3, help="rounds (the trees take turns)")
    parser.add_argument("--trees", nargs="+", default=[str(Path(__file__).resolve().parents[1] / "src")],
                        help="source folders to compare (default: this tree's src)")
    parser.add_argument("--child", help=argparse.SUPPRESS)


def header(trees: list[str]) -> str:
    """The bench's first line: machine, cores, date, load and the trees."""
    return (f"{platform.machine()}, {os.cpu_count()} cores, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
            f"load {os.getloadavg()[0]:.1f}; trees: {', '.join(trees)}\n")


def take_turns(script: str, folder: str, trees: list[str], repeat: int) -> list[list[dict]]:
    """Per tree, the JSON each of its `repeat` runs of `script --child folder` printed last."""
    runs: list[list[dict]] = [[] for _ in trees]
    for round_ in range(repeat):
        turn = range(len(trees)) if round_ % 2 == 0 else reversed(range(len(trees)))
        for t in turn:
            env = dict(os.environ, PYTHONPATH=trees[t])
            done = subprocess.run([sys.executable, script, "--child", folder], env=env, check=True,
                                  capture_output=True, text=True)
            runs[t].append(json.loads(done.stdout.strip().splitlines()[-1]))
    return runs


def compare_trees(doc: str, script: str, prepare: Callable[[float, Path], list[str]],
                  measure: Callable[[Path, int], dict], count: int
                  ) -> tuple[list[str], list[int], list[str], list[list[dict]]]:
    """A bench's `main` up to its table: parse --seconds, --repeat and --trees; as a --child, print
    `measure`'s JSON and exit; else print the header, prepare the cases in a temporary folder and run
    `script` there in every tree by turns: (case names, frames per case, trees, runs per tree)."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=4.0, help="of each driving video")
    tree_arguments(parser)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(Path(args.child), count)))
        sys.exit(0)
    print(header(args.trees))
    with tempfile.TemporaryDirectory() as tmp:
        names = prepare(args.seconds, Path(tmp))
        frames = [len(np.load(Path(tmp) / f"{i}.npz")["targets"]) for i in range(len(names))]
        runs = take_turns(script, tmp, args.trees, args.repeat)
    return names, frames, args.trees, runs


def same_frames(runs: list[list[dict]], t: int, case: int) -> str:
    """"identical" when every run of tree `t` has case `case`'s digests of the first tree's first run."""
    return "identical" if all(run["digests"][case] == runs[0][0]["digests"][case] for run in runs[t]) else "differ"


def run_bench(doc: str, script: str, prepare: Callable[[float, Path], list[str]], measure: Callable[[Path, int], dict],
              count: int, columns: tuple[str, ...], titles: tuple[str, ...], digits: int = 1) -> None:
    """A tree-comparing bench's whole `main`: `compare_trees`, then `print_table` of `columns` headed `titles`."""
    names, frames, trees, runs = compare_trees(doc, script, prepare, measure, count)
    print_table(names, frames, trees, runs, columns, titles, digits)


def time_calls(owner: object, method: str, part: str, spent: dict[str, float]) -> None:
    """Replace `owner`'s `method` (a class's or an instance's) by a wrapper adding each call's CPU seconds on
    the calling thread (time.thread_time) to spent[part]."""
    inner = getattr(owner, method)

    def timed(*args, **kwargs):
        start = time.thread_time()
        out = inner(*args, **kwargs)
        spent[part] += time.thread_time() - start
        return out

    setattr(owner, method, timed)


def recorded_calls(folder: Path) -> dict:
    """What a replaying bench's `prepare` pickled in folder/calls.pkl, with OpenCV set to one thread (as the streamed
    pass runs it)."""
    import cv2

    cv2.setNumThreads(1)
    with open(folder / "calls.pkl", "rb") as f:
        return pickle.load(f)


def timed_passes(parts: Sequence[tuple[str, Callable[[], Sequence], int]], passes: int, digest: Callable[[object], str],
                 before_pass: Callable[[], None] = lambda: None) -> dict[str, list]:
    """A replaying bench's `measure` result (one case): for each (part, one_pass, calls) the CPU ms a call of
    `one_pass` (time.thread_time, the median of `passes` passes, `before_pass` run untimed before each) and, as the
    case's one "digests" list, `digest` of each output of every part's last pass."""
    result: dict[str, list] = {part: [] for part, _, _ in parts} | {"digests": []}
    digests = []
    for part, one_pass, calls in parts:
        spent = []
        for _ in range(passes):
            before_pass()
            start = time.thread_time()
            outputs = one_pass()
            spent.append(time.thread_time() - start)
        result[part].append(1e3 * float(np.median(spent)) / max(calls, 1))
        digests += [digest(out) for out in outputs]
    result["digests"].append(digests)
    return result


def add_case(result: dict[str, list], spent: dict[str, float], frames: int, digests: list[str]) -> None:
    """Append one case to `measure`'s result: each of `spent`'s CPU seconds as ms per frame, and its frames'
    digests."""
    for key, seconds in spent.items():
        result[key].append(1e3 * seconds / frames)
    result["digests"].append(digests)


def print_table(names: list[str], frames: list[int], trees: list[str], runs: list[list[dict]],
                columns: tuple[str, ...], titles: tuple[str, ...], digits: int) -> None:
    """The bench's table: per case and tree, the median over its runs of each of `columns` (headed `titles`)
    with `digits` decimals and whether its frames are the first tree's (`same_frames`, headed `frames`);
    then the load and the number of rounds."""
    def row(i: int, t: int) -> str:
        median = {key: float(np.median([run[key][i] for run in runs[t]])) for key in columns}
        return (f"| {names[i]} | {frames[i]} | {trees[t]} | " + " | ".join(f"{median[key]:.{digits}f}" for key in columns)
                + f" | {same_frames(runs, t, i)} |")

    print_markdown_table(["portrait x driver", "frames", "tree", *titles, "frames"],
                         (row(i, t) for i in range(len(names)) for t in range(len(trees))))
    print(f"\nload {os.getloadavg()[0]:.1f} at the end; medians of {len(runs[0])} rounds")
