"""What `FaceGroup._plate_share` costs (the back face laid without its plate's share, issue #12): bench/face_seam.py's
picture (the second portrait's head pasted partly in front of the first, tests/mesh/overlap_photo.py), every face
driven by a driving video, each frame rendered by `FaceGroup.render`. Printed: the wall time of `_plate_share`
per call (mean and median over the clip, ms), its calls, `render`'s CPU time per frame, and one digest of all
frames (run it at two checkouts: equal digests, equal frames).

Run: PYTHONPATH=src .venv/bin/python bench/plate_share_speed.py [--portraits lp_s5,lp_s1]
[--height 400] [--driving ../shared/data/driving/lp_d12.mp4]
"""

from __future__ import annotations

import argparse
import hashlib
import platform
import time

import numpy as np

from face_seam import SHARED, overlap_portraits
from overlap_photo import one_in_front  # on the path: face_seam puts tests/mesh there

from facereel.animate.inputs import Source, drive, load_motion
from facereel.engines.mesh.group import FaceGroup
from facereel.face.every_face import track_faces
from facereel.motion.retarget import RetargetOptions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--portraits", default="lp_s5,lp_s1", help="back,front")
    parser.add_argument("--height", type=int, default=400)
    parser.add_argument("--driving", default=str(SHARED / "driving" / "lp_d12.mp4"))
    args = parser.parse_args()
    back, front = overlap_portraits(args.portraits)
    picture = one_in_front(back, front, args.height)
    faces = track_faces(picture)
    motion = load_motion(args.driving)
    retarget = RetargetOptions().for_engine("mesh")
    targets = {face: drive(Source(picture, faces[face]), motion, retarget) for face in range(len(faces))}
    group = FaceGroup(picture, faces, list(targets))
    share = group._plate_share
    spent: list[float] = []

    def timed(index: int, frame: np.ndarray, where: np.ndarray) -> np.ndarray:
        tick = time.perf_counter()
        out = share(index, frame, where)
        spent.append(time.perf_counter() - tick)
        return out

    group._plate_share = timed  # type: ignore[method-assign]
    digest = hashlib.sha256()
    cpu = 0.0
    length = min(len(points) for points in targets.values())
    for t in range(length):
        tick = time.process_time()
        frame = group.render({index: points[t] for index, points in targets.items()})
        cpu += time.process_time() - tick
        digest.update(frame.tobytes())
    print(f"machine: {platform.processor() or platform.machine()}, {platform.system()}; date "
          f"{time.strftime('%Y-%m-%d %H:%M')}; command: bench/plate_share_speed.py --portraits {args.portraits} "
          f"--height {args.height} --driving {args.driving}")
    print(f"{length} frames; _plate_share: {len(spent)} calls, {1000 * np.mean(spent):.2f} ms mean, "
          f"{1000 * np.median(spent):.2f} ms median a call; FaceGroup.render {1000 * cpu / length:.0f} ms CPU "
          f"a frame; frames sha256 {digest.hexdigest()[:16]}")


if __name__ == "__main__":
    main()
