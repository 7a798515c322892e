"""CPU ms per frame of the mesh engine's map stage (`MeshAnimator.map_frame`), of its coarse map
(`MeshWarp.displacement`) and of the seam redraw inside it (`MeshWarp._seam`) on real portraits driven by real
drivers, as `facereel animate` retargets them; optionally several source trees back to back on the same
targets, with a check that their maps are bit-identical.

Cases (needs ../shared/data): lp_s1 at 512x512 driven by lp_d3 (as bench/thread_cpu.py, issue #9's case),
sr_8 (1280x720, small face) driven by lp_d18 (wide-open mouth) and lp_d12, lp_s5 (half-body painting) driven
by lp_d12, lp_s1 by preset:turn (45 deg turns). Each tree runs in a process of its own (PYTHONPATH at its
src) on the same retargeted landmarks (tracked once, by this tree); its CPU time is the map thread's own
(time.thread_time), steadier than wall time on a loaded machine; the trees take turns, `--repeat` rounds,
medians reported. "maps" compares each frame's full-size displacement (`MeshWarp.full_size` of the coarse
map and its seam) and moving box with the first tree's: "identical" when every frame is bit for bit. Each case's first `WARM` frames are mapped once
untimed before the timed pass: the per-frame figures leave out one-off costs (the compiled map kernels'
load from numba's cache, ~0.3 s CPU in a process, each kernel loaded when a frame first needs it;
docs/benchmarks.md "Compiled map kernels", "The rasteriser compiled").

Run: PYTHONPATH=src .venv/bin/python bench/map_speed.py [--seconds 4] [--repeat 3] [--trees OLD/src src]
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import numpy as np
from tree_turns import add_case, run_bench

CASES = (("lp_s1", 512, "lp_d3"), ("sr_8", None, "lp_d18"), ("sr_8", None, "lp_d12"), ("lp_s5", None, "lp_d12"),
         ("lp_s1", None, "preset:turn"))  # portrait, square size (None: as it is), driver
STAGES = ("map", "displacement", "seam")
WARM = 5  # frames mapped untimed first: the seam's kernels load at the first frames whose seams need them


def _case_name(name: str, size: int | None, driver: str) -> str:
    return f"{name}{'' if size is None else f' {size}x{size}'} x {driver}"


def prepare(seconds: float, folder: Path) -> list[str]:
    """Track each case's portrait, retarget its driver's first `seconds` as `animate` does (mesh engine
    defaults) and save image, landmarks and targets to folder/<i>.npz; returns the case names."""
    import cv2
    from plate_halo import _driver_motion
    from warp_health import SHARED, portraits

    from facereel.face.tracking import track_image
    from facereel.motion.presets import preset_motion
    from facereel.motion.retarget import RetargetOptions, retarget

    images = dict(portraits())
    names = []
    for i, (name, size, driver) in enumerate(CASES):
        preset = driver.removeprefix("preset:") if driver.startswith("preset:") else None
        motion = (preset_motion(preset) if preset is not None
                  else _driver_motion(SHARED / "driving" / f"{driver}.mp4", seconds))
        if name not in images or motion is None:
            raise SystemExit(f"{name} or {driver} not found under {SHARED}")
        image = images[name] if size is None else cv2.resize(images[name], (size, size), interpolation=cv2.INTER_AREA)
        landmarks = track_image(image).landmarks[0]
        targets = retarget(landmarks, motion, RetargetOptions().for_engine("mesh"))
        np.savez(folder / f"{i}.npz", image=image, landmarks=landmarks, targets=targets)
        names.append(_case_name(name, size, driver))
    return names


def measure(folder: Path, count: int) -> dict[str, list]:
    """In this process (the tree on PYTHONPATH): per case, CPU ms per frame of each of `STAGES` and one digest
    per frame of its map (full-size displacement and moving box)."""
    from facereel.engines.mesh import MeshAnimator

    result: dict[str, list] = {stage: [] for stage in STAGES} | {"digests": []}
    for i in range(count):
        data = np.load(folder / f"{i}.npz")
        animator = MeshAnimator(data["image"], data["landmarks"])
        warp = animator.warp
        spent = dict.fromkeys(STAGES, 0.0)
        for stage, method in (("displacement", "displacement"), ("seam", "_seam")):
            inner = getattr(warp, method)

            def timed(*args, _inner=inner, _stage=stage, **kwargs):
                start = time.thread_time()
                out = _inner(*args, **kwargs)
                spent[_stage] += time.thread_time() - start
                return out

            setattr(warp, method, timed)
        for target in data["targets"][:WARM]:  # not timed: a tree's one-off costs (its compiled kernels' load)
            animator.map_frame(target)
        spent.update(dict.fromkeys(STAGES, 0.0))
        digests = []
        for target in data["targets"]:
            start = time.thread_time()
            frame = animator.map_frame(target)
            spent["map"] += time.thread_time() - start
            full = np.ascontiguousarray(warp.full_size(frame.coarse, frame.seam))
            digests.append(hashlib.sha1(full.tobytes() + repr(frame.box).encode()).hexdigest())
        add_case(result, spent, len(data["targets"]), digests)
    return result


def main() -> None:
    run_bench(__doc__, __file__, prepare, measure, len(CASES), STAGES,
              ("map CPU ms/frame", "coarse map (displacement)", "of which seam"))


if __name__ == "__main__":
    main()
