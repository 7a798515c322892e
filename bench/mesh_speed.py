"""Milliseconds per `MeshAnimator.render` on real portraits, printed as a markdown table.

Usage: python bench/mesh_speed.py [--frames 60] [--threads 2] [--neck-layer off|on|both]
(`both`: the neck layer off and on rendered alternately frame by frame, a row each: fair on a loaded machine.)
CPU ms: process time (all threads) per render, steadier than wall time on a machine shared with other jobs.
Cases: astronaut at 512x512 and a 1920x1080 half-body portrait (../shared/data/portraits/sr_4 upscaled
to 1080p when present, else the astronaut upscaled). Targets cycle through head motion, mouth, blink
and gaze edits of the source landmarks, so every synthesis path is timed.
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from pathlib import Path

import cv2
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "mesh"))

from mesh_target_edits import close_eye, face_size, gaze, open_mouth, rigid  # noqa: E402

from facereel.engines.mesh import MeshAnimator, MeshOptions  # noqa: E402
from facereel.face.tracking import track_image  # noqa: E402


def cases() -> list[tuple[str, np.ndarray]]:
    import skimage.data

    astronaut = np.ascontiguousarray(skimage.data.astronaut())
    sr4 = next(iter(sorted((ROOT.parent / "shared" / "data" / "portraits").glob("sr_4.*"))), None)
    if sr4 is not None:
        import imageio.v3 as iio

        wide, label = iio.imread(sr4)[..., :3], "sr_4 half-body, upscaled"
    else:
        wide, label = astronaut[:, :], "astronaut, upscaled"
    wide = cv2.resize(np.ascontiguousarray(wide), (1920, 1080), interpolation=cv2.INTER_CUBIC)
    return [("astronaut 512x512", astronaut), (f"{label} 1920x1080", wide)]


def targets(lm: np.ndarray, n: int) -> list[np.ndarray]:
    """n target frames: a head swaying and nodding while the mouth, lids and gaze move."""
    size = face_size(lm)
    out = []
    for i in range(n):
        phase = 2 * np.pi * i / n
        t = rigid(lm, roll_deg=6 * np.sin(phase), yaw_deg=12 * np.sin(2 * phase),
                  shift=(0.04 * size * np.cos(phase), 0.02 * size * np.sin(phase)))
        t = open_mouth(t, 0.25 * max(0.0, np.sin(3 * phase)))
        if i % 10 < 2:
            t = close_eye(close_eye(t, "right"), "left")
        out.append(gaze(t, 0.15 * np.sin(phase)).astype(np.float32))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=60)
    parser.add_argument("--threads", type=int, default=2, help="cv2.setNumThreads")
    parser.add_argument("--neck-layer", choices=("off", "on", "both"), default="on", help="MeshOptions.neck_layer")
    args = parser.parse_args()
    cv2.setNumThreads(args.threads)
    print(f"{platform.processor() or platform.machine()}, cv2 threads {args.threads}, "
          f"{time.strftime('%Y-%m-%d')}, frames {args.frames}\n")
    print("| case | face px | crop px | init ms | render ms (median) | render ms (p90) | render CPU ms (median) | fps |")
    print("|---|---|---|---|---|---|---|---|")
    for name, image in cases():
        lm = track_image(image).landmarks[0]
        layers = {"off": [False], "on": [True], "both": [False, True]}[args.neck_layer]
        animators, init_ms = [], []
        for on in layers:
            t0 = time.perf_counter()
            animators.append(MeshAnimator(image, lm, MeshOptions(neck_layer=on)))
            init_ms.append(1e3 * (time.perf_counter() - t0))
        frames = targets(lm, args.frames)
        for t in frames[:5]:
            for animator in animators:
                animator.render(t)  # warm-up
        times = [[] for _ in animators]
        cpu = [[] for _ in animators]  # process CPU time: less sensitive to other jobs on a shared machine
        for t in frames:
            for animator, row, row_cpu in zip(animators, times, cpu):
                t0, c0 = time.perf_counter(), time.process_time()
                animator.render(t)
                row.append(1e3 * (time.perf_counter() - t0))
                row_cpu.append(1e3 * (time.process_time() - c0))
        x0, y0, x1, y1 = animators[0].box
        for on, ms, row, row_cpu in zip(layers, init_ms, times, cpu):
            med, p90 = np.median(row), np.percentile(row, 90)
            label = f"{name}, neck layer {'on' if on else 'off'}" if len(layers) > 1 else name
            print(f"| {label} | {face_size(lm):.0f} | {x1 - x0}x{y1 - y0} | {ms:.0f} | {med:.1f} | {p90:.1f} "
                  f"| {np.median(row_cpu):.1f} | {1e3 / med:.0f} |")

if __name__ == "__main__":
    main()
