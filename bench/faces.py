"""Several faces, each with its own driver (`--driving N=PATH`), on a real two-person picture.

Two portraits of ../shared/data placed side by side (--portraits, --height), each face driven by its own
window of a real driving video (--driver, --windows: start frames, --length frames); the default windows of
lp_d19 move the mouth at different times (their openings correlate -0.84). Every output frame is
re-tracked. Per face: correlation of the re-tracked mouth opening (inner-lip gap / mouth width) with its own
driver's and with the other driver's, and the mean error of its change from frame 0 against the driver's
change, beside the do-nothing baseline (the source repeated) and beside the same face animated alone
(`--source-face-index`, the one-face path). Also: whether a face given no driver stays pixel-identical, and
the render time per frame (retargeted landmarks -> frame) of two faces vs one.
--overlap: the second portrait's head pasted partly in front of the first (tests/mesh/overlap_photo.py,
face 0 = the back face); also: the front face's own pixels (its oval grown by `FRONT_MARGIN`) while only the
back face is driven (largest change; the nearest-face rule alone gave some of them to the back face, counted),
the back face's re-tracked mouth in that run (the front face still) and how far its mouth's box (`MOUTH_PAD`
round its lips) differs there from the run with both faces driven (what the back face draws, against what the
tracker reads beside it), and the time to split the picture among the faces.

Run: .venv/bin/python bench/faces.py [--portraits lp_s1,lp_s5] [--driver lp_d19] [--windows 194,134]
     [--length 30] [--height 400] [--overlap]
"""

from __future__ import annotations

import argparse
import platform
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "mesh"))
from group_photo import cut_window, mouth_opening, side_by_side  # noqa: E402
from overlap_photo import one_in_front  # noqa: E402

from facereel import PortraitAnimator  # noqa: E402
from facereel.engines.mesh import MeshAnimator  # noqa: E402
from facereel.engines.mesh.face_regions import FRONT_MARGIN, FaceRegions  # noqa: E402
from facereel.engines.mesh.group import FaceGroup  # noqa: E402
from facereel.face import landmark_ids as ids
from facereel.face.every_face import track_faces  # noqa: E402
from facereel.face.tracking import track_video  # noqa: E402
from facereel.animate.inputs import Source, drive, load_motion  # noqa: E402
from facereel.media.image import read_image  # noqa: E402
from facereel.motion.retarget import RetargetOptions  # noqa: E402

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
MOUTH_PAD = 8  # px: --overlap compares the back face's mouth box, its lips' bounds grown by this much


def mouths(frames: list[np.ndarray]) -> np.ndarray:
    """(2, T) re-tracked mouth opening of both faces."""
    return np.stack([mouth_opening(track_faces(frame)) for frame in frames], axis=1)


