"""End-to-end speed of `facereel animate` with the mesh engine: ms per stage and total frames/s.

Usage: python bench/animate_speed.py [--repeat 3] [--square-only] [--no-pipeline-table] [--health-every N]
Driver: ../shared/data/driving/lp_d3.mp4 at 512x512 when present (real talking head, 30 fps, audio),
else the astronaut photo swaying (120 frames, 512x512). Sources: a 512x512 portrait (lp_s1 resized, else
the astronaut) and a 1280x720 half-body portrait (sr_4, else the astronaut padded to 1280x720).

First table: stages timed one after the other on the same frames (decode, track, retarget, render,
encode, and a warp-health read after each render: not in their sum), median wall ms per frame and (in brackets)
mean process CPU ms per frame; then the real paths:
the streamed pass (`PortraitAnimator.to_file` with the driving video: engines/mesh/stream_video.py) with
its process CPU ms per frame and overlap (process CPU / wall: 2.0 = both cores busy the whole run), and
the two-pass path (track the whole driver, then render and encode).
Second table (the pipeline, `render_video` as `animate` calls it): frames/s with the stages on threads
of their own and one after the other (`pipelined=False`), each stage's own CPU ms per frame (its
thread's time; OpenCV's and x264's helper threads are in the process total only), the caller's own CPU
one after the other ("sequential": no helper thread in it) and the process CPU of both (every thread:
mediapipe's graph, x264's and FFmpeg's workers and the animator's set-up too, as the streamed column), so
the pipeline's own cost is their difference; "health": the map stage's warp-health reads (part of "map"), which
`facereel animate` takes for its summary on every Nth frame (`--health-every`, default the CLI's; 1: every frame, as
before the forty-seventh session; 0: none, as the API without `warp_health`). The streamed and pipelined passes
read it as `animate` does. `--no-pipeline-table`
leaves it out (a source tree from before the pipeline, to compare the first table).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np

from facereel.animate import PortraitAnimator
from facereel.animate.options import AnimateOptions, mesh_options
from facereel.cli.animate import HEALTH_EVERY
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


@contextlib.contextmanager
def issue_case(what: str) -> Iterator[tuple[Path, str, Source, Path, str]]:
    """Issue #9's case in a temporary folder: (folder, portrait name, `Source`, driver path, driver name) of
    the 512x512 portrait (`sources`) and driver (`make_driver`), after printing the machine, the date, the
    case and `what` (the bench's own settings) as a bench's header line."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        driver, driven_by = make_driver(folder)
        name, source = sources()[0]
        print(f"{platform.machine()}, {os.cpu_count()} cores, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; "
              f"{name} driven by {driven_by}; {what}\n")
        yield folder, name, source, driver, driven_by


def stage_ms(source: Source, driver: Path, folder: Path) -> dict[str, tuple[float, float]]:
    """Per stage, run one after the other on the whole driver: (median wall ms, mean CPU ms) per frame."""
    names = ("decode", "track", "retarget", "render", "health", "encode")
    times: dict[str, list[float]] = {k: [] for k in names}
    cpu = dict.fromkeys(names, 0.0)
    clock, cpu_clock = time.perf_counter, time.process_time
    with open_video(driver) as video:
        frames, it = [], iter(video.frames())
        while True:
            t0, c0 = clock(), cpu_clock()
            frame = next(it, None)
            if frame is None:
                break
            times["decode"].append(clock() - t0)
            cpu["decode"] += cpu_clock() - c0
            frames.append(frame)
        fps = video.fps
    retargeter = StreamingRetargeter(source.landmarks, RetargetOptions(), fps)
    animator = MeshAnimator(source.image, source.landmarks)
    target = source.landmarks
    rendered = []
    with FaceTracker(video=True) as tracker:
        for frame in frames:
            t0, c0 = clock(), cpu_clock()
            face = tracker(frame)
            t1, c1 = clock(), cpu_clock()
            target = retargeter(face) if face is not None else target
            t2, c2 = clock(), cpu_clock()
            rendered.append(animator.render(target))
            t3, c3 = clock(), cpu_clock()
            animator.warp_health  # read (computed on its first read after a render): the "health" stage
            t4, c4 = clock(), cpu_clock()
            for name, wall, spent in (("track", t1 - t0, c1 - c0), ("retarget", t2 - t1, c2 - c1),
                                      ("render", t3 - t2, c3 - c2), ("health", t4 - t3, c4 - c3)):
                times[name].append(wall)
                cpu[name] += spent
    with VideoWriter(folder / "encode.mp4", fps=fps) as writer:
        for frame in rendered:
            t0, c0 = clock(), cpu_clock()
            writer.write(frame)
            times["encode"].append(clock() - t0)
            cpu["encode"] += cpu_clock() - c0
    return {k: (1e3 * float(np.median(v)), 1e3 * cpu[k] / len(v)) for k, v in times.items()}


def _stride(health_every: int) -> dict[str, int]:
    """The `health_every` argument where it is a stride (> 1): none for 1 or 0, so a tree from before the stride (which
    reads every frame when asked) runs the bench with `--health-every 1` or 0."""
    return {"health_every": health_every} if health_every > 1 else {}


def pipeline_fps(source: Source, driver: Path, folder: Path, streamed: bool, health_every: int
                 ) -> tuple[float, float]:
    """(frames/s, process CPU ms per frame) of `facereel animate`'s streamed or two-pass path, the warp health
    read on every `health_every`th frame (0: none)."""
    t0, c0 = time.perf_counter(), time.process_time()
    motion = None if streamed else load_motion(driver)
    n = PortraitAnimator("mesh").to_file(source, driver if streamed else motion, folder / "out.mp4",
                                         warp_health=[] if health_every else None, **_stride(health_every))
    return n / (time.perf_counter() - t0), 1e3 * (time.process_time() - c0) / n


def pipeline_stages(source: Source, driver: Path, folder: Path, pipelined: bool, health_every: int
                    ) -> tuple[float, dict[str, float]]:
    """(frames/s, CPU ms per frame by stage, and the whole process's as "process") of `render_video` as
    `animate` calls it for this driver, the warp health read on every `health_every`th frame (0: none)."""
    from facereel.engines.mesh.stream_video import render_video

    options = AnimateOptions()
    cpu: dict[str, float] = {}

    def output(fps: float) -> VideoWriter:
        return VideoWriter(folder / "out.mp4", fps, audio_from=driver, preset=options.encoder_preset)

    t0, c0 = time.perf_counter(), time.process_time()
    n = render_video(source.image, source.landmarks, driver, output, options.retarget, mesh=mesh_options(options),
                     pipelined=pipelined, cpu=cpu, health=[] if health_every else None,
                     **_stride(health_every))
    cpu["process"] = time.process_time() - c0
    return n / (time.perf_counter() - t0), {k: 1e3 * v / n for k, v in cpu.items()}


def span(values: list[float]) -> str:
    return f"{min(values):.0f}-{max(values):.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each pipeline (the best and worst are shown)")
    parser.add_argument("--square-only", action="store_true", help="the 512x512 source only")
    parser.add_argument("--no-pipeline-table", action="store_true",
                        help="leave out the second table (a source tree from before the pipeline)")
    parser.add_argument("--health-every", type=int, default=HEALTH_EVERY,
                        help="the warp health read on every Nth frame, as `animate --health-every` (0: none)")
    args = parser.parse_args()
    every = args.health_every
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        driver, what = make_driver(folder)
        with open_video(driver) as video:
            count = video.num_frames
        print(f"{platform.machine()}, {os.cpu_count()} cores, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
              f"load average {os.getloadavg()[0]:.1f} at start; driver: {what} ({count} frames); warp health read on "
              f"{f'1 frame in {every}' if every else 'no frame'}\n")
        print("| source | decode | track | retarget | render | health (a read) | encode | sum of stages (fps) "
              "| streamed fps (min-max) | streamed CPU ms/frame, overlap | two-pass fps (min-max) |")
        print("|---|---|---|---|---|---|---|---|---|---|---|")
        chosen = sources()[:1] if args.square_only else sources()
        for name, source in chosen:
            ms = stage_ms(source, driver, folder)
            streamed = [pipeline_fps(source, driver, folder, True, every) for _ in range(args.repeat)]
            two_pass = [pipeline_fps(source, driver, folder, False, every)[0] for _ in range(args.repeat)]
            total = sum(wall for k, (wall, _) in ms.items() if k != "health")
            cpu = float(np.median([c for _, c in streamed]))
            overlap = float(np.median([c * f / 1e3 for f, c in streamed]))
            print(f"| {name} | " + " | ".join(f"{ms[k][0]:.1f} ({ms[k][1]:.1f})" for k in ms)
                  + f" | {total:.1f} ms ({1e3 / total:.0f}) | {span([f for f, _ in streamed])} "
                  f"| {cpu:.1f}, {overlap:.2f} | {span(two_pass)} |")
        if not args.no_pipeline_table:
            print("\n| source | pipelined fps (min-max) | one after the other fps (min-max) | CPU ms/frame by stage "
                  "(decode, track + retarget, map (of which health), draw, encode) | sequential CPU ms/frame "
                  "| process CPU ms/frame, pipelined / one after the other |")
            print("|---|---|---|---|---|---|")
            for name, source in chosen:
                runs = [(pipeline_stages(source, driver, folder, True, every),
                         pipeline_stages(source, driver, folder, False, every)) for _ in range(args.repeat)]
                stages = {k: float(np.median([p[1].get(k, 0.0) for p, _ in runs]))
                          for k in ("decode", "track", "map", "health", "draw", "encode")}
                print(f"| {name} | {span([p[0] for p, _ in runs])} | {span([q[0] for _, q in runs])} | "
                      + "{decode:.1f}, {track:.1f}, {map:.1f} ({health:.1f}), {draw:.1f}, {encode:.1f}".format(**stages)
                      + f" | {float(np.median([q[1]['sequential'] for _, q in runs])):.1f} "
                      f"| {float(np.median([p[1]['process'] for p, _ in runs])):.1f} / "
                      f"{float(np.median([q[1]['process'] for _, q in runs])):.1f} |")
        print(f"\nload average {os.getloadavg()[0]:.1f} at the end; stage columns: median wall ms per frame "
              "(mean CPU ms per frame)")


if __name__ == "__main__":
    main()
