"""CPU time of `FaceGroup._plate_share` (a face behind another laid premultiplied: its layer, plate and alpha
read on its faded pixels) and of `FaceGroup.render` whole, per source tree, on the same prepared frames, with a
check that the trees' frames are bit-identical (issue #9 speed, fifteenth session).

Cases (needs ../shared/data): the overlap picture of bench/face_seam.py (lp_s1's head pasted partly in front of
lp_s5, 400 px high) with the back face turning and the front one nodding (`--motions=turn,nod`), and both
driven by lp_d12 (`--driving`); the targets made once, by this tree. Each tree renders every frame in a process
of its own (PYTHONPATH at its src, OpenCV on one thread): once untimed, then once timed (time.thread_time):
ms per frame of the render, ms per call of `_plate_share`, and each frame's digest. The trees take turns,
`--repeat` rounds, medians reported. "frames": each frame's pixels against the first tree's.

Run: PYTHONPATH=src .venv/bin/python bench/plate_share.py [--repeat 3] [--trees OLD/src src]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from tree_turns import header, take_turns, tree_arguments

CASES = ("turn,nod", "lp_d12")


def prepare(folder: Path) -> None:
    """The overlap picture, its faces and each case's targets into folder/<i>.npz."""
    from face_seam import overlap_portraits

    from facereel.animate.inputs import Source, drive, load_motion
    from facereel.face.every_face import track_faces
    from facereel.motion.presets import preset_motion
    from facereel.motion.retarget import RetargetOptions

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "mesh"))
    from overlap_photo import one_in_front

    back, front = overlap_portraits("lp_s5,lp_s1")
    picture = one_in_front(back, front, 400)
    faces = track_faces(picture)
    options = RetargetOptions().for_engine("mesh")
    for i, case in enumerate(CASES):
        if case == "lp_d12":
            motion = load_motion(str(Path(__file__).resolve().parents[2] / "shared" / "data" / "driving" / "lp_d12.mp4"))
            motions = [motion] * len(faces)
        else:
            motions = [preset_motion(name) for name in case.split(",")]
        targets = [drive(Source(picture, faces[f]), motion, options) for f, motion in enumerate(motions)]
        np.savez(folder / f"{i}.npz", picture=picture, faces=faces, targets=np.stack(targets))


def measure(folder: Path) -> dict[str, list]:
    """In this process (the tree on PYTHONPATH): per case, render ms a frame, `_plate_share` ms a call, its
    calls a frame and the frames' digests."""
    import cv2

    from facereel.engines.mesh.group import FaceGroup

    cv2.setNumThreads(1)
    spent = [0.0, 0]
    inner = FaceGroup._plate_share

    def timed(self: FaceGroup, *args: object) -> np.ndarray:
        start = time.thread_time()
        out = inner(self, *args)
        spent[0] += time.thread_time() - start
        spent[1] += 1
        return out

    FaceGroup._plate_share = timed  # type: ignore[method-assign]
    result: dict[str, list] = {"render": [], "share": [], "calls": [], "digests": []}
    for i in range(len(CASES)):
        data = np.load(folder / f"{i}.npz")
        targets = data["targets"]
        group = FaceGroup(data["picture"], data["faces"], list(range(len(targets))))
        for frame in range(targets.shape[1]):  # untimed: numba's cache, OpenCV's first calls
            group.render({f: targets[f, frame] for f in range(len(targets))})
        spent[:] = [0.0, 0]
        digests = []
        start = time.thread_time()
        for frame in range(targets.shape[1]):
            out = group.render({f: targets[f, frame] for f in range(len(targets))})
            digests.append(hashlib.sha1(out.tobytes()).hexdigest())
        frames = targets.shape[1]
        result["render"].append(1000 * (time.thread_time() - start) / frames)
        result["share"].append(1000 * spent[0] / max(spent[1], 1))
        result["calls"].append(spent[1] / frames)
        result["digests"].append(digests)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    tree_arguments(parser)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(Path(args.child))))
        return
    print(header(args.trees))
    with tempfile.TemporaryDirectory() as folder:
        prepare(Path(folder))
        runs = take_turns(__file__, folder, args.trees, args.repeat)
    print("| case | tree | render CPU ms/frame | _plate_share CPU ms/call | calls/frame | frames |")
    print("|---|---|---|---|---|---|")
    for c, case in enumerate(CASES):
        for t, tree in enumerate(args.trees):
            same = all(run["digests"][c] == runs[0][0]["digests"][c] for run in runs[t])
            render = statistics.median(run["render"][c] for run in runs[t])
            share = statistics.median(run["share"][c] for run in runs[t])
            print(f"| {case} | {tree} | {render:.2f} | {share:.2f} | {runs[t][0]['calls'][c]:.2f} | "
                  f"{'identical' if same else 'DIFFERENT'} |")
    print(f"\nmedians of {args.repeat} rounds")


if __name__ == "__main__":
    main()
