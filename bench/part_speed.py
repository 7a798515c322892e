"""CPU time of the render's parts the speed7 round (issue #9) made faster, per source tree, on the same
prepared frames, with a check that the trees' frames are bit-identical.

Parts: the map stage (`MeshAnimator.map_frame`) and in it the mesh's target vertices
(`MeshAnimator._target_vertices`: the skull shell's pose `shell_pose`, the hanging hair's swing
`hanging_swing`, the rings); the draw stage (`MeshAnimator.draw`) and in it the closing lid
(`EyeRenderer._cover`) and the driver's mouth interior (`mouth_driver.driver_interior`: its colour match).
Cases (needs ../shared/data): lp_s1 at 512x512 driven by lp_d3 (issue #9's case: blinks, a wink, talking) and by
preset:turn and preset:blink, prepared as bench/draw_speed.py prepares its cases (tracked and retargeted
once, by this tree). Each tree runs in a process of its own (PYTHONPATH at its src, OpenCV on one thread as
in the streamed pass), maps and draws every frame once untimed (caches, compiled kernels) and then again
timed; times are the thread's own CPU (time.thread_time); the trees take turns, `--repeat` rounds, medians
reported. "frames": each frame's pixels against the first tree's, "identical" when every frame is bit for bit.

Run: PYTHONPATH=src .venv/bin/python bench/part_speed.py [--seconds 5] [--repeat 3] [--trees OLD/src src]
"""

from __future__ import annotations

import functools
import hashlib
import os
import time
from pathlib import Path

import numpy as np
from draw_speed import prepare
from tree_turns import add_case, compare_trees, same_frames

CASES = (("lp_s1", 512, "lp_d3"), ("lp_s1", 512, "preset:turn"), ("lp_s1", 512, "preset:blink"))
PARTS = ("map", "vertices", "draw", "lid", "mouth")
CALLS = ("lid calls", "mouth calls")


def measure(folder: Path, count: int) -> dict[str, list]:
    """In this process (the tree on PYTHONPATH): per case, CPU ms per frame of each of `PARTS`, the calls per
    frame of the lid and the mouth interior, and one digest per drawn frame."""
    import cv2

    from facereel.animate.options import AnimateOptions, mesh_options
    from facereel.engines.mesh import mouth
    from facereel.engines.mesh.animator import MeshAnimator
    from facereel.engines.mesh.driven import DrivenPortrait
    from facereel.engines.mesh.eyes import EyeRenderer
    from facereel.engines.mesh.mouth_driver import DriverFrame

    cv2.setNumThreads(1)  # as the streamed pass (`background.opencv_pool_off`)
    options = AnimateOptions()
    spent = dict.fromkeys(PARTS, 0.0)
    calls = dict.fromkeys(PARTS, 0)
    timing = [False]
    for owner, name, part in ((MeshAnimator, "_target_vertices", "vertices"), (EyeRenderer, "_cover", "lid"),
                              (mouth, "driver_interior", "mouth")):
        def timed(*args, _inner=getattr(owner, name), _part=part, **kwargs):
            start = time.thread_time()
            out = _inner(*args, **kwargs)
            if timing[0]:
                spent[_part] += time.thread_time() - start
                calls[_part] += 1
            return out

        setattr(owner, name, timed)
    result: dict[str, list] = {key: [] for key in PARTS + CALLS} | {"digests": []}
    for i in range(count):
        data = np.load(folder / f"{i}.npz")
        animator = DrivenPortrait(data["image"], data["landmarks"], options.retarget, 30.0,
                                  mesh_options(options)).animator
        drivers = {int(k): DriverFrame(image, face) for k, image, face
                   in zip(data["driver_at"], data["driver_images"], data["driver_faces"])}
        spent.update(dict.fromkeys(PARTS, 0.0))
        calls.update(dict.fromkeys(PARTS, 0))
        digests = []
        for timed_pass in (False, True):
            timing[0] = timed_pass
            for k, target in enumerate(data["targets"]):
                start = time.thread_time()
                frame_map = animator.map_frame(target)
                mapped = time.thread_time()
                frame = animator.draw(frame_map, None, drivers.get(k))
                if timed_pass:
                    spent["map"] += mapped - start
                    spent["draw"] += time.thread_time() - mapped
                    digests.append(hashlib.sha1(frame.tobytes()).hexdigest())
        frames = len(data["targets"])
        add_case(result, spent, frames, digests)
        for key in CALLS:
            result[key].append(calls[key.removesuffix(" calls")] / frames)
    return result


def main() -> None:
    names, frames, trees, runs = compare_trees(__doc__, __file__, functools.partial(prepare, cases=CASES), measure,
                                               len(CASES))
    print("| portrait x driver | frames | tree | map CPU ms/frame | of which vertices | draw CPU ms/frame | "
          "of which closing lid | mouth interior | lid calls/frame | mouth calls/frame | frames |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for i, name in enumerate(names):
        for t, tree in enumerate(trees):
            median = {key: float(np.median([run[key][i] for run in runs[t]])) for key in PARTS + CALLS}
            print(f"| {name} | {frames[i]} | {tree} | " + " | ".join(f"{median[key]:.2f}" for key in PARTS + CALLS)
                  + f" | {same_frames(runs, t, i)} |", flush=True)
    print(f"\nload {os.getloadavg()[0]:.1f} at the end; medians of {len(runs[0])} rounds")


if __name__ == "__main__":
    main()