def change_error(seen: np.ndarray, driver: np.ndarray) -> float:
    """Mean |output change from frame 0 - driver change from frame 0| (mouth widths)."""
    return float(np.abs((seen - seen[0]) - (driver - driver[0])).mean())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--portraits", default="lp_s1,lp_s5")
    parser.add_argument("--driver", default="lp_d19")
    parser.add_argument("--windows", default="194,134")
    parser.add_argument("--length", type=int, default=30)
    parser.add_argument("--height", type=int, default=400)
    parser.add_argument("--overlap", action="store_true", help="the second portrait partly in front of the first")
    args = parser.parse_args()
    if not SHARED.is_dir():
        raise SystemExit(f"{SHARED} not found: this benchmark needs the development data")
    images = [read_image(next((SHARED / "portraits").glob(f"{name}.*"))) for name in args.portraits.split(",")]
    picture = one_in_front(images[1], images[0], args.height) if args.overlap else side_by_side(images, args.height)
    faces = track_faces(picture)
    folder = Path(tempfile.mkdtemp(prefix="facereel-bench-faces-"))
    clips = [cut_window(SHARED / "driving" / f"{args.driver}.mp4", int(start), args.length, folder / f"w{k}.mp4")
             for k, start in enumerate(args.windows.split(","))]
    driven = [mouth_opening(track_video(clip).landmarks) for clip in clips]

    start = time.perf_counter()
    together = PortraitAnimator("mesh")(picture, {0: clips[0], 1: clips[1]}).frames
    seconds = time.perf_counter() - start
    seen = mouths(together)
    alone = [mouths(PortraitAnimator("mesh", source_face_index=face)(picture, clips[face]).frames)[face]
             for face in (0, 1)]
    still = PortraitAnimator("mesh")(picture, {1: clips[1]}).frames
    group = FaceGroup(picture, faces, [0, 1])
    moved = max(int(np.abs(frame.astype(np.int16) - picture)[group.owner == 0].max()) for frame in still)

    print(f"machine: {platform.processor() or platform.machine()}, {platform.system()}; "
          f"date {time.strftime('%Y-%m-%d')}; picture {picture.shape[1]}x{picture.shape[0]}, "
          f"faces {[round(float(np.ptp(f[:, 1]))) for f in faces]} px high; {args.length} frames per driver")
    print(f"drivers' mouth openings correlate {np.corrcoef(driven[0], driven[1])[0, 1]:.2f}")
    print("| face | corr own | corr other | change error | baseline error | alone: corr own | alone: error |")
    print("|---|---|---|---|---|---|---|")
    for face in (0, 1):
        own, other = driven[face], driven[1 - face]
        print(f"| {face} | {np.corrcoef(seen[face], own)[0, 1]:.2f} | {np.corrcoef(seen[face], other)[0, 1]:.2f} | "
              f"{change_error(seen[face], own):.3f} | {change_error(np.zeros_like(own), own):.3f} | "
              f"{np.corrcoef(alone[face], own)[0, 1]:.2f} | {change_error(alone[face], own):.3f} |")
    print(f"face 0 given no driver: largest change in its pixels {moved} grey levels")
    if args.overlap:
        tick = time.perf_counter()
        regions = FaceRegions(faces, (picture.shape[1], picture.shape[0]))
        split = time.perf_counter() - tick
        front = [index for index in range(2) if any(index in ahead for ahead in regions.ahead.values())]
        if not front:
            raise SystemExit("--overlap: the two faces found do not overlap")
        back = 1 - front[0]
        own = regions.outside(front[0]) <= FRONT_MARGIN
        nearest = np.argmin([regions.distance(i) for i in range(2)], axis=0)
        alone_back = PortraitAnimator("mesh")(picture, {back: clips[back]}).frames
        changed = max(int(np.abs(frame.astype(np.int16) - picture)[own].max()) for frame in alone_back)
        print(f"front face {front[0]}: {int(own.sum())} px (oval grown by {FRONT_MARGIN}); the nearest-face rule "
              f"gave {int((own & (nearest == back)).sum())} of them to face {back}; face {back} driven alone: "
              f"largest change in them {changed} grey levels")
        lips = faces[back][list(ids.OUTER_UPPER_LIP + ids.OUTER_LOWER_LIP), :2]
        x0, y0 = np.floor(lips.min(0) - MOUTH_PAD).astype(int)
        x1, y1 = np.ceil(lips.max(0) + MOUTH_PAD).astype(int)
        drawn = max(int(np.abs(a[y0:y1, x0:x1].astype(np.int16) - b[y0:y1, x0:x1]).max())
                    for a, b in zip(together, alone_back))
        print(f"face {back} driven with face {front[0]} still (the group's path): corr own "
              f"{np.corrcoef(mouths(alone_back)[back], driven[back])[0, 1]:.2f}; its mouth's box ({MOUTH_PAD} px "
              f"round its lips) against the run with both driven: largest difference {drawn} grey levels")
        print(f"splitting the picture among the faces (FaceRegions, overlapping): {1000 * split:.0f} ms")
    print(f"two faces, whole run (tracking both drivers, retarget, render): {seconds:.1f} s")

    retarget = RetargetOptions().for_engine("mesh")
    targets = [drive(Source(picture, faces[face]), load_motion(clips[face]), retarget) for face in (0, 1)]
    one = MeshAnimator(picture, faces[0])
    for name, render in (("one face (MeshAnimator)", lambda t: one.render(targets[0][t])),
                         ("two faces (FaceGroup)", lambda t: group.render({0: targets[0][t], 1: targets[1][t]}))):
        times = []
        for t in range(args.length):
            tick = time.perf_counter()
            render(t)
            times.append(time.perf_counter() - tick)
        print(f"render, {name}: {1000 * np.median(times):.1f} ms/frame (median)")


if __name__ == "__main__":
    main()
