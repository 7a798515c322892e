"""CPU ms per call of the far cheek's push (`far_cheek.round_far_cheek`, once per mapped frame) and the plate's
neck map (`neck.NeckWarp.displacement`, once per drawn frame: the jaw line's lowest point per column, the
lean, the sides' pull), several source trees back to back on the same calls, with a check of their results
against the first tree's.

Cases (needs ../shared/data): lp_s1 and sr_18 (16:9, the face small) at their own size by preset:turn (45 deg
turns: the far cheek pushed, the neck's sides pulled), lp_s1 at 512x512 by the first --seconds of lp_d3 (a
talking head: small turns), retargeted for the mesh engine. This tree maps and draws every frame once and
keeps each call's arguments (the case's `NeckWarp` with them); each tree then replays them in a process of
its own (`tree_turns`), `REPLAYS` times over, timing each function's calls with time.process_time (CPU time,
steadier than wall time on a loaded machine): "cheek" per frame and per turned frame (those whose push is
not 0, `far_cheek.push`), "neck" per frame. The trees take turns, `--repeat` rounds, medians reported.
"frames": every call's output against the first tree's ("identical" when all are bit for bit).

Run: PYTHONPATH=src .venv/bin/python bench/neck_cheek_speed.py [--seconds 4] [--repeat 3] [--trees OLD/src src]
"""

from __future__ import annotations

import hashlib
import pickle
import time
from pathlib import Path

import numpy as np
from tree_turns import add_case, run_bench

CASES = (("lp_s1", None, "preset:turn"), ("sr_18", None, "preset:turn"), ("lp_s1", 512, "lp_d3"))
PARTS = ("cheek", "cheek_turned", "neck")
REPLAYS = 10
SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def prepare(seconds: float, folder: Path) -> list[str]:
    """Per case: its targets (folder/<i>.npz) and the arguments of every call of the two functions while this
    tree maps and draws them (folder/<i>.pkl); the case names."""
    import cv2
    import imageio.v3 as iio

    from facereel.animate.inputs import load_motion, source_from_image
    from facereel.animate.options import AnimateOptions, mesh_options
    from facereel.engines.mesh import animator as animator_module
    from facereel.engines.mesh.driven import DrivenPortrait
    from facereel.engines.mesh.neck_layer.neck import NeckWarp
    from facereel.motion.retarget import RetargetOptions, retarget

    options = AnimateOptions()
    names = []
    for i, (name, size, driver) in enumerate(CASES):
        path = next(iter(sorted((SHARED / "portraits").glob(f"{name}.*"))), None)
        video = SHARED / "driving" / f"{driver}.mp4"
        preset = driver.startswith("preset:")
        if path is None or not (preset or video.exists()):
            raise SystemExit(f"{name} or {driver} not found under {SHARED}")
        image = np.ascontiguousarray(iio.imread(path)[..., :3])
        if size is not None:
            image = cv2.resize(image, (size, size), interpolation=cv2.INTER_AREA)
        source = source_from_image(image)
        motion = load_motion(driver if preset else video)
        targets = retarget(source.landmarks, motion, RetargetOptions().for_engine("mesh"))
        targets = targets if preset else targets[:int(round(seconds * motion.fps))]
        animator = DrivenPortrait(source.image, source.landmarks, options.retarget, 30.0,
                                  mesh_options(options)).animator
        calls: dict[str, list] = {"cheek": [], "neck": []}
        cheek, neck = animator_module.round_far_cheek, NeckWarp.displacement

        def kept_cheek(*args, _inner=cheek):
            calls["cheek"].append(args)
            return _inner(*args)

        def kept_neck(warp, *args, _inner=neck):
            calls["neck"].append(args)
            calls["warp"] = warp
            return _inner(warp, *args)

        animator_module.round_far_cheek, NeckWarp.displacement = kept_cheek, kept_neck
        try:
            for target in targets:
                animator.draw(animator.map_frame(target))
        finally:
            animator_module.round_far_cheek, NeckWarp.displacement = cheek, neck
        np.savez(folder / f"{i}.npz", targets=targets)
        (folder / f"{i}.pkl").write_bytes(pickle.dumps(calls))
        names.append(f"{name}{'' if size is None else f' {size}x{size}'} x {driver}")
    return names


def measure(folder: Path, count: int) -> dict[str, list]:
    """In this process (the tree on PYTHONPATH): per case, CPU ms per call of each of `PARTS` and one digest
    per call of its output."""
    from facereel.engines.mesh.geometry.far_cheek import push, round_far_cheek, yaws
    from facereel.engines.mesh.neck_layer.neck import NeckWarp

    result: dict[str, list] = {part: [] for part in PARTS} | {"digests": []}
    for i in range(count):
        calls = pickle.loads((folder / f"{i}.pkl").read_bytes())
        warp: NeckWarp | None = calls.get("warp")
        turned = sum(push(*yaws(pose.rotation[0], rotation)) > 0 for _, pose, rotation in calls["cheek"])
        spent = dict.fromkeys(PARTS, 0.0)
        for _ in range(REPLAYS):
            start = time.process_time()
            cheeks = [round_far_cheek(*args) for args in calls["cheek"]]
            middle = time.process_time()
            necks = [NeckWarp.displacement(warp, *args) for args in calls["neck"]]
            spent["cheek"] += middle - start
            spent["neck"] += time.process_time() - middle
        frames = REPLAYS * len(calls["cheek"])
        spent["cheek_turned"] = spent["cheek"] * len(calls["cheek"]) / max(turned, 1)
        digests = [hashlib.sha1(np.ascontiguousarray(out).tobytes()).hexdigest() for out in cheeks + necks]
        add_case(result, spent, frames, digests)
    return result


def main() -> None:
    run_bench(__doc__, __file__, prepare, measure, len(CASES), PARTS,
              ("cheek CPU ms/frame", "cheek per turned frame", "neck CPU ms/frame"), 3)


if __name__ == "__main__":
    main()
