"""CPU microseconds per lid fit (`eyes._lid_fit`, four a frame: both eyes' upper and lower lids) solved by the
compiled normal equations (`draw_kernels.lid_fit`) against the `np.linalg.lstsq` route it replaced (the same
function with the kernel declining, its fallback), and whether every fit is the same bit for bit.

Cases (needs ../shared/data): lp_s1 at 512x512 (issue #9's size) retargeted by preset:blink and preset:turn
as `facereel animate` retargets for the mesh engine; the fits are those of every frame's target lids. The two
routes take turns, `--repeat` rounds each, in one process (time.process_time: CPU time, steadier than wall
time on a loaded machine); medians reported.

Run: PYTHONPATH=src .venv/bin/python bench/lid_fit.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from pathlib import Path

import numpy as np

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
PRESETS = ("blink", "turn")


def _jobs(preset: str) -> list[tuple]:
    """(points, corners, lid, down) of every lid of every frame of lp_s1 512x512 x preset."""
    import cv2
    import imageio.v3 as iio

    from facereel.animate.inputs import source_from_image
    from facereel.animate.options import AnimateOptions, mesh_options
    from facereel.engines.mesh.driven import DrivenPortrait
    from facereel.motion.presets import preset_motion
    from facereel.motion.retarget import RetargetOptions, retarget

    path = SHARED / "portraits" / "lp_s1.jpg"
    if not path.exists():
        raise SystemExit(f"{path} not found")
    image = cv2.resize(np.ascontiguousarray(iio.imread(path)[..., :3]), (512, 512), interpolation=cv2.INTER_AREA)
    source = source_from_image(image)
    options = AnimateOptions()
    animator = DrivenPortrait(source.image, source.landmarks, options.retarget, 30.0, mesh_options(options)).animator
    targets = retarget(source.landmarks, preset_motion(preset), RetargetOptions().for_engine("mesh"))
    return [(np.asarray(t, np.float32), eye.corners, lid, eye.down) for t in targets for eye in animator.eyes
            for lid in eye.lids]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5, help="rounds per route")
    args = parser.parse_args()

    from facereel.engines.mesh.eye import eyes

    kernel = eyes.lid_fit

    def declined(*_) -> bool:
        return False

    print(f"{platform.machine()}, {os.cpu_count()} cores, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
          f"load {os.getloadavg()[0]:.1f}\n")
    print("| lp_s1 512x512 x | lid fits | lstsq CPU us/fit | kernel CPU us/fit | fits identical |")
    print("|---|---|---|---|---|")
    for preset in PRESETS:
        jobs = _jobs(preset)
        spent: dict[str, list[float]] = {"lstsq": [], "kernel": []}
        results: dict[str, list[np.ndarray]] = {}
        for round_ in range(args.repeat):
            for route in ("lstsq", "kernel")[:: 1 if round_ % 2 else -1]:
                eyes.lid_fit = declined if route == "lstsq" else kernel
                start = time.process_time()
                results[route] = [eyes._lid_fit(*job) for job in jobs]
                spent[route].append(time.process_time() - start)
        eyes.lid_fit = kernel
        same = sum(a.dtype == b.dtype and np.array_equal(a, b) for a, b in zip(results["lstsq"], results["kernel"]))
        us = {route: 1e6 * float(np.median(times)) / len(jobs) for route, times in spent.items()}
        print(f"| preset:{preset} | {len(jobs)} | {us['lstsq']:.1f} | {us['kernel']:.1f} | {same}/{len(jobs)} |",
              flush=True)
    print(f"\nload {os.getloadavg()[0]:.1f} at the end; medians of {args.repeat} rounds")


if __name__ == "__main__":
    main()
