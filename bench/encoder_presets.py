"""x264 presets of `VideoWriter` on real frames: CPU ms per frame, file size and quality (PSNR of the decoded
video against the frames written), to choose `facereel animate`'s default `--encoder-preset`.

Usage: python bench/encoder_presets.py [--frames 150] [--repeat 2] [--presets ultrafast,superfast,veryfast]
Last table: the writer's RGB -> yuv420p conversion alone (no encoder), the rgb24 frame made by copying the array
(`VideoFrame.from_ndarray`, the writer before the seventeenth session) and on the array's own pixels (`_rgb_frame`).
Frames: ../shared/data/driving/lp_d3.mp4 resized to 512x512 (a real talking head, as bench/animate_speed.py
drives with), decoded once and kept in memory, so only the encoder is timed. CPU time is the process's (it
counts x264's own threads), the steadier measure on a shared machine; wall time is shown beside it. The
do-nothing baseline for the quality column is the first frame repeated, scored against the same frames.
"""

from __future__ import annotations

import argparse
import os
import platform
import tempfile
import time
from pathlib import Path

import av
import cv2
import numpy as np

from facereel.media.video import open_video
from facereel.media.frame_convert import FrameConverter
from facereel.media.writer import VideoWriter, _rgb_frame

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def frames_512(count: int) -> list[np.ndarray]:
    """The first `count` frames of lp_d3 at 512x512, (512, 512, 3) uint8 RGB."""
    out = []
    with open_video(SHARED / "driving" / "lp_d3.mp4") as video:
        for frame in video.frames():
            out.append(cv2.resize(frame, (512, 512), interpolation=cv2.INTER_AREA))
            if len(out) == count:
                break
    return out


def psnr(a: np.ndarray, b: np.ndarray) -> float:
    """dB over all pixels and channels of two uint8 stacks of the same shape."""
    mse = float(np.mean((a.astype(np.float32) - b.astype(np.float32)) ** 2))
    return 10 * np.log10(255.0 ** 2 / max(mse, 1e-12))


def encode(frames: list[np.ndarray], path: Path, preset: str) -> tuple[float, float]:
    """(wall ms, CPU ms) per frame of writing `frames` with `preset` (the flush at the end included)."""
    t0, c0 = time.perf_counter(), time.process_time()
    with VideoWriter(path, fps=30, preset=preset) as writer:
        for frame in frames:
            writer.write(frame)
    return 1e3 * (time.perf_counter() - t0) / len(frames), 1e3 * (time.process_time() - c0) / len(frames)


def conversion(frames: list[np.ndarray], in_place: bool) -> float:
    """Process CPU ms per frame of the writer's RGB -> yuv420p conversion, the rgb24 frame copied or in place."""
    convert = FrameConverter()
    c0 = time.process_time()
    for frame in frames:
        rgb = _rgb_frame(frame) if in_place else av.VideoFrame.from_ndarray(frame, format="rgb24")
        convert(rgb, format="yuv420p", dst_colorspace="itu709", dst_color_range="MPEG")
    return 1e3 * (time.process_time() - c0) / len(frames)


def _spread(values: list[float]) -> str:
    """'min, median, max' of `values` (ms), two decimals."""
    return ", ".join(f"{v:.2f}" for v in (min(values), float(np.median(values)), max(values)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=150)
    parser.add_argument("--repeat", type=int, default=2, help="runs per preset, interleaved; min, median, max shown")
    parser.add_argument("--presets", default="ultrafast,superfast,veryfast")
    args = parser.parse_args()
    presets = args.presets.split(",")
    frames = frames_512(args.frames)
    stack = np.stack(frames)
    print(f"{platform.machine()}, {os.cpu_count()} cores, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
          f"load average {os.getloadavg()[0]:.1f} at start; {len(frames)} frames of lp_d3 at 512x512, crf 18\n")
    times: dict[str, list[tuple[float, float]]] = {p: [] for p in presets}
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.repeat):
            for preset in presets:  # interleaved, so a change of load hits every preset alike
                times[preset].append(encode(frames, Path(tmp) / f"{preset}.mp4", preset))
        print("| preset | CPU ms / frame (min, median, max) | wall ms / frame (min, median, max) | file kB | PSNR dB |")
        print("|---|---|---|---|---|")
        for preset in presets:
            path = Path(tmp) / f"{preset}.mp4"
            with open_video(path) as video:
                decoded = np.stack(list(video.frames()))
            cpu = [c for _, c in times[preset]]
            wall = [w for w, _ in times[preset]]
            print(f"| {preset} | {_spread(cpu)} | {_spread(wall)} "
                  f"| {path.stat().st_size / 1e3:.0f} | {psnr(decoded, stack):.2f} |")
    print(f"| do-nothing baseline (first frame repeated) | - | - | - | {psnr(np.broadcast_to(stack[:1], stack.shape), stack):.2f} |")
    ways: dict[str, list[float]] = {"copied (from_ndarray)": [], "in place (_rgb_frame)": []}
    for _ in range(3 * args.repeat):
        for way, times_ in ways.items():
            times_.append(conversion(frames, way.startswith("in place")))
    print("\n| RGB -> yuv420p, rgb24 frame | CPU ms / frame (min, median, max) |\n|---|---|")
    for way, times_ in ways.items():
        print(f"| {way} | {_spread(times_)} |")
    print(f"\nload average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
