"""CPU time of the map stage's seam (`MeshWarp._seam`: the jump cells, the cells around them, their pixels'
exact maps, the exact-vs-bilinear agreement, the jump's samples) and of the stages around it, per source tree,
on the same prepared frames, with a check that the trees' frames are bit-identical (issue #9's speed, the
sixteenth session's seamcost round: the cells around the jump cells made cheaper).

Cases (needs ../shared/data): lp_s1 at 512x512 driven by lp_d3 and by lp_d12, grace_hopper at 512x512 by
preset:turn, lp_s0 at 512x512 (its coarse grid every crop pixel, seamed since the seventeenth session's s0seam
round) by preset:turn and by lp_d12, prepared as bench/draw_speed.py prepares its cases (tracked and retargeted once, by this tree).
Each tree runs in a process of its own (PYTHONPATH at its src, OpenCV on one thread as in the streamed pass):
it maps and draws the last case untimed (numba's kernels compiled or loaded), then every case's frames once;
times are the thread's own CPU (time.thread_time), ms per frame: the map (`MeshAnimator.map_frame`) and draw (`MeshAnimator.draw`) stages,
the mesh's displacement (`MeshWarp.displacement`) and its seam (`MeshWarp._seam`). The trees take turns,
`--repeat` rounds, medians reported. "frames": each frame's pixels against the first tree's, "identical"
when every frame is bit for bit.

Run: PYTHONPATH=src .venv/bin/python bench/seam_cost.py [--seconds 10] [--repeat 3] [--trees OLD/src src]
"""

from __future__ import annotations

import functools
import hashlib
import time
from pathlib import Path

from draw_speed import prepare, warmed_cases
from tree_turns import add_case, run_bench, time_calls

CASES = (("lp_s1", 512, "lp_d3"), ("lp_s1", 512, "lp_d12"), ("grace_hopper", 512, "preset:turn"),
         ("lp_s0", 512, "preset:turn"), ("lp_s0", 512, "lp_d12"))
PARTS = ("map", "draw", "displacement", "seam")


def measure(folder: Path, count: int) -> dict[str, list]:
    """In this process (the tree on PYTHONPATH): per case, CPU ms per frame of each of `PARTS` and one digest
    per drawn frame."""
    result: dict[str, list] = {part: [] for part in PARTS} | {"digests": []}
    for animator, drivers, targets in warmed_cases(folder, count):
        spent = dict.fromkeys(PARTS, 0.0)
        time_calls(animator.warp, "displacement", "displacement", spent)
        time_calls(animator.warp, "_seam", "seam", spent)
        digests = []
        for k, target in enumerate(targets):
            start = time.thread_time()
            frame_map = animator.map_frame(target)
            mapped = time.thread_time()
            frame = animator.draw(frame_map, None, drivers.get(k))
            spent["map"] += mapped - start
            spent["draw"] += time.thread_time() - mapped
            digests.append(hashlib.sha1(frame.tobytes()).hexdigest())
        add_case(result, spent, len(targets), digests)
    return result


def main() -> None:
    run_bench(__doc__, __file__, functools.partial(prepare, cases=CASES), measure, len(CASES), PARTS,
              ("map CPU ms/frame", "draw CPU ms/frame", "mesh displacement", "of which the seam"), 2)


if __name__ == "__main__":
    main()
