"""The `a1` path of `animate`: front end -> SkyReels-A1 at 12 fps in the face's model region (480x720) ->
paste back into the full-resolution source -> optional frame-rate conversion -> the caller's frame sink."""

from __future__ import annotations

import functools
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from facereel.animate.options import AnimateOptions, output_fps
from facereel.engines.a1.constants import FACE_CROP, FPS
from facereel.face.crop import aligned_face_crop
from facereel.face.paste import paste_region
from facereel.frontend import Source, a1_condition, drive
from facereel.media.atomic import TEMP_PREFIX
from facereel.media.frames import OpenSink
from facereel.motion.motion import Motion

if TYPE_CHECKING:
    from facereel.engines.a1.engine import A1Engine
    from facereel.engines.a1.options import A1Options


def blended_frames(frames: np.ndarray, fps_in: float, fps_out: float, count: int) -> Iterator[np.ndarray]:
    """`count` frames at fps_out from (T, H, W, 3) frames at fps_in, each a linear blend of the two nearest
    (a cross-fade: no motion estimation). Yielded one at a time, so long videos stay in bounded memory."""
    for k in range(count):
        t = k / fps_out * fps_in
        lo = min(int(np.floor(t)), len(frames) - 1)
        hi = min(lo + 1, len(frames) - 1)
        w = np.float32(t - lo)
        yield np.clip(frames[lo] * (1 - w) + frames[hi] * w + 0.5, 0, 255).astype(np.uint8)


@functools.lru_cache(maxsize=1)
def loaded_engine(weights: str, device: str, options: "A1Options | None") -> "A1Engine":
    """The A1 engine for these weights, device and settings, kept loaded: processes that run many jobs (batch
    workers, the web app) load the 5B model once; other settings replace it (one model in memory)."""
    from facereel.engines.a1.engine import A1Engine

    return A1Engine.from_pretrained(weights, device=device, options=options)


def animate_a1(source: Source, motion: Motion, options: AnimateOptions, open_output: OpenSink, device: str,
               progress: Callable[[int], None] | None = None, say: Callable[[str], None] = lambda message: None,
               scratch: Path | None = None) -> int:
    """Animate with the A1 engine on `device` into the sink `open_output` opens; its condition and generated
    frames live in files in `scratch` (default: the system's temporary folder). Returns frames written."""
    engine = loaded_engine(str(options.weights), device, options.a1)
    if options.a1.offload == "auto":
        say(f"engine a1: --offload auto chose {engine.options.offload}")
    if options.a1.attention != engine.options.attention:
        say(f"engine a1: --attention {options.a1.attention} unavailable here, using torch SDPA")
    height, width = engine.pipeline.pixel_size  # 480x720 for the released weights
    targets = drive(source, motion, options.retarget.for_engine("a1"), fps=float(FPS))
    region, drawings = a1_condition(source, targets, (width, height))
    reference = region.crop(source.image)
    face = aligned_face_crop(source.image, source.landmarks, FACE_CROP)

    def report(window: int, count: int, step: int, steps: int) -> None:
        # Called after every denoising step, so a caller's progress callback can stop a job between steps
        # (the web app's cancel); a finished window counts one.
        if progress is not None:
            progress(1 if step == steps else 0)

    shape = (len(targets) + 1, height, width, 3)
    # Condition and generated frames live in scratch files (~1 MB each per 12 fps frame), so the length of
    # the driving video is limited by disk, not by host RAM.
    with tempfile.TemporaryDirectory(prefix=f"{TEMP_PREFIX}a1-", dir=scratch) as folder:
        condition = np.lib.format.open_memmap(Path(folder) / "condition.npy", "w+", np.uint8, shape)
        for k, drawing in enumerate(drawings):
            condition[k] = drawing
        generated = np.lib.format.open_memmap(Path(folder) / "generated.npy", "w+", np.uint8, shape)
        engine.animate(reference, condition, face, resume_dir=options.resume_dir, progress=report, out=generated)
        fps = output_fps("a1", options, motion.fps)
        frames = (blended_frames(generated[1:], float(FPS), fps, len(motion)) if options.interpolate
                  else iter(generated[1:]))
        with open_output(fps) as writer:
            for frame in frames:  # pasted back one at a time: full-resolution frames are never all in memory
                writer.write(paste_region(source.image, np.asarray(frame), region) if options.paste_back
                             else np.asarray(frame))
            return writer.frames_written
