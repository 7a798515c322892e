"""`A1Engine`: the public entry point of the SkyReels-A1 engine (see docs/a1-engine.md)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import numpy as np
import torch

from facereel.engines.a1.attention import resolve_attention
from facereel.engines.a1.memory import (
    apply_placement,
    apply_speed,
    apply_storage,
    prefer_expandable_segments,
    resolve_offload,
)
from facereel.engines.a1.options import A1Options
from facereel.engines.a1.pipeline import A1Pipeline
from facereel.engines.a1.weights import A1Components, load_components
from facereel.engines.a1.long_video import (
    Finished,
    OnStep,
    Progress,
    WindowReference,
    WindowRunner,
    WindowTask,
    generate_windows,
    video_windows,
)
from facereel.engines.a1.windows import OverlapBlender, Window
from facereel.errors import InputError


class A1Engine:
    """Animates a reference portrait along a landmark-drawing video with the SkyReels-A1 transformer."""

    def __init__(self, components: A1Components, device: torch.device, dtype: torch.dtype,
                 options: A1Options) -> None:
        self.components = components
        self.options = options
        self.pipeline = A1Pipeline(components, device, dtype, options.guidance, options.steps, options.attention,
                                   options.guidance_steps, options.float32_latents)

    @classmethod
    def from_pretrained(cls, weights: str | Path, device: str | torch.device = "cpu",
                        dtype: torch.dtype = torch.bfloat16, options: A1Options | None = None) -> A1Engine:
        """Load from a published-layout folder (or hub id when online) and place the weights per `options`."""
        return cls.from_components(load_components(weights, dtype), device, dtype, options)

    @classmethod
    def from_components(cls, components: A1Components, device: str | torch.device = "cpu",
                        dtype: torch.dtype = torch.bfloat16, options: A1Options | None = None) -> A1Engine:
        """Wrap already-built components (e.g. random full-size ones in bench/a1_gpu.py); applies `options`."""
        device = torch.device(device)
        if device.type == "cuda":
            prefer_expandable_segments()
        if device.type == "cuda" and not torch.cuda.is_available():
            raise InputError("device cuda requested but no CUDA GPU is available")
        options = resolve_attention(resolve_offload(options or A1Options(), device), device)
        apply_storage(components, options, dtype, device)
        apply_placement(components, options, device)
        apply_speed(components, options)
        return cls(components, device, dtype, options)

    @property
    def pixel_size(self) -> tuple[int, int]:
        """(height, width) of the frames this engine takes and makes (480x720 for the released weights)."""
        return self.pipeline.pixel_size

    def settings(self) -> dict:
        """Everything that changes the generated pixels (the resume folder's key)."""
        return {**self.options.sampling_settings(), "dtype": str(self.pipeline.dtype),
                "transformer": dict(self.components.transformer.config)}

    def plan(self, frames: int) -> list[Window]:
        """The windows a condition of `frames` frames (reference drawing included) is generated in."""
        return video_windows(self.options, frames)

    @torch.no_grad()
    def generate(self, reference: np.ndarray, condition: np.ndarray, face_crop: np.ndarray,
                 resume_dir: Path | None = None, progress: Progress | None = None,
                 out: np.ndarray | None = None, references: Sequence[WindowReference] | None = None,
                 runner: WindowRunner | None = None) -> np.ndarray:
        """Generate (T, H, W, 3) uint8 RGB frames; frame i is driven by condition[i] (see windows.py).

        reference: (H, W, 3) uint8 RGB portrait region (480x720 for the released weights).
        condition: (T, H, W, 3) uint8 RGB landmark drawings at 12 fps; condition[0] = the reference's own.
        face_crop: (512, 512, 3) uint8 RGB aligned face crop of the reference.
        resume_dir: finished windows are kept there; a rerun of the same job skips them.
        out: array shaped like `condition` to write the frames into (e.g. a disk-backed np.memmap, so long
            videos need no host RAM per frame); a new array when None. Returned either way.
        references: one per window (`plan(len(condition))`): window k is conditioned on references[k] (its image
            latent, face tokens and condition frame 0) instead of `reference`, `face_crop` and condition[0],
            which must then be references[0]'s. Overlap blending between windows is unchanged.
        runner: who generates the windows (window_threads.ThreadedRunner, window_ray.RayRunner: several
            workers, the same frames); default this engine, one window after another.
        """
        return generate_windows(runner or SequentialRunner(self), reference, condition, face_crop,
                                resume_dir, progress, out, references)

    @torch.no_grad()
    def encode_inputs(self, reference: np.ndarray, face_crop: np.ndarray) -> tuple[torch.Tensor, torch.Tensor]:
        """(face tokens, reference image latents): what a window is conditioned on (every window of a video
        with one reference; one window with its own, WindowTask.reference)."""
        return (self.pipeline.encode_face(face_crop),
                self.pipeline.encode_reference(reference, self.options.window_frames, self.options.seed))

    @torch.no_grad()
    def run_window(self, task: WindowTask, encoded: tuple[torch.Tensor, torch.Tensor],
                   previous: Callable[[int], torch.Tensor] | None,
                   publish: Callable[[int, torch.Tensor], None] | None = None,
                   after_step: Callable[[int], None] | None = None) -> tuple[np.ndarray, torch.Tensor | None]:
        """Denoise and decode one window: ((window_frames, H, W, 3) uint8, its overlap cache for the next window).

        encoded: `encode_inputs`' result for the task's reference (VideoInputs.of). previous / publish: the
        previous window's overlap cache per blend step and where this window's goes (windows.OverlapBlender).
        after_step(steps done) after every step.
        """
        opts, pipe = self.options, self.pipeline
        face_tokens, image_latents = encoded
        blender = OverlapBlender(opts.window_overlap, opts.blend_steps, previous, publish)
        landmark_latents = pipe.encode_landmarks(task.condition)
        # One seed per window, so a resumed job draws exactly the noise the uninterrupted one drew.
        noise = pipe.initial_noise(opts.window_frames, opts.seed + task.index)
        report = None if after_step is None else (lambda step: after_step(step + 1))
        latents = pipe.denoise(noise, landmark_latents, image_latents, face_tokens, blender, report)
        return pipe.decode(latents), blender.cache()


class VideoInputs:
    """One worker's encodings of what one video's windows are conditioned on: the video's reference and face
    crop, encoded on first use and kept, or a window's own reference (WindowTask.reference), encoded for it."""

    def __init__(self, engine: A1Engine, reference: np.ndarray, face_crop: np.ndarray) -> None:
        self.engine, self.reference, self.face_crop = engine, reference, face_crop
        self._shared: tuple[torch.Tensor, torch.Tensor] | None = None

    def of(self, task: WindowTask) -> tuple[torch.Tensor, torch.Tensor]:
        """`A1Engine.encode_inputs` of what `task` is conditioned on."""
        if task.reference is not None:
            return self.engine.encode_inputs(task.reference.image, task.reference.face_crop)
        if self._shared is None:
            self._shared = self.engine.encode_inputs(self.reference, self.face_crop)
        return self._shared


class SequentialRunner:
    """One engine in this process runs the windows one after another (the default runner)."""

    def __init__(self, engine: A1Engine) -> None:
        self.engine = engine
        self.options = engine.options
        self.pixel_size = engine.pixel_size

    def settings(self) -> dict:
        return self.engine.settings()

    def run(self, reference: np.ndarray, face_crop: np.ndarray, tasks: Iterator[WindowTask],
            caches: dict[int, torch.Tensor | None], on_step: OnStep) -> Iterator[Finished]:
        inputs = VideoInputs(self.engine, reference, face_crop)
        previous = dict(caches)
        for task in tasks:
            cached = previous.pop(task.index - 1, None)
            frames, cache = self.engine.run_window(
                task, inputs.of(task), None if cached is None else cached.__getitem__,
                after_step=lambda steps_done, index=task.index: on_step(index, steps_done))
            previous[task.index] = cache
            yield task.index, frames, cache
