"""Wall time of one long a1 video on 1 vs N workers (CPU, tiny random-weight model): windows spread over local
threads (engines.a1.window_threads) or Ray actors (engines.a1.window_ray, `--ray`: a local cluster of N CPUs),
with the published sampling settings (10 steps, 49-frame windows sharing 8, blend steps 4..7). Each worker gets
`--threads` torch threads, so N workers use N x threads cores. Also checks that every run gives the one-worker
frames bit for bit.

    HF_HUB_OFFLINE=1 python bench/a1_workers.py [--frames 169] [--workers 2] [--threads 1] [--ray]
"""

from __future__ import annotations

import argparse
import os
import platform
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import numpy as np  # noqa: E402
import torch  # noqa: E402

from facereel.engines.a1 import A1Engine, A1Options  # noqa: E402
from facereel.engines.a1 import constants as C  # noqa: E402
from facereel.engines.a1.tiny import make_tiny_weights  # noqa: E402
from facereel.engines.a1.window_threads import ThreadedRunner  # noqa: E402
from facereel.engines.a1.windows import plan_windows  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=169, help="condition frames (169 = 4 windows of 49)")
    parser.add_argument("--height", type=int, default=64)
    parser.add_argument("--width", type=int, default=96)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=1, help="torch threads per worker")
    parser.add_argument("--ray", action="store_true", help="also time Ray actors on a local cluster")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)

    rng = np.random.default_rng(0)
    reference = rng.integers(0, 256, (args.height, args.width, 3), dtype=np.uint8)
    condition = rng.integers(0, 256, (args.frames, args.height, args.width, 3), dtype=np.uint8)
    face = rng.integers(0, 256, (C.FACE_CROP, C.FACE_CROP, 3), dtype=np.uint8)
    windows = len(plan_windows(args.frames - 1, C.WINDOW_FRAMES, C.WINDOW_OVERLAP))
    print(f"machine: {platform.machine()} {os.cpu_count()} cores (shared with other jobs), torch {torch.__version__}")
    print(f"CPU tiny A1 config, {args.width}x{args.height} px, {args.frames} frames = {windows} windows of "
          f"{C.WINDOW_FRAMES} sharing {C.WINDOW_OVERLAP}, {C.STEPS} steps, float32, {args.threads} torch thread(s) "
          "per worker")

    with tempfile.TemporaryDirectory() as tmp:
        weights = make_tiny_weights(Path(tmp) / "weights", args.height, args.width, C.WINDOW_FRAMES)
        engines = [A1Engine.from_pretrained(weights, "cpu", torch.float32, A1Options()) for _ in range(args.workers)]
        runs = {"1 worker (one engine, window after window)": None,
                f"{args.workers} local workers (threads)": ThreadedRunner(engines)}
        if args.ray:
            import ray

            from facereel.engines.a1.window_ray import RayRunner

            ray.init(num_cpus=args.workers * args.threads, include_dashboard=False, log_to_driver=False)
            runs[f"{args.workers} Ray actors (local cluster)"] = RayRunner(weights, A1Options(), torch.float32,
                                                                           workers=args.workers)
        baseline = None
        for label, runner in runs.items():
            start = time.perf_counter()
            video = engines[0].generate(reference, condition, face, runner=runner)
            seconds = time.perf_counter() - start
            baseline = video if baseline is None else baseline
            same = "identical to 1 worker" if np.array_equal(video, baseline) else "DIFFERS from 1 worker"
            print(f"{label}: {seconds:.1f} s wall, {seconds / windows:.2f} s per window; frames {same}")


if __name__ == "__main__":
    main()
