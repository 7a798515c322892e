"""CPU ms per frame of the mesh engine's map stage (`MeshAnimator.map_frame`) and of its seam redraw
(`MeshWarp._seam`) on real portraits driven by real drivers, as `facereel animate` retargets them.

Cases: lp_s1 at 512x512 driven by lp_d3 (as bench/thread_cpu.py), sr_8 (1280x720, small face) driven by
lp_d18 (wide-open mouth); needs ../shared/data. Process time (all threads), steadier than wall time on a
loaded machine. To compare two trees, run this script with PYTHONPATH at each tree's src in turn.

Run: PYTHONPATH=src .venv/bin/python bench/map_speed.py [--seconds 4]
"""

from __future__ import annotations

import argparse
import os
import platform
import time

import cv2
from plate_halo import _driver_motion
from warp_health import SHARED, portraits

from facereel.engines.mesh import MeshAnimator
from facereel.face.tracking import track_image
from facereel.motion.retarget import RetargetOptions, retarget

CASES = (("lp_s1", 512, "lp_d3"), ("sr_8", None, "lp_d18"))  # portrait, square size (None: as it is), driver


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=4.0)
    args = parser.parse_args()
    images = dict(portraits())
    print(f"{platform.machine()}, {os.cpu_count()} cores, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
          f"load {os.getloadavg()[0]:.1f}\n")
    print("| portrait x driver | frames | map CPU ms/frame | of which seam |")
    print("|---|---|---|---|")
    for name, size, driver in CASES:
        motion = _driver_motion(SHARED / "driving" / f"{driver}.mp4", args.seconds)
        if name not in images or motion is None:
            raise SystemExit(f"{name} or {driver} not found under {SHARED}")
        image = images[name] if size is None else cv2.resize(images[name], (size, size), interpolation=cv2.INTER_AREA)
        lm = track_image(image).landmarks[0]
        animator = MeshAnimator(image, lm)
        seam_cpu = [0.0]
        seam = animator.warp._seam

        def timed(*a, **k):
            t = time.process_time()
            out = seam(*a, **k)
            seam_cpu[0] += time.process_time() - t
            return out

        animator.warp._seam = timed  # type: ignore[method-assign]
        targets = retarget(lm, motion, RetargetOptions())
        t0 = time.process_time()
        for target in targets:
            animator.map_frame(target)
        n = len(targets)
        print(f"| {name}{'' if size is None else f' {size}x{size}'} x {driver} | {n} | "
              f"{1e3 * (time.process_time() - t0) / n:.1f} | {1e3 * seam_cpu[0] / n:.1f} |", flush=True)


if __name__ == "__main__":
    main()
