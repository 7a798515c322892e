"""The map stage's CPU time (`MeshAnimator.map_frame`, and its seam `MeshWarp._seam`) per source tree on the same
prepared frames, with a check that every frame's map and drawn pixels are the first tree's, bit for bit (issue #9's
speed, the forty-fifth session's speedmap round: the seam's double reads, `map_kernels.double_reads`).

Cases (needs ../shared/data): lp_s1 at 512x512 driven by lp_d3, sr_8 at its own size by lp_d12 (its seam ~2 x 10^5
px a frame, its far cheek's ring reads checked by `photo_cover`), lp_s1 and lp_s5 at 512x512 and sr_18 at its own
size by preset:turn, prepared as bench/draw_speed.py prepares its cases (tracked and retargeted once, by this tree) into
`--folder` (kept: a later run reuses it). Each tree runs in a process of its own (PYTHONPATH at its src, OpenCV on one
thread as in the streamed pass): it maps and draws the last case untimed (numba's kernels compiled or loaded), then
every case's frames once; times are the thread's own CPU (time.thread_time), ms per frame. The trees take turns
(`tree_turns.take_turns`), `--repeat` rounds, medians reported. "frames": each frame's map (`FrameMap`'s arrays and
its seam's, before the draw) and drawn pixels against the first tree's first run.

Run: PYTHONPATH=src .venv/bin/python bench/map_trees.py --folder DIR [--seconds 4] [--repeat 3] [--trees OLD/src src]
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import sys
import time
from pathlib import Path

import numpy as np
from draw_speed import prepare, warmed_cases
from tree_turns import add_case, header, print_table, take_turns, time_calls, tree_arguments

CASES = (("lp_s1", 512, "lp_d3"), ("sr_8", None, "lp_d12"), ("lp_s1", 512, "preset:turn"),
         ("lp_s5", 512, "preset:turn"), ("sr_18", None, "preset:turn"))
PARTS = ("map", "seam")


def _map_digest(frame_map: object) -> str:
    """sha1 of a `FrameMap`'s arrays and values and of its seam's."""
    digest = hashlib.sha1()
    seam = () if frame_map.seam is None else dataclasses.astuple(frame_map.seam)
    for value in (*seam, frame_map.seam is None,
                  *(getattr(frame_map, field.name) for field in dataclasses.fields(frame_map) if field.name != "seam")):
        for item in value if isinstance(value, tuple) else (value,):
            digest.update(item.tobytes() if isinstance(item, np.ndarray) else repr(item).encode())
    return digest.hexdigest()


def measure(folder: Path, count: int) -> dict[str, list]:
    """In this process (the tree on PYTHONPATH): per case, CPU ms per frame of each of `PARTS` and one digest per
    frame of its map and drawn pixels."""
    result: dict[str, list] = {part: [] for part in PARTS} | {"digests": []}
    for animator, drivers, targets in warmed_cases(folder, count):
        spent = dict.fromkeys(PARTS, 0.0)
        time_calls(animator.warp, "_seam", "seam", spent)
        digests = []
        for k, target in enumerate(targets):
            start = time.thread_time()
            frame_map = animator.map_frame(target)
            spent["map"] += time.thread_time() - start
            mapped = _map_digest(frame_map)  # (before the draw writes the seam's upsampled field)
            frame = animator.draw(frame_map, None, drivers.get(k))
            digests.append(hashlib.sha1(mapped.encode() + frame.tobytes()).hexdigest())
        add_case(result, spent, len(targets), digests)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=4.0, help="of each driving video")
    parser.add_argument("--folder", type=Path, help="the prepared cases, made here when absent (required)")
    tree_arguments(parser)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(Path(args.child), len(CASES))))
        sys.exit(0)
    if args.folder is None:
        parser.error("--folder is required")
    if not all((args.folder / f"{i}.npz").exists() for i in range(len(CASES))):
        args.folder.mkdir(parents=True, exist_ok=True)
        prepare(args.seconds, args.folder, CASES)
    print(header(args.trees))
    frames = [len(np.load(args.folder / f"{i}.npz")["targets"]) for i in range(len(CASES))]
    runs = take_turns(__file__, str(args.folder), args.trees, args.repeat)
    names = [f"{name}{'' if size is None else f' {size}'} x {driver}" for name, size, driver in CASES]
    print_table(names, frames, args.trees, runs, PARTS, ("map CPU ms/frame", "of which the seam"), 2)


if __name__ == "__main__":
    main()
