"""The `a1` path of `animate`: front end -> SkyReels-A1 at 12 fps in the model region (480x720) ->
paste back into the full-resolution source -> frame-rate conversion (optical flow by default) -> the caller's
frame sink."""

from __future__ import annotations

import functools
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from facereel.animate.a1_workers import window_runner
from facereel.animate.frame_progress import rescaled
from facereel.animate.options import AnimateOptions, output_fps
from facereel.engines.a1.constants import FACE_CROP, FPS
from facereel.face.crop import Region, aligned_face_crop, release_region
from facereel.face.paste import paste_region
from facereel.animate.inputs import Source, a1_condition, drive
from facereel.media.atomic import TEMP_PREFIX
from facereel.media.frames import OpenSink
from facereel.media.interpolate import convert_frame_rate
from facereel.motion.resample import output_times
from facereel.motion.motion import Motion

if TYPE_CHECKING:
    from facereel.engines.a1.engine import A1Engine
    from facereel.engines.a1.long_video import WindowReference, WindowRunner
    from facereel.engines.a1.options import A1Options


def a1_inputs(source: Source, targets: np.ndarray, size: tuple[int, int], region_mode: str = "face"
              ) -> tuple[Region, np.ndarray, Iterator[np.ndarray], np.ndarray]:
    """(region, reference (H, W, 3), condition frames, aligned face crop (512, 512, 3)) for the engine.

    region_mode: face (our 3:2 box around the face and its motion) | release (the release's centre crop
    or pad of the whole photo). The face crop is aligned in the model frame, as the release does.
    """
    frame_size = (source.image.shape[1], source.image.shape[0])
    region = release_region(frame_size, size) if region_mode == "release" else None
    region, drawings = a1_condition(source, targets, size, region=region)
    reference = region.crop(source.image)
    return region, reference, drawings, aligned_face_crop(reference, region.to_region(source.landmarks), FACE_CROP)


@functools.lru_cache(maxsize=1)
def loaded_engine(weights: str, device: str, options: "A1Options | None") -> "A1Engine":
    """The A1 engine for these weights, device and settings, kept loaded: processes that run many jobs (batch
    workers, the web app) load the 5B model once; other settings replace it (one model in memory)."""
    from facereel.engines.a1.engine import A1Engine

    return A1Engine.from_pretrained(weights, device=device, options=options)


def runner_for(options: AnimateOptions, device: str, say: Callable[[str], None]) -> "WindowRunner":
    """Who generates the windows for `options`: the `--workers` runner (animate.a1_workers), else the loaded
    engine on `device`, window after window; says in one line each what `auto` settings chose."""
    from facereel.engines.a1.engine import SequentialRunner

    runner = (window_runner(str(options.weights), options.workers, options.a1) if options.workers
              else SequentialRunner(loaded_engine(str(options.weights), device, options.a1)))
    resolved = runner.options
    if options.a1.offload == "auto":
        say(f"engine a1: --offload auto chose {resolved.offload}")
    if options.a1.attention != resolved.attention:
        say(f"engine a1: --attention {options.a1.attention} unavailable here, using torch SDPA")
    if resolved.guider_tiling == "on" and options.a1.guider_tiling == "auto":
        say("engine a1: pose guider tiled to fit GPU memory (landmark latents differ from the release's untiled encode)")
    return runner


def generate_in(folder: Path, runner: "WindowRunner", reference: np.ndarray, drawings: Iterable[np.ndarray],
                count: int, face: np.ndarray, options: AnimateOptions, progress: Callable[[int], None] | None,
                references: "Sequence[WindowReference] | None" = None) -> np.ndarray:
    """The generated frames (count, H, W, 3) uint8 of the condition `drawings` (`count` frames, [0] = the
    reference's own), as a scratch file in `folder`: condition and generated frames (~1 MB each per 12 fps
    frame) live on disk, so the driving video's length is limited by disk, not by host RAM. `progress(0)`
    after each denoising step (a caller's cancel check can stop the job there); `progress(n)` when a window
    finishes, n its frames among the `count` (each frame counted once: the calls sum to `count`)."""
    from facereel.engines.a1.long_video import generate_windows, video_windows

    height, width = runner.pixel_size
    windows = video_windows(runner.options, count)

    def report(window: int, _windows: int, step: int, steps: int) -> None:
        if progress is not None:
            progress(len(windows[window].output_indices()) + (window == 0) if step == steps else 0)

    shape = (count, height, width, 3)
    condition = np.lib.format.open_memmap(folder / "condition.npy", "w+", np.uint8, shape)
    for k, drawing in enumerate(drawings):
        condition[k] = drawing
    generated = np.lib.format.open_memmap(folder / "generated.npy", "w+", np.uint8, shape)
    generate_windows(runner, reference, condition, face, options.resume_dir, report, generated, references)
    return generated


def a1_output_frames(motion: Motion, options: AnimateOptions) -> tuple[float, int]:
    """(fps, frames) of the a1 output for `motion`: the driver's duration at the output fps (`output_fps`;
    the model's 12 fps frames are converted to it). The run's frame total (`on_total`)."""
    fps = output_fps("a1", options, motion.fps)
    return fps, len(output_times(len(motion), motion.fps, fps))


def render_a1(source: Source, motion: Motion, options: AnimateOptions, open_output: OpenSink, device: str,
               progress: Callable[[int], None] | None = None, say: Callable[[str], None] = lambda message: None,
               scratch: Path | None = None) -> int:
    """Animate with the A1 engine on `device` into the sink `open_output` opens; its condition and generated
    frames live in files in `scratch` (default: the system's temporary folder). Returns frames written.
    The sink opens with the frame total (`a1_output_frames`) before generation; `progress(n)`: n more output
    frames generated (a window's share of them when it finishes, `frame_progress.rescaled`; they are then
    converted and written at the end), 0 after each denoising step."""
    runner = runner_for(options, device, say)
    height, width = runner.pixel_size  # 480x720 for the released weights
    targets = drive(source, motion, options.retarget.for_engine("a1"), fps=float(FPS))
    region, reference, drawings, face = a1_inputs(source, targets, (width, height), options.region)
    fps, count = a1_output_frames(motion, options)
    with tempfile.TemporaryDirectory(prefix=f"{TEMP_PREFIX}a1-", dir=scratch) as folder, \
            open_output(fps, count) as writer:  # opened first: the total is known before the long generation
        generated = generate_in(Path(folder), runner, reference, drawings, len(targets) + 1, face, options,
                                rescaled(progress, len(targets) + 1, count))
        frames = convert_frame_rate(generated[1:], float(FPS), fps, count, options.interpolation)
        for frame in frames:  # pasted back one at a time: full-resolution frames are never all in memory
            writer.write(paste_region(source.image, np.asarray(frame), region) if options.paste_back
                         else np.asarray(frame))
        return writer.frames_written
