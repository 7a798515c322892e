"""Tracking + retargeting speed at 512x512 and 1920x1080 (frames/s), decode excluded and reported apart.

Driver: ../shared/data/driving/lp_d3.mp4 when present (real talking head), else the astronaut photo moving.
The 1080p case puts the same frames, scaled to 512 px, into a 1920x1080 frame (a small face, half-body
framing). Run: .venv/bin/python bench/tracking.py [--frames N]
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from pathlib import Path

import cv2
import numpy as np

from facereel.face.tracking import FaceTracker, assemble_track
from facereel.animate.inputs import source_from_image
from facereel.motion.extract import extract_motion
from facereel.motion.retarget import RetargetOptions, retarget

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "driving" / "lp_d3.mp4"


def driver_frames(count: int) -> tuple[list[np.ndarray], float, str]:
    """(frames at 512x512, decode seconds per frame, description)."""
    if SHARED.exists():
        from facereel.media.video import open_video

        frames = []
        start = time.perf_counter()
        with open_video(SHARED) as video:
            for frame in video.frames():
                frames.append(cv2.resize(frame, (512, 512), interpolation=cv2.INTER_AREA))
                if len(frames) == count:
                    break
        return frames, (time.perf_counter() - start) / len(frames), f"{SHARED.name} ({len(frames)} frames)"
    from skimage import data

    base = data.astronaut()
    h, w = base.shape[:2]
    frames = [cv2.warpAffine(base, cv2.getRotationMatrix2D((w / 2, h / 2), 8 * np.sin(k / 7), 1.0), (w, h)) for k in range(count)]
    return frames, float("nan"), f"astronaut, moving ({count} frames)"


def place_1080p(frame: np.ndarray) -> np.ndarray:
    canvas = np.full((1080, 1920, 3), 60, np.uint8)
    canvas[500:1012, 1200:1712] = frame
    return canvas


def bench(frames: list[np.ndarray], fps: float) -> tuple[float, float, float]:
    """(track ms/frame, retarget ms/frame, combined frames/s)."""
    points = []
    with FaceTracker() as tracker:
        tracker(frames[0])  # warm-up: graph start and first detection are not per-frame costs
        start = time.perf_counter()
        for frame in frames:
            points.append(tracker(frame))
        track_s = time.perf_counter() - start
    source = source_from_image(frames[0])
    start = time.perf_counter()
    motion = extract_motion(assemble_track(points, fps, (frames[0].shape[1], frames[0].shape[0])))
    retarget(source.landmarks, motion, RetargetOptions())
    retarget_s = time.perf_counter() - start
    n = len(frames)
    return 1000 * track_s / n, 1000 * retarget_s / n, n / (track_s + retarget_s)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--frames", type=int, default=300)
    args = parser.parse_args()
    frames, decode_s, what = driver_frames(args.frames)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.processor() or 'cpu'}; driver: {what}")
    if decode_s == decode_s:
        print(f"decode + resize of the 512x512 driver: {1000 * decode_s:.2f} ms/frame")
    print("| frame size | tracking ms/frame | retargeting ms/frame | tracking + retargeting frames/s |")
    print("|---|---|---|---|")
    for name, batch in (("512x512", frames), ("1920x1080 (small face)", [place_1080p(f) for f in frames])):
        track_ms, retarget_ms, fps = bench(batch, 25.0)
        print(f"| {name} | {track_ms:.2f} | {retarget_ms:.3f} | {fps:.0f} |")


if __name__ == "__main__":
    main()
