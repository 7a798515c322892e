"""CPU per frame of several overlapping faces in a video source: each frame's `FaceGroup` made afresh (the
engine before; run the script with PYTHONPATH at an older checkout's src for the engine before as a whole:
it then prints this row only) against `VideoFaceGroups` (the key frame's layout reused while the faces
barely move).

The overlap picture (tests/mesh/overlap_photo.one_in_front: the second portrait's head pasted partly in front
of the first) repeated as a clip and tracked as a video source is (`track_every_face`: the tracker's own
jitter moves the landmarks from frame to frame), or with --sway the front head swaying sideways by up to
`--sway` back-face sizes (then layouts are re-made when it moves). The faces are driven by presets
(--motions BACK,FRONT), with one `VideoFrameAnimators` per face and `FrontOrder`, as
`animate.video_source_faces` does. Per mode: CPU ms per frame (making the group; rendering it), how many
layouts were made afresh; beside, the held output against the per-frame one (mean and largest difference,
pixels off by over 8 grey levels per frame) and the seam's excess change (pixels of the seam band whose
change from the previous frame exceeds by over 8 grey levels the largest change either face's own render
makes there: what the composite adds), with the do-nothing baseline (the source clip as filmed).

Run: .venv/bin/python bench/face_group_video.py [--portraits lp_s5,lp_s1] [--motions talk,nod] [--height 512]
     [--frames 24] [--sway 0]
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from pathlib import Path

import cv2
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "mesh"))
from overlap_photo import face_oval, in_front_of  # noqa: E402

from facereel.animate.inputs import Source, drive  # noqa: E402
from facereel.engines.mesh.face_regions import front_measures  # noqa: E402
from facereel.engines.mesh.frame_setup import VideoFrameAnimators  # noqa: E402
from facereel.engines.mesh.front_order import FrontOrder  # noqa: E402
from facereel.engines.mesh.group import FaceGroup  # noqa: E402
from facereel.face.video_faces import track_every_face  # noqa: E402
from facereel.media.image import read_image  # noqa: E402
from facereel.motion.presets import preset_motion  # noqa: E402
from facereel.motion.retarget import RetargetOptions  # noqa: E402

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
BAND = 0.03  # face sizes each side of the owner border: the seam band
FLICKER = 8  # grey levels


def clip(back: np.ndarray, front: np.ndarray, height: int, count: int, sway: float) -> list[np.ndarray]:
    """`count` (height, W, 3) uint8 frames: `front`'s head 1.3x the back face's size, lower and to its right
    (`one_in_front`), its centre swaying sideways by up to `sway` back-face sizes."""
    k = height / back.shape[0]
    back = cv2.resize(back, None, fx=k, fy=k, interpolation=cv2.INTER_AREA)
    ovals = face_oval(back), face_oval(front)
    return [in_front_of(back, front, 1.3, (0.95 + sway * np.sin(0.8 * t), 0.35), ovals) for t in range(count)]


def run(frames: list[np.ndarray], faces: np.ndarray, targets: dict[int, np.ndarray], held: bool
        ) -> tuple[list[np.ndarray], list[dict[int, np.ndarray]], float, float, int]:
    """(outputs, each face's own render per frame, CPU s making groups, CPU s rendering, layouts made)."""
    setups = {index: VideoFrameAnimators() for index in targets}
    order = FrontOrder()
    if held:
        from facereel.engines.mesh.face_regions import meeting_pairs
        from facereel.engines.mesh.group import VideoFaceGroups
        groups, meets = VideoFaceGroups(), meeting_pairs(list(faces))
    outputs, renders, build, draw, fresh = [], [], 0.0, 0.0, 0
    for t, frame in enumerate(frames):
        tick = time.process_time()
        front = order([0, 1], faces[t])
        if held:
            group = groups(frame, faces[t], list(targets), setups, front, meets)
        else:
            group = FaceGroup(frame, faces[t], list(targets), setups=setups, front=front)
            fresh += 1
        tock = time.process_time()
        outputs.append(group.render({index: points[t] for index, points in targets.items()}))
        draw += time.process_time() - tock
        build += tock - tick
        renders.append({index: group.animators[index].render(points[t]) for index, points in targets.items()})
    return outputs, renders, build, draw, groups.keys if held else fresh


def excess(outputs: list[np.ndarray], renders: list[dict[int, np.ndarray]], band: np.ndarray) -> list[int]:
    """Per frame after the first: seam-band pixels changing by over FLICKER beyond either render's change."""
    counts = []
    for t in range(1, len(outputs)):
        own = np.max([np.abs(renders[t][i].astype(np.int16) - renders[t - 1][i]).max(2) for i in renders[t]], axis=0)
        change = np.abs(outputs[t].astype(np.int16) - outputs[t - 1]).max(2)
        counts.append(int((band & (change - own > FLICKER)).sum()))
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--portraits", default="lp_s5,lp_s1", help="back,front")
    parser.add_argument("--motions", default="talk,nod", help="presets of the back and the front face")
    parser.add_argument("--height", type=int, default=512)
    parser.add_argument("--frames", type=int, default=24)
    parser.add_argument("--sway", type=float, default=0.0)
    args = parser.parse_args()
    if not SHARED.is_dir():
        raise SystemExit(f"{SHARED} not found: this benchmark needs the development data")
    back, front = (read_image(next((SHARED / "portraits").glob(f"{name}.*"))) for name in args.portraits.split(","))
    frames = clip(back, front, args.height, args.frames, args.sway)
    tracks = track_every_face(frames, 25.0)
    if len(tracks) != 2 or not all(track.valid.all() for track in tracks):
        raise SystemExit("both faces must be found in every frame")
    faces = np.stack([track.landmarks for track in tracks], axis=1)
    retarget = RetargetOptions().for_engine("mesh")
    targets = {}
    for index, name in enumerate(args.motions.split(",")):
        points = drive(Source(frames[0], faces[0, index]), preset_motion(name), retarget)
        moved = faces[:, index] - faces[0, index]  # each frame's own place (the sway, the tracker's jitter)
        targets[index] = np.stack([points[t % len(points)] + moved[t] for t in range(args.frames)])
    fresh_out, fresh_renders, fresh_build, fresh_draw, fresh_keys = run(frames, faces, targets, held=False)
    try:
        held_out, held_renders, held_build, held_draw, held_keys = run(frames, faces, targets, held=True)
    except ImportError:  # a checkout before `VideoFaceGroups` (PYTHONPATH=<old>/src): the engine before only
        held_out = []
    owner = FaceGroup(frames[0], faces[0], [0, 1]).owner
    edge = (cv2.dilate((owner == 1).astype(np.uint8), np.ones((3, 3), np.uint8)) > 0) & (owner == 0)
    size = float(front_measures(faces[0])[0].min())
    band = cv2.distanceTransform((~edge).astype(np.uint8), cv2.DIST_L2, cv2.DIST_MASK_PRECISE) <= BAND * size
    differ = [np.abs(a.astype(np.int16) - b).max(2) for a, b in zip(held_out, fresh_out)]
    n = args.frames
    print(f"machine: {platform.processor() or platform.machine()}, {platform.system()}; "
          f"date {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; command: bench/face_group_video.py "
          f"--portraits {args.portraits} --motions {args.motions} --height {args.height} --frames {n} "
          f"--sway {args.sway}")
    print(f"picture {frames[0].shape[1]}x{frames[0].shape[0]}, face sizes "
          f"{[round(float(s)) for s in front_measures(faces[0])[0]]} px; seam band {int(band.sum())} px")
    print("| mode | make group, CPU ms/frame | render, CPU ms/frame | layouts made | seam excess change px/frame "
          "(mean, max) |")
    print("|---|---|---|---|---|")
    print("| source as filmed (do nothing) | 0 | 0 | | 0, 0 (nothing composited) |")
    modes = [("each frame afresh", fresh_build, fresh_draw, fresh_keys, fresh_out, fresh_renders)]
    if held_out:
        modes.append(("VideoFaceGroups", held_build, held_draw, held_keys, held_out, held_renders))
    for name, build, draw, keys, outs, renders in modes:
        counts = excess(outs, renders, band)
        print(f"| {name} | {1000 * build / n:.0f} | {1000 * draw / n:.0f} | {keys} of {n} | "
              f"{np.mean(counts):.0f}, {max(counts)} |")
    if not held_out:
        return
    print(f"VideoFaceGroups against each frame afresh: mean |difference| {np.mean([d.mean() for d in differ]):.2f} grey levels, largest "
          f"{max(int(d.max()) for d in differ)}; pixels off by over 8 per frame: mean "
          f"{np.mean([(d > 8).sum() for d in differ]):.0f}, max {max(int((d > 8).sum()) for d in differ)}")


if __name__ == "__main__":
    main()
