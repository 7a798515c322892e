"""Front/back hysteresis for overlapping faces in a video source (`engines/mesh/front_order.py`), measured on
synthetic clips of two real portraits of ../shared/data (`tests/mesh/overlap_photo.chins_apart`: the second
portrait's head pasted partly in front of the first at the same face size, so the front/back rule goes by the
chins), tracked as a video source is (`face.video_faces.track_every_face`).

Clips: "tie then change" (--lead frames with the pasted face clearly in front, --near frames with the chins
level give or take --tie face sizes, --change frames with the pasted face clearly behind: one real change);
"still tie" (--still identical frames, chins --still-drop face sizes apart: only the tracker's jitter moves).
Per clip and per rule (per frame alone = before; held = `FrontOrder`): flips of the order, and the pixels of
the overlap (both faces' ovals grown by FRONT_MARGIN + 2 FEATHER) that change owner from one frame to the
next in the near-tie frames. The do-nothing baseline (the source as filmed) has no owners: nothing moves.

Run: .venv/bin/python bench/front_order.py [--portraits lp_s5,lp_s1] [--height 640]
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "mesh"))
from overlap_photo import chins_apart, tie_then_change  # noqa: E402

from facereel.engines.mesh.face_regions import (
    FEATHER, FRONT_MARGIN, FaceRegions, front_matrix, front_measures  # noqa: E402,
)
from facereel.engines.mesh.front_order import SWITCH_FRAMES, SWITCH_MARGIN, FrontOrder  # noqa: E402
from facereel.face.video_faces import track_every_face  # noqa: E402
from facereel.media.image import read_image  # noqa: E402

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def measure(name: str, frames: list[np.ndarray], near: slice) -> None:
    """Print one clip's flips and owner changes per rule; `near`: the near-tie frames."""
    tracks = track_every_face(frames, 25.0)
    if len(tracks) != 2 or not all(track.valid.all() for track in tracks):
        raise SystemExit(f"{name}: both faces must be found in every frame")
    faces = np.stack([track.landmarks for track in tracks], axis=1)
    sizes, chins = zip(*(front_measures(frame) for frame in faces))
    lead = np.array([(c[1] - c[0]) / s.mean() for s, c in zip(sizes, chins)])
    size = (frames[0].shape[1], frames[0].shape[0])
    order = FrontOrder()
    rows = {"per frame (before)": ([], []), "held (FrontOrder)": ([], [])}
    overlap = []
    for frame, s, c in zip(faces, sizes, chins):
        regions = FaceRegions(frame, size)
        overlap.append((regions.outside(0) <= FRONT_MARGIN + 2 * FEATHER)
                       & (regions.outside(1) <= FRONT_MARGIN + 2 * FEATHER))
        for rule, front in (("per frame (before)", front_matrix(s, c)), ("held (FrontOrder)", order([0, 1], frame))):
            rows[rule][0].append(bool(front[1, 0]))
            rows[rule][1].append(FaceRegions(frame, size, front).owner)
    near_lead = lead[near]
    print(f"{name}: {len(frames)} frames; chin lead of face 1, face sizes: near-tie frames mean {near_lead.mean():+.4f}"
          f" sd {near_lead.std():.4f}")
    print("| rule | flips (all frames) | flips (near tie) | overlap px changing owner per frame, near tie: mean | max |")
    print("|---|---|---|---|---|")
    for rule, (in_front, owners) in rows.items():
        flips = np.count_nonzero(np.diff(np.asarray(in_front, int)))
        near_flips = np.count_nonzero(np.diff(np.asarray(in_front[near], int)))
        idx = range(near.start, near.stop - 1)
        changed = [np.count_nonzero((owners[i] != owners[i + 1]) & overlap[i] & overlap[i + 1]) for i in idx]
        print(f"| {rule} | {flips} | {near_flips} | {np.mean(changed):.0f} | {max(changed)} |")
    print(f"overlap: {int(np.mean([o.sum() for o in overlap]))} px; face 1 in front, held: "
          f"{''.join('1' if f else '0' for f in rows['held (FrontOrder)'][0])}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--portraits", default="lp_s5,lp_s1", help="back,front")
    parser.add_argument("--height", type=int, default=640)
    parser.add_argument("--lead", type=int, default=6)
    parser.add_argument("--near", type=int, default=16)
    parser.add_argument("--change", type=int, default=6)
    parser.add_argument("--tie", type=float, default=0.012)
    parser.add_argument("--still", type=int, default=24)
    parser.add_argument("--still-drop", type=float, default=0.01)
    args = parser.parse_args()
    if not SHARED.is_dir():
        raise SystemExit(f"{SHARED} not found: this benchmark needs the development data")
    back, front = (read_image(next((SHARED / "portraits").glob(f"{name}.*"))) for name in args.portraits.split(","))
    print(f"machine: {platform.processor() or platform.machine()}, {platform.system()}; "
          f"date {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; {args.portraits}, {args.height} px high; "
          f"FrontOrder: margin {SWITCH_MARGIN}, {SWITCH_FRAMES} frames")
    drops = tie_then_change(args.lead, args.near, args.change, tie=args.tie)
    measure("tie then change", chins_apart(back, front, drops, args.height), slice(args.lead, args.lead + args.near))
    still = chins_apart(back, front, [args.still_drop], args.height) * args.still
    measure("still tie", still, slice(0, args.still))


if __name__ == "__main__":
    main()
