"""End-to-end speed of `facereel animate` with the mesh engine: ms per stage and total frames/s.

Usage: python bench/animate_speed.py [--repeat 3]
Driver: ../shared/data/driving/lp_d3.mp4 at 512x512 when present (real talking head, 30 fps, audio),
else the astronaut photo swaying (120 frames, 512x512). Sources: a 512x512 portrait (lp_s1 resized, else
the astronaut) and a 1280x720 half-body portrait (sr_4, else the astronaut padded to 1280x720).
Stages are timed one after the other on the same frames (decode, track, retarget, render, encode); the
totals run the real pipelines: the streamed pass (`_render_mesh` with no motion: decode+track and encode
on worker threads) and the two-pass path (track the whole driver, then render and encode).
"""

from __future__ import annotations

import argparse
import os
import platform
import tempfile
import time
from pathlib import Path

import cv2
import numpy as np

from facereel.animate import PortraitAnimator
from facereel.engines.mesh import MeshAnimator
from facereel.motion.streaming_retarget import StreamingRetargeter
from facereel.face.tracking import FaceTracker
from facereel.animate.inputs import Source, load_motion, source_from_image
from facereel.media.video import open_video
from facereel.media.writer import VideoWriter
from facereel.motion.retarget import RetargetOptions

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def _read(name: str) -> np.ndarray | None:
    import imageio.v3 as iio

    path = next(iter(sorted((SHARED / "portraits").glob(f"{name}.*"))), None)
    return None if path is None else np.ascontiguousarray(iio.imread(path)[..., :3])


def sources() -> list[tuple[str, Source]]:
    import skimage.data

    astronaut = np.ascontiguousarray(skimage.data.astronaut())
    s1, sr4 = _read("lp_s1"), _read("sr_4")
    square = ("lp_s1 512x512", cv2.resize(s1, (512, 512), interpolation=cv2.INTER_AREA)) if s1 is not None \
        else ("astronaut 512x512", astronaut)
    wide = ("sr_4 1280x720", cv2.resize(sr4, (1280, 720), interpolation=cv2.INTER_AREA)) if sr4 is not None \
        else ("astronaut padded 1280x720", cv2.copyMakeBorder(astronaut, 104, 104, 384, 384, cv2.BORDER_REFLECT))
    return [(name, source_from_image(image)) for name, image in (square, wide)]


def make_driver(folder: Path) -> tuple[Path, str]:
    """A 512x512 driving video (with the original's audio when it has one)."""
    real = SHARED / "driving" / "lp_d3.mp4"
    out = folder / "driver512.mp4"
    if real.exists():
        with open_video(real) as video, VideoWriter(out, fps=video.fps, audio_from=real) as writer:
            for frame in video.frames():
                writer.write(frame if frame.shape[:2] == (512, 512) else cv2.resize(frame, (512, 512), interpolation=cv2.INTER_AREA))
        return out, "lp_d3.mp4 at 512x512"
    import skimage.data

    image = skimage.data.astronaut()
    with VideoWriter(out, fps=30) as writer:
        for k in range(120):
            m = cv2.getRotationMatrix2D((256, 256), 8 * np.sin(2 * np.pi * k / 60), 1.0)
            writer.write(cv2.warpAffine(image, m, (512, 512), borderMode=cv2.BORDER_REFLECT))
    return out, "astronaut swaying, 512x512"


def stage_ms(source: Source, driver: Path, folder: Path) -> dict[str, float]:
    """Median ms per frame of each stage, run one after the other on the whole driver."""
    times: dict[str, list[float]] = {k: [] for k in ("decode", "track", "retarget", "render", "encode")}
    clock = time.perf_counter
    with open_video(driver) as video:
        frames, it = [], iter(video.frames())
        while True:
            t0 = clock()
            frame = next(it, None)
            if frame is None:
                break
            times["decode"].append(clock() - t0)
            frames.append(frame)
        fps = video.fps
    retargeter = StreamingRetargeter(source.landmarks, RetargetOptions(), fps)
    animator = MeshAnimator(source.image, source.landmarks)
    target = source.landmarks
    rendered = []
    with FaceTracker(video=True) as tracker:
        for frame in frames:
            t0 = clock()
            face = tracker(frame)
            t1 = clock()
            target = retargeter(face) if face is not None else target
            t2 = clock()
            rendered.append(animator.render(target))
            t3 = clock()
            times["track"].append(t1 - t0)
            times["retarget"].append(t2 - t1)
            times["render"].append(t3 - t2)
    with VideoWriter(folder / "encode.mp4", fps=fps) as writer:
        for frame in rendered:
            t0 = clock()
            writer.write(frame)
            times["encode"].append(clock() - t0)
    return {k: 1e3 * float(np.median(v)) for k, v in times.items()}


def pipeline_fps(source: Source, driver: Path, folder: Path, streamed: bool) -> float:
    t0 = time.perf_counter()
    motion = None if streamed else load_motion(driver)
    n = PortraitAnimator("mesh").to_file(source, driver if streamed else motion, folder / "out.mp4")
    return n / (time.perf_counter() - t0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each pipeline (the best and worst are shown)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        driver, what = make_driver(folder)
        with open_video(driver) as video:
            count = video.num_frames
        print(f"{platform.machine()}, {os.cpu_count()} cores, {time.strftime('%Y-%m-%d')}, load average "
              f"{os.getloadavg()[0]:.1f} at start; driver: {what} ({count} frames)\n")
        print("| source | decode | track | retarget | render | encode | sum of stages (fps) "
              "| streamed fps (min-max) | two-pass fps (min-max) |")
        print("|---|---|---|---|---|---|---|---|---|")
        for name, source in sources():
            ms = stage_ms(source, driver, folder)
            streamed = [pipeline_fps(source, driver, folder, True) for _ in range(args.repeat)]
            two_pass = [pipeline_fps(source, driver, folder, False) for _ in range(args.repeat)]
            total = sum(ms.values())
            print(f"| {name} | " + " | ".join(f"{ms[k]:.1f}" for k in ("decode", "track", "retarget", "render", "encode"))
                  + f" | {total:.1f} ms ({1e3 / total:.0f}) | {min(streamed):.0f}-{max(streamed):.0f} "
                  f"| {min(two_pass):.0f}-{max(two_pass):.0f} |")
        print(f"\nload average {os.getloadavg()[0]:.1f} at the end; stage columns: median ms per frame")


if __name__ == "__main__":
    main()
