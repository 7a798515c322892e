"""Staircase share (`staircase`): teeth along the edges where the warp's map jumps, per portrait.

For each portrait asked for (--portraits, default sr_8,lp_s1,sr_4) the mesh engine renders the first
--seconds of a real driver (--driver, default lp_d18: a wide-open mouth), retargeted as `facereel animate`
does, twice: as it is, and with the map rasterised at every crop pixel (`staircase.exact_options`, the
reference); per frame, the share of the head crop (`MeshAnimator.box`) more than `STAIR_GREY` grey levels
off the reference. The do-nothing baseline (the source repeated) scores 0 by definition. --coarse-seams
renders the engine before the map's jumps were redrawn per crop pixel (`MeshWarp._seam` off, the engine
before 2026-12-01).

Run: PYTHONPATH=src .venv/bin/python bench/staircase.py [--seconds 9] [--driver lp_d18]
     [--portraits sr_8,lp_s1,sr_4] [--coarse-seams]
Prints a Markdown table: per portrait, the frames' mean / p95 / max share (%).
"""

from __future__ import annotations

import argparse

import numpy as np
from plate_halo import _driver_motion
from warp_health import SHARED, portraits

from facereel.engines.mesh import MeshAnimator
from facereel.engines.mesh.figures.staircase import exact_options, staircase_share
from facereel.face.tracking import track_image
from facereel.motion.retarget import RetargetOptions, retarget


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=9.0)
    parser.add_argument("--driver", default="lp_d18")
    parser.add_argument("--portraits", default="sr_8,lp_s1,sr_4")
    parser.add_argument("--coarse-seams", action="store_true", help="the map's jumps left to the coarse grid")
    args = parser.parse_args()
    motion = _driver_motion(SHARED / "driving" / f"{args.driver}.mp4", args.seconds)
    if motion is None:
        raise SystemExit(f"driver {args.driver} not found under {SHARED}")
    print(f"| portrait | {args.driver}: staircase share mean / p95 / max (%) |")
    print("|---|---|")
    for name, image in portraits():
        if name not in args.portraits.split(","):
            continue
        lm = track_image(image).landmarks[0]
        animator, exact = MeshAnimator(image, lm), MeshAnimator(image, lm, exact_options())
        if args.coarse_seams:
            animator.warp._seam = lambda *_: None  # type: ignore[method-assign]
        x0, y0, x1, y1 = animator.box
        s = 100 * np.array([staircase_share(animator.render(t)[y0:y1, x0:x1], exact.render(t)[y0:y1, x0:x1])
                            for t in retarget(lm, motion, RetargetOptions())])
        print(f"| {name} | {s.mean():.3f} / {np.percentile(s, 95):.3f} / {s.max():.3f} |", flush=True)


if __name__ == "__main__":
    main()
