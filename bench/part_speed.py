"""CPU time of the render's parts the speed7, speed8, speed9 and h15-speed2 rounds (issue #9) made faster, per source tree, on the same
prepared frames, with a check that the trees' frames are bit-identical.

Parts: the mesh's target vertices (`MeshAnimator._target_vertices`, in the map stage: the skull shell's pose
`shell_pose`, the hanging hair's swing `hanging_swing`, the rings), the closing lid (`EyeRenderer._cover`, in
the draw stage), the driver's mouth interior (`mouth_driver.driver_interior`: its colour match) and the neck's
displacement (`NeckWarp.displacement`: the jaw's lowest point per column, the sides' pull), the eyes
(`EyeRenderer.render`, the closing lid in it; the speed9 round: the eyeball drawn on the opening's window), the
mesh's displacement (`MeshWarp.displacement`; the h15-speed2 round: the thin and unseen triangles' samples found
in the field's kernel) and the rings' smoothing (`stretch_limit.smooth_along_rings`, compiled in h15-speed2), and
the map (`MeshAnimator.map_frame`) and draw (`MeshAnimator.draw`) stages whole, and the moved hair's cut ends
carried on (`carried_ends.carry`, in the draw stage; compiled in h17-speed3; it draws on lp_d12's big moves only)
and the jaw's dark line moved with the jaw (`jaw_shadow.moved_shadow`, in the neck's move; its samples and ratio
compiled in h18-speed).
Cases (needs ../shared/data): lp_s1 at 512x512 driven by lp_d3 (issue #9's case: blinks, a wink, talking),
by lp_d12 (big moves down: the hair cut over the wall) and by preset:turn and preset:blink, prepared as bench/draw_speed.py prepares its cases (tracked and
retargeted once, by this tree). Each tree runs in a process of its own (PYTHONPATH at its src, OpenCV on one
thread as in the streamed pass): it maps and draws every frame once untimed, keeping each part's calls
(their arguments; a lid's box copied before it is drawn), then once timed (the stages, and each frame's
digest), then replays each part's calls `REPLAYS` times (a small part's time is steadier over several
passes than inside one); times are the thread's own CPU (time.thread_time), ms per frame (the stages: of
the timed pass; the parts: the median of the replays). The trees take turns, `--repeat` rounds, medians
reported. "frames": each frame's pixels against the first tree's, "identical" when every frame is bit for
bit.

Run: PYTHONPATH=src .venv/bin/python bench/part_speed.py [--seconds 5] [--repeat 3] [--trees OLD/src src]
"""

from __future__ import annotations

import functools
import hashlib
import time
from pathlib import Path

import numpy as np
from draw_speed import prepare
from tree_turns import add_case, run_bench

CASES = (("lp_s1", 512, "lp_d3"), ("lp_s1", 512, "lp_d12"), ("lp_s1", 512, "preset:turn"),
         ("lp_s1", 512, "preset:blink"))
STAGES = ("map", "draw")
PARTS = ("vertices", "lid", "mouth", "neck", "eyes", "displacement", "rings", "carry", "shadow")
REPLAYS = 5


def measure(folder: Path, count: int) -> dict[str, list]:
    """In this process (the tree on PYTHONPATH): per case, CPU ms per frame of each of `STAGES` and `PARTS`,
    the calls per frame of each part and one digest per drawn frame."""
    import cv2

    from facereel.animate.options import AnimateOptions, mesh_options
    from facereel.engines.mesh import layers
    from facereel.engines.mesh.animator import MeshAnimator
    from facereel.engines.mesh.driven import DrivenPortrait
    from facereel.engines.mesh.eye.eyes import EyeRenderer
    from facereel.engines.mesh.geometry import stretch_limit
    from facereel.engines.mesh.geometry.warp import MeshWarp
    from facereel.engines.mesh.neck_layer.neck import NeckWarp
    from facereel.engines.mesh.open_mouth import mouth
    from facereel.engines.mesh.open_mouth.mouth_driver import DriverFrame

    cv2.setNumThreads(1)  # as the streamed pass (`background.opencv_pool_off`)
    options = AnimateOptions()
    calls: dict[str, list] = {part: [] for part in PARTS}
    recording = [False]
    inner = {}
    for owner, name, part in ((MeshAnimator, "_target_vertices", "vertices"), (EyeRenderer, "_cover", "lid"),
                              (mouth, "driver_interior", "mouth"), (NeckWarp, "displacement", "neck"),
                              (EyeRenderer, "render", "eyes"), (MeshWarp, "displacement", "displacement"),
                              (stretch_limit, "smooth_along_rings", "rings"), (layers, "carry", "carry"),
                              (layers, "moved_shadow", "shadow")):
        inner[part] = getattr(owner, name)

        def kept(*args, _part=part):
            if recording[0]:
                calls[_part].append(tuple(a.copy() if isinstance(a, np.ndarray) else a for a in args))
            return inner[_part](*args)

        setattr(owner, name, kept)
    result: dict[str, list] = {key: [] for key in STAGES + PARTS} | {f"{part} calls": [] for part in PARTS}
    result["digests"] = []
    for i in range(count):
        data = np.load(folder / f"{i}.npz")
        animator = DrivenPortrait(data["image"], data["landmarks"], options.retarget, 30.0,
                                  mesh_options(options)).animator
        drivers = {int(k): DriverFrame(image, face) for k, image, face
                   in zip(data["driver_at"], data["driver_images"], data["driver_faces"])}
        frames = len(data["targets"])
        for part in PARTS:
            calls[part].clear()
        spent = dict.fromkeys(STAGES, 0.0)
        digests = []
        for timed_pass in (False, True):
            recording[0] = not timed_pass
            for k, target in enumerate(data["targets"]):
                start = time.thread_time()
                frame_map = animator.map_frame(target)
                mapped = time.thread_time()
                frame = animator.draw(frame_map, None, drivers.get(k))
                if timed_pass:
                    spent["map"] += mapped - start
                    spent["draw"] += time.thread_time() - mapped
                    digests.append(hashlib.sha1(frame.tobytes()).hexdigest())
        recording[0] = False
        for part in PARTS:
            replays = []
            for _ in range(REPLAYS):
                took = 0.0
                for args in calls[part]:
                    args = tuple(a.copy() if part in ("lid", "carry", "shadow") and isinstance(a, np.ndarray)
                                 and a.ndim == 3 else a for a in args)  # a fresh box to draw the lid, hair, shadow into
                    start = time.thread_time()
                    inner[part](*args)
                    took += time.thread_time() - start
                replays.append(took)
            spent[part] = float(np.median(replays))
            result[f"{part} calls"].append(len(calls[part]) / frames)
        add_case(result, spent, frames, digests)
    return result


def main() -> None:
    run_bench(__doc__, __file__, functools.partial(prepare, cases=CASES), measure, len(CASES),
              STAGES + PARTS + tuple(f"{part} calls" for part in PARTS),
              ("map CPU ms/frame", "draw CPU ms/frame", "target vertices", "closing lid", "mouth interior",
               "neck", "eyes", "mesh displacement", "ring smoothing", "carried ends", "jaw shadow", "vertices calls/frame",
               "lid calls/frame", "mouth calls/frame", "neck calls/frame", "eyes calls/frame",
               "displacement calls/frame", "rings calls/frame", "carry calls/frame", "shadow calls/frame"), 2)


if __name__ == "__main__":
    main()
