"""A fresh process's first frame with the mesh engine, per source tree (issue #9, speed): CPU seconds of
importing the engine, of setting up the portrait (`DrivenPortrait`, as `facereel animate` does), of the
first frame (map + draw) and of the numba kernels' loading from numba's cache in all of these, beside the
CPU ms per frame of the frames after it.

Case (needs ../shared/data): lp_s1 at 512x512 driven by lp_d3's first `--seconds`, tracked and retargeted
once by this tree (bench/draw_speed.py's `prepare`). Each round runs each tree in a process of its own
(PYTHONPATH at its src; the trees take turns, `--repeat` rounds, medians reported): it imports the engine,
sets the portrait up, maps and draws every frame once, timing each step with the process's CPU time
(time.process_time). "numba loads" counts the kernels' signatures numba loaded from its cache,
"numba CPU s" the CPU time inside numba's cache loads (`numba.core.caching.Cache.load_overload`, wrapped
here; it includes numba's one-off set-up of its typing and target registries at the first load). The
cache must be warm (run the bench once first: its first run in a fresh tree also compiles the kernels).
"frames": each frame's pixels against the first tree's.

Run: PYTHONPATH=src .venv/bin/python bench/first_frame.py [--seconds 2] [--repeat 3] [--trees OLD/src src]
"""

from __future__ import annotations

import functools
import hashlib
import time
from pathlib import Path

import numpy as np
from draw_speed import prepare
from tree_turns import run_bench

CASES = (("lp_s1", 512, "lp_d3"),)
COLUMNS = ("import", "setup", "first", "loads", "numba", "next")


def measure(folder: Path, count: int) -> dict[str, list]:
    """In this fresh process (the tree on PYTHONPATH): the one case's CPU seconds of `COLUMNS`' steps (CPU ms
    per frame for "next"), the number of numba's cache loads and one digest per drawn frame."""
    start = time.process_time()
    import cv2
    from numba.core import caching

    from facereel.animate.options import AnimateOptions, mesh_options
    from facereel.engines.mesh.driven import DrivenPortrait
    from facereel.engines.mesh.open_mouth.mouth_driver import DriverFrame

    imported = time.process_time() - start
    loads: list[float] = []
    load = caching.Cache.load_overload

    def timed_load(self, sig, target_context):
        begin = time.process_time()
        try:
            return load(self, sig, target_context)
        finally:
            loads.append(time.process_time() - begin)

    caching.Cache.load_overload = timed_load
    cv2.setNumThreads(1)  # as the streamed pass (`background.opencv_pool_off`)
    options = AnimateOptions()
    data = np.load(folder / "0.npz")
    image, landmarks, targets = data["image"], data["landmarks"], data["targets"]
    drivers = {int(k): DriverFrame(im, face) for k, im, face
               in zip(data["driver_at"], data["driver_images"], data["driver_faces"])}
    start = time.process_time()
    animator = DrivenPortrait(image, landmarks, options.retarget, 30.0, mesh_options(options)).animator
    setup = time.process_time() - start
    digests, times = [], []
    for k, target in enumerate(targets):
        start = time.process_time()
        frame = animator.draw(animator.map_frame(target), None, drivers.get(k))
        times.append(time.process_time() - start)
        digests.append(hashlib.sha1(frame.tobytes()).hexdigest())
    return {"import": [imported], "setup": [setup], "first": [times[0]], "loads": [len(loads)],
            "numba": [sum(loads)], "next": [1e3 * float(np.mean(times[1:]))], "digests": [digests]}


def main() -> None:
    run_bench(__doc__, __file__, functools.partial(prepare, cases=CASES), measure, len(CASES), COLUMNS,
              ("import CPU s", "setup CPU s", "first frame CPU s", "numba loads", "numba CPU s",
               "next frames CPU ms/frame"), digits=2)


if __name__ == "__main__":
    main()
