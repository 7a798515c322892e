"""Outline jaggedness (`outline_jaggedness`): the sawtooth along the face's warped outline, per portrait.

For each portrait asked for (--portraits, default sr_8,lp_s1,sr_4) the mesh engine renders the first
--seconds of a real driver (--driver, default lp_d18: a wide-open mouth), retargeted as `facereel animate`
does, and per frame the face oval's outline is carried through the frame's backward displacement (the one
`MeshAnimator.draw` uses) and scored. The do-nothing baseline (the source repeated) scores the photo's
own oval. --coarse-seams renders the engine before the seams were redrawn per pixel (`MeshWarp._seam`
off: the jumps in the map upsampled bilinearly from the coarse grid, the engine before 2026-12-01).

Run: PYTHONPATH=src .venv/bin/python bench/outline_jaggedness.py [--seconds 9] [--driver lp_d18]
     [--portraits sr_8,lp_s1,sr_4] [--coarse-seams]
Prints a Markdown table: per portrait, the baseline, then the frames' mean / p95 / max (px).
"""

from __future__ import annotations

import argparse

import numpy as np
from plate_halo import _driver_motion
from warp_health import SHARED, portraits

from facereel.engines.mesh import MeshAnimator
from facereel.engines.mesh.composite import polygon_mask
from facereel.engines.mesh.outline_jaggedness import outline_jaggedness
from facereel.engines.mesh.warp import MeshWarp
from facereel.face import landmark_ids as ids
from facereel.face.tracking import track_image
from facereel.motion.retarget import RetargetOptions, retarget


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=9.0)
    parser.add_argument("--driver", default="lp_d18")
    parser.add_argument("--portraits", default="sr_8,lp_s1,sr_4")
    parser.add_argument("--coarse-seams", action="store_true", help="the map's jumps left to the coarse grid")
    args = parser.parse_args()
    if args.coarse_seams:
        MeshWarp._seam = lambda *_: None  # type: ignore[method-assign]
    motion = _driver_motion(SHARED / "driving" / f"{args.driver}.mp4", args.seconds)
    if motion is None:
        raise SystemExit(f"driver {args.driver} not found under {SHARED}")
    print(f"| portrait | source repeated | {args.driver}: mean / p95 / max |")
    print("|---|---|---|")
    for name, image in portraits():
        if name not in args.portraits.split(","):
            continue
        lm = track_image(image).landmarks[0]
        animator = MeshAnimator(image, lm)
        x0, y0, x1, y1 = animator.box
        oval = polygon_mask([lm[list(ids.FACE_OVAL), :2]], (y1 - y0, x1 - x0), (x0, y0))
        scores = []
        for target in retarget(lm, motion, RetargetOptions()):
            frame = animator.map_frame(target)
            scores.append(outline_jaggedness(oval, animator.warp.full_size(frame.coarse, frame.seam)))
        s = np.array(scores)
        print(f"| {name} | {outline_jaggedness(oval):.2f} | {s.mean():.2f} / {np.percentile(s, 95):.2f} / "
              f"{s.max():.2f} |", flush=True)


if __name__ == "__main__":
    main()
