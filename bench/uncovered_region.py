"""What `group_seam.Uncovered(region=)` changes: bench/face_seam.py's picture (the second portrait's head pasted
partly in front of the first, tests/mesh/overlap_photo.py) driven by presets (--motions BACK,FRONT; `-` =
still), every frame rendered by `FaceGroup` as it is and with `region` dropped (in the same process).
Printed per run: the frames' digests, how many frames and pixels differ and by how much (largest channel
difference, grey levels), and bench/face_seam.py's light streak (the front face's region fade band,
0 < `FaceRegions.region` < 1, lighter than the source by over `STREAK` grey levels of luma) beside the
do-nothing baseline (the source repeated: 0 by definition).

Run: PYTHONPATH=src .venv/bin/python bench/uncovered_region.py [--portraits lp_s5,lp_s1] [--motions=-,nod]
"""

from __future__ import annotations

import hashlib
import json
import platform
import time

import numpy as np

from face_seam import LUMA, STREAK, overlap_arguments, overlap_portraits
from overlap_photo import one_in_front  # on the path: face_seam puts tests/mesh there

from facereel.animate.inputs import Source, drive
from facereel.engines.mesh import group_seam
from facereel.engines.mesh.face_regions import FaceRegions
from facereel.engines.mesh.group import FaceGroup
from facereel.face.every_face import track_faces
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions


def main() -> None:
    args = overlap_arguments(__doc__, "-,nod").parse_args()
    back, front = overlap_portraits(args.portraits)
    picture = one_in_front(back, front, args.height)
    faces = track_faces(picture)
    retarget = RetargetOptions().for_engine("mesh")
    targets = {face: drive(Source(picture, faces[face]), preset_motion(name), retarget)
               for face, name in enumerate(args.motions.split(",")) if name != "-"}
    length = min(len(points) for points in targets.values())

    def frames() -> list[np.ndarray]:
        group = FaceGroup(picture, faces, list(targets))
        return [group.render({index: points[t] for index, points in targets.items()}) for t in range(length)]

    kept = frames()
    original = group_seam.Uncovered.__init__
    group_seam.Uncovered.__init__ = (lambda self, plate, alpha, near, deep=True, region=None, reach=None:
                                     original(self, plate, alpha, near, deep, None, reach))
    try:
        dropped = frames()
    finally:
        group_seam.Uncovered.__init__ = original
    region = FaceRegions(faces, (picture.shape[1], picture.shape[0])).region(1)
    band = (region > 0) & (region < 1)  # the front face's region fade band
    below = picture.astype(np.float32) @ LUMA

    def streak(run: list[np.ndarray]) -> int:
        return sum(int((band & (frame.astype(np.float32) @ LUMA - below > STREAK)).sum()) for frame in run)

    def digest(run: list[np.ndarray]) -> str:
        return hashlib.sha256(b"".join(frame.tobytes() for frame in run)).hexdigest()[:16]

    diff = [np.abs(a.astype(np.int16) - b).max(2) for a, b in zip(kept, dropped)]
    print(f"# {platform.node()} {platform.machine()}, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; command: "
          f"bench/uncovered_region.py --portraits {args.portraits} --motions={args.motions} --height {args.height}")
    print(json.dumps({"frames": length, "digest_region": digest(kept), "digest_no_region": digest(dropped),
                      "frames_differing": int(sum(bool((d > 0).any()) for d in diff)),
                      "px_differing": int(sum(int((d > 0).sum()) for d in diff)),
                      "px_over_2": int(sum(int((d > 2).sum()) for d in diff)), "max_diff": int(max(d.max() for d in diff)),
                      "light_streak_region": streak(kept), "light_streak_no_region": streak(dropped),
                      "light_streak_source_repeated": streak([picture] * length)}))


if __name__ == "__main__":
    main()
