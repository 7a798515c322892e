"""CPU ms a frame the head layer's bicubic inside (`sharp_inside`, issue #9's grain) adds to the draw stage, and the
grain it keeps (`figures.skin_grain`), and how much of that the compiled read itself takes.

Case (needs ../shared/data): lp_s1 at `--size` (512x512; 0: its own 1145 px) driven by lp_d3 (its first `--frames` frames, streamed targets as
`facereel animate` makes them). Each frame is mapped once (`MeshAnimator.map_frame`, not timed), then every frame is
drawn (`MeshAnimator.draw`, default `MeshOptions`) with `SharpInside.apply` on and off by turns, `--repeat` rounds, in one process with
OpenCV on one thread; the time is the thread's own (time.thread_time), minimum and median over the rounds. In the rounds
with it on, `SharpInside.apply`'s own thread time is summed per call kind: the head layer's (4 channels, in
`HeadLayer.composite`) and the eyes' boxes' (3 channels, in `sharp_eyes.restore_detail`). The
`SkinGrain` readings (medians over the frames from the third, per disc) are of the frames drawn with it on and off.

Run: PYTHONPATH=src .venv/bin/python bench/grain_cost.py [--frames 90] [--repeat 5] [--size 512]
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from itertools import islice
from pathlib import Path

import cv2
import numpy as np

from facereel.animate.inputs import load_source
from facereel.animate.options import AnimateOptions, mesh_options
from facereel.animate.run import resize_source
from facereel.engines.mesh import MeshAnimator, sharp_inside
from facereel.engines.mesh.driven import DrivenPortrait
from facereel.engines.mesh.figures.skin_grain import PATCHES, SkinGrain
from facereel.engines.mesh.stream_video import drive_frames, track_driver
from facereel.media.video import open_video

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def _targets(frames: int, size: int | None) -> tuple[np.ndarray, np.ndarray, list[np.ndarray]]:
    """lp_s1 at `size` px (None: its own; image, landmarks (478, 3) px) and its targets for lp_d3's first `frames`
    frames, as the streamed pass drives them (`stream_video.drive_frames`)."""
    source = resize_source(load_source(SHARED / "portraits" / "lp_s1.jpg"), size)
    options = AnimateOptions()
    with open_video(SHARED / "driving" / "lp_d3.mp4") as video:
        portrait = DrivenPortrait(source.image, source.landmarks, options.retarget, video.fps, mesh_options(options))
        driving = list(islice(video.frames(fps=video.fps), frames))
    return source.image, source.landmarks, [f.target for f in drive_frames(track_driver(iter(driving), None, False),
                                                                          portrait)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=90)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--size", type=int, default=512, help="px the portrait is scaled to; 0: its own size")
    args = parser.parse_args()
    cv2.setNumThreads(1)
    image, lm, targets = _targets(args.frames, args.size or None)
    animator = MeshAnimator(image.copy(), lm.copy())
    maps = [animator.map_frame(target) for target in targets]
    apply = sharp_inside.SharpInside.apply
    read: dict[int, float] = {4: 0.0, 3: 0.0}  # the compiled read's own thread s, by the channels read

    def timed(self: sharp_inside.SharpInside, head: np.ndarray, at: np.ndarray) -> None:
        start = time.thread_time()
        apply(self, head, at)
        read[head.shape[2]] += time.thread_time() - start

    ways = {"off": lambda self, head, at: None, "on": timed}
    times: dict[str, list[float]] = {"off": [], "on": []}
    grain = SkinGrain(image, lm)
    reads: dict[str, list[np.ndarray]] = {"off": [], "on": []}
    for round_ in range(args.repeat):
        for name, way in ways.items():
            sharp_inside.SharpInside.apply = way
            start = time.thread_time()
            drawn = [animator.draw(frame) for frame in maps]
            times[name].append((time.thread_time() - start) / len(maps) * 1000)
            if round_ == 0:
                reads[name] = [grain(frame, target) for frame, target in zip(drawn, targets)]
    sharp_inside.SharpInside.apply = apply
    calls = len(maps) * args.repeat / 1000  # frames drawn with it on, over ms
    print(f"{platform.machine()}, {os.cpu_count()} cores, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
          f"load {os.getloadavg()[0]:.1f}; lp_s1 {image.shape[1]} x lp_d3, {len(maps)} frames, {args.repeat} rounds")
    for name in ways:
        grains = np.nanmedian(np.array(reads[name][2:]), 0)
        print(f"{name}: draw CPU ms/frame min {min(times[name]):.2f} median {np.median(times[name]):.2f}; skin grain "
              + ", ".join(f"{disc} {value:.2f}" for disc, value in zip(PATCHES, grains)))
    print(f"added: {min(times['on']) - min(times['off']):.2f} (min) / "
          f"{np.median(times['on']) - np.median(times['off']):.2f} (median) ms a frame, of which the read itself "
          f"{read[4] / calls:.2f} (the head layer) + {read[3] / calls:.2f} (the eyes' boxes) (mean)")


if __name__ == "__main__":
    main()
