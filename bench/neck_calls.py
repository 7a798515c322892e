"""CPU ms a call of two of the neck's draw steps, replayed on calls recorded from a real render, in several source
trees back to back, with a check that their outputs are bit-identical: the kept photo's steps moved with the neck
(`kept_photo.moved_steps`, `KeptPhoto.lay`'s calls) and where the moved head covers the neck with its hanging hair left
out (`NeckWarp.covered`, `HeadLayer._move_neck`'s calls).

Case (needs ../shared/data): lp_s1 at 512x512 driven by lp_d3 (bench/draw_speed.py's first case, prepared as it
prepares it; her hair hangs past the jaw). This tree renders it once and records the calls; each tree then replays
them in a process of its own (PYTHONPATH at its src, bench/tree_turns.py), `draw_calls.PASSES` passes over them,
timing each step's own thread CPU (time.thread_time); the trees take turns, `--repeat` rounds, medians reported.
"frames": every call's output against the first tree's, "identical" when all are bit for bit.

Run: PYTHONPATH=src .venv/bin/python bench/neck_calls.py [--seconds 4] [--repeat 3] [--trees OLD/src src]
"""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

import numpy as np
from draw_calls import CASES, PASSES
from draw_speed import prepare as prepare_draw
from draw_speed import copied, render_patched
from tree_turns import recorded_calls, run_bench, timed_passes

PARTS = ("moved steps", "covered")


def prepare(seconds: float, folder: Path) -> list[str]:
    """The case as `draw_speed.prepare` makes it (folder/0.npz), then its render in this tree with the calls of
    `moved_steps` (its arguments) and `NeckWarp.covered` (the warp's hanging hair once; each call's alpha and map)
    recorded into folder/calls.pkl; returns the case names."""
    from facereel.engines.mesh.neck_layer.neck import NeckWarp
    from facereel.engines.mesh.plate_fill import kept_photo

    names = prepare_draw(seconds, folder, CASES)
    steps: list[tuple] = []
    covers: list[tuple[np.ndarray, np.ndarray]] = []
    hanging: dict[str, np.ndarray | None] = {}
    moved_steps, covered = kept_photo.moved_steps, NeckWarp.covered

    def recorded_steps(*args):
        steps.append(copied(args))
        return moved_steps(*args)

    def recorded_cover(warp, alpha, maps):
        hanging["hair"] = warp._hanging
        covers.append((alpha.copy(), maps.copy()))
        return covered(warp, alpha, maps)

    render_patched(folder, [(kept_photo, "moved_steps", recorded_steps), (NeckWarp, "covered", recorded_cover)])
    with open(folder / "calls.pkl", "wb") as f:
        pickle.dump({"steps": steps, "covers": covers, "hanging": hanging.get("hair")}, f)
    return names


def measure(folder: Path, count: int) -> dict[str, list]:
    """In this process (the tree on PYTHONPATH): CPU ms a call of each of `PARTS` (the median of `PASSES` passes)
    and one digest per call of its output."""
    from facereel.engines.mesh.neck_layer.neck import NeckWarp
    from facereel.engines.mesh.plate_fill.kept_photo import moved_steps

    recorded = recorded_calls(folder)
    warp = object.__new__(NeckWarp)  # only its hanging hair is read
    warp._hanging = recorded["hanging"]

    def steps_pass() -> list[tuple[np.ndarray, ...]]:
        return [moved_steps(*args) for args in recorded["steps"]]

    def cover_pass() -> list[tuple[np.ndarray, ...]]:
        return [(warp.covered(alpha, maps),) for alpha, maps in recorded["covers"]]

    return timed_passes((("moved steps", steps_pass, len(recorded["steps"])),
                         ("covered", cover_pass, len(recorded["covers"]))), PASSES,
                        lambda out: hashlib.sha1(b"".join(a.dtype.str.encode() + a.tobytes() for a in out)).hexdigest())

def main() -> None:
    run_bench(__doc__, __file__, prepare, measure, 1, PARTS, ("moved steps ms/call", "covered ms/call"), 3)


if __name__ == "__main__":
    main()
