"""CPU ms a call of four small draw steps, replayed on calls recorded from a real render, in several source trees
back to back, with a check that their outputs are bit-identical: the jaw's dark line moved with the jaw multiplied
into the moved neck plate (`jaw_shadow.moved_shadow`, `HeadLayer._move_neck`'s calls), the neck's sides' pull
(`neck_sides.SidePull`, `NeckWarp.displacement`'s calls), the eyes' boxes a frame (`sharp_eyes`: the forty-fifth
session's tree found them twice, for `left_as_drawn` and `restore_detail`) and the driver's light taken to the
portrait's (`mouth_driver.light_match`, the open mouth's frames).

Case (needs ../shared/data): lp_s1 at 512x512 driven by lp_d3 (bench/draw_speed.py's first case, prepared as it
prepares it; her turned jaw pulls the neck's sides on most frames). This tree renders it once and records the calls;
each tree then replays them in a process of its own (PYTHONPATH at its src, bench/tree_turns.py), `draw_calls.PASSES`
passes over them, timing each step's own thread CPU (time.thread_time); the trees take turns, `--repeat` rounds,
medians reported. "frames": every call's output against the first tree's, "identical" when all are bit for bit. A tree
from before the forty-sixth session is replayed as its code had it: `moved_shadow` returned the factor the plate was
then multiplied by, and the eyes' boxes were found by `_boxes_on` once for each of the two steps.

Run: PYTHONPATH=src .venv/bin/python bench/small_calls.py [--seconds 4] [--repeat 3] [--trees OLD/src src]
"""

from __future__ import annotations

import hashlib
import inspect
import pickle
from pathlib import Path

import numpy as np
from draw_calls import CASES, PASSES
from draw_speed import prepare as prepare_draw
from draw_speed import copied, render_patched
from tree_turns import recorded_calls, run_bench, timed_passes

PARTS = ("shadow", "side pull", "eye boxes", "light match")


def prepare(seconds: float, folder: Path) -> list[str]:
    """The case as `draw_speed.prepare` makes it (folder/0.npz), then its render in this tree with the calls of each
    of `PARTS` (their arguments: the plate before its shadow; the sides' pull with its `SidePull`; the eyes' target,
    origin, box and shape; the driver's skin, the portrait's colours and the driver's lips) recorded into
    folder/calls.pkl; returns the case names."""
    from facereel.engines.mesh import animator as animator_module
    from facereel.engines.mesh import layers
    from facereel.engines.mesh.neck_layer.neck_sides import SidePull
    from facereel.engines.mesh.open_mouth import mouth_driver

    names = prepare_draw(seconds, folder, CASES)
    calls: dict[str, list] = {part: [] for part in PARTS}
    shadow, pull = layers.moved_shadow, SidePull.__call__
    boxes, light = animator_module.boxes_on, mouth_driver.light_match

    def recorded_shadow(*args):
        calls["shadow"].append(copied(args))
        return shadow(*args)

    def recorded_pull(sides, target):
        calls["side pull"].append((sides, target.copy()))
        return pull(sides, target)

    def recorded_boxes(*args):
        calls["eye boxes"].append(copied(args))
        return boxes(*args)

    def recorded_light(*args):
        calls["light match"].append(copied(args))
        return light(*args)

    render_patched(folder, [(layers, "moved_shadow", recorded_shadow), (SidePull, "__call__", recorded_pull),
                            (animator_module, "boxes_on", recorded_boxes), (mouth_driver, "light_match", recorded_light)])
    with open(folder / "calls.pkl", "wb") as f:
        pickle.dump(calls, f)
    return names


def measure(folder: Path, count: int) -> dict[str, list]:
    """In this process (the tree on PYTHONPATH): CPU ms a call of each of `PARTS` (the median of `PASSES` passes)
    and one digest per call of its output."""
    from facereel.engines.mesh.eye import sharp_eyes
    from facereel.engines.mesh.neck_layer.jaw_shadow import moved_shadow
    from facereel.engines.mesh.open_mouth.mouth_driver import light_match

    recorded = recorded_calls(folder)
    shadows = recorded["shadow"]
    plates: list[np.ndarray] = []
    in_place = "plate" in inspect.signature(moved_shadow).parameters

    def fresh_plates() -> None:  # each pass multiplies the plates as they were before the shadow
        plates[:] = [args[0].copy() for args in shadows]

    def shadow_pass() -> list[np.ndarray]:
        for plate, (_, *args) in zip(plates, shadows):
            if in_place:
                moved_shadow(plate, *args)
            else:  # before the forty-sixth session: the factor returned, the plate multiplied by it
                plate *= moved_shadow(*args)
        return plates

    def pull_pass() -> list[np.ndarray]:
        return [np.zeros(0, np.float32) if out is None else out
                for out in (sides(target) for sides, target in recorded["side pull"])]

    def boxes_pass() -> list[np.ndarray]:
        found = []
        for args in recorded["eye boxes"]:
            if hasattr(sharp_eyes, "boxes_on"):
                found.append(sharp_eyes.boxes_on(*args))
            else:  # before the forty-sixth session: found for `left_as_drawn`, then again for `restore_detail`
                sharp_eyes._boxes_on(*args)
                found.append(sharp_eyes._boxes_on(*args))
        return [np.array(boxes, np.float64) for boxes in found]

    def light_pass() -> list[np.ndarray]:
        matches = [light_match(*args) for args in recorded["light match"]]
        return [np.array([m.coloured, m.dimmer, m.lip_chroma, m.lip_hue, *m.skin_lab, *m.tint], np.float64)
                for m in matches]

    parts = (("shadow", shadow_pass, len(shadows)), ("side pull", pull_pass, len(recorded["side pull"])),
             ("eye boxes", boxes_pass, len(recorded["eye boxes"])),
             ("light match", light_pass, len(recorded["light match"])))
    return timed_passes(parts, PASSES, lambda out: hashlib.sha1(out.dtype.str.encode() + out.tobytes()).hexdigest(),
                        fresh_plates)


def main() -> None:
    run_bench(__doc__, __file__, prepare, measure, 1, PARTS,
              ("shadow ms/call", "side pull ms/call", "eye boxes ms/frame", "light match ms/call"), 4)


if __name__ == "__main__":
    main()
