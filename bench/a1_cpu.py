"""CPU benchmark of the SkyReels-A1 engine at the tiny random-weight configuration.

Runs the whole user path (tiny folder in the published layout -> A1Engine.from_pretrained -> generate) with
the published sampling settings (10 steps, guidance 3, 49-frame windows overlapping by 8) on small frames,
and prints seconds per denoising step, seconds per 49-frame clip (window) and the peak resident memory.

    HF_HUB_OFFLINE=1 /work/venv/bin/python bench/a1_cpu.py [--frames 97] [--height 64 --width 96] [--repeats 3]
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import numpy as np  # noqa: E402
import torch  # noqa: E402

from facereel.engines.a1 import A1Engine, A1Options  # noqa: E402
from facereel.engines.a1 import constants as C  # noqa: E402
from facereel.engines.a1.tiny import make_tiny_weights  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=97, help="condition frames (97 = 3 windows)")
    parser.add_argument("--height", type=int, default=64)
    parser.add_argument("--width", type=int, default=96)
    parser.add_argument("--repeats", type=int, default=3, help="timed runs (min and median are printed)")
    parser.add_argument("--dtype", choices=["float32", "bfloat16"], default="float32")
    args = parser.parse_args()
    dtype = getattr(torch, args.dtype)

    with tempfile.TemporaryDirectory() as tmp:
        weights = make_tiny_weights(Path(tmp) / "weights", args.height, args.width, C.WINDOW_FRAMES)
        engine = A1Engine.from_pretrained(weights, "cpu", dtype, A1Options())
    rng = np.random.default_rng(0)
    reference = rng.integers(0, 256, (args.height, args.width, 3), dtype=np.uint8)
    condition = rng.integers(0, 256, (args.frames, args.height, args.width, 3), dtype=np.uint8)
    face = rng.integers(0, 256, (C.FACE_CROP, C.FACE_CROP, 3), dtype=np.uint8)

    step_s, clip_s = [], []
    for _ in range(args.repeats):
        ticks: list[tuple[int, int, float]] = []
        start = time.perf_counter()
        video = engine.generate(reference, condition, face,
                               progress=lambda w, n, s, t: ticks.append((w, s, time.perf_counter())))
        windows = ticks[-1][0] + 1
        clip_s.append((time.perf_counter() - start) / windows)
        # Step time: between consecutive step reports inside a window (excludes encode and decode).
        step_s.append(float(np.mean([b[2] - a[2] for a, b in zip(ticks, ticks[1:])
                                     if a[0] == b[0] and 1 <= a[1] and b[1] < C.STEPS])))
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB

    print(f"machine: {platform.machine()} {os.cpu_count()} cores, torch {torch.__version__}, "
          f"threads {torch.get_num_threads()}")
    print(f"tiny A1 config, {args.width}x{args.height} px, {args.frames} condition frames -> {len(video)} "
          f"output frames, {windows} windows of {C.WINDOW_FRAMES}, {C.STEPS} steps, guidance {C.GUIDANCE}, "
          f"{args.dtype}")
    print(f"runs: {args.repeats}; min / median over runs (a shared machine makes single runs noisy)")
    print(f"seconds per step: {min(step_s):.4f} / {np.median(step_s):.4f}")
    print(f"seconds per 49-frame clip (window, incl. encode/decode): {min(clip_s):.3f} / {np.median(clip_s):.3f}")
    print(f"peak RSS: {peak_mib:.0f} MiB")


if __name__ == "__main__":
    main()
