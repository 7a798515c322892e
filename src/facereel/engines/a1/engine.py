"""`A1Engine`: the public entry point of the SkyReels-A1 engine (see docs/a1-engine.md)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from facereel.engines.a1 import constants as C
from facereel.engines.a1.attention import resolve_attention
from facereel.engines.a1.memory import apply_placement, apply_speed, apply_storage, resolve_offload
from facereel.engines.a1.options import A1Options
from facereel.engines.a1.pipeline import A1Pipeline
from facereel.engines.a1.weights import A1Components, load_components
from facereel.engines.a1.windows import (
    OverlapBlender,
    ResumeStore,
    Window,
    job_key,
    plan_windows,
    window_condition,
)
from facereel.errors import InputError

# progress(window index, window count, steps done in this window, steps per window);
# steps done == steps per window means the window is finished and saved.
Progress = Callable[[int, int, int, int], None]


@dataclass(frozen=True)
class WindowReference:
    """What one diffusion window is conditioned on when each window has its own reference (a video source:
    the window's own source frame, animate/video_source_a1.py). Shapes as `A1Engine.generate`'s arguments."""

    image: np.ndarray  # (H, W, 3) uint8 RGB reference region
    drawing: np.ndarray  # (H, W, 3) uint8 RGB its own landmark drawing: the window's condition frame 0
    face_crop: np.ndarray  # (512, 512, 3) uint8 RGB aligned face crop of `image`


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
        if device.type == "cuda" and not torch.cuda.is_available():
            raise InputError("device cuda requested but no CUDA GPU is available")
        options = resolve_attention(resolve_offload(options or A1Options(), device), device)
        apply_storage(components, options, dtype, device)
        apply_placement(components, options, device)
        apply_speed(components, options)
        return cls(components, device, dtype, options)

    def plan(self, frames: int) -> list[Window]:
        """The windows a condition of `frames` frames (reference drawing included) is generated in."""
        return plan_windows(frames - 1, self.options.window_frames, self.options.window_overlap)

    def _check_inputs(self, reference: np.ndarray, condition: np.ndarray, face_crop: np.ndarray) -> None:
        height, width = self.pipeline.pixel_size
        problems = []
        if reference.dtype != np.uint8 or reference.shape != (height, width, 3):
            problems.append(f"reference must be ({height}, {width}, 3) uint8, got {reference.shape} {reference.dtype}")
        if condition.dtype != np.uint8 or condition.ndim != 4 or condition.shape[1:] != (height, width, 3) \
                or len(condition) == 0:
            problems.append(f"condition must be (T>=1, {height}, {width}, 3) uint8, got "
                            f"{condition.shape} {condition.dtype}")
        if face_crop.dtype != np.uint8 or face_crop.ndim != 3 or face_crop.shape[2] != 3:
            problems.append(f"face_crop must be (h, w, 3) uint8 (aligned {C.FACE_CROP}x{C.FACE_CROP}), got "
                            f"{face_crop.shape} {face_crop.dtype}")
        if problems:
            raise InputError("; ".join(problems))

    @torch.no_grad()
    def generate(self, reference: np.ndarray, condition: np.ndarray, face_crop: np.ndarray,
                 resume_dir: Path | None = None, progress: Progress | None = None,
                 out: np.ndarray | None = None, references: Sequence[WindowReference] | None = None
                 ) -> np.ndarray:
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
        """
        self._check_inputs(reference, condition, face_crop)
        opts, pipe = self.options, self.pipeline
        windows = self.plan(len(condition))
        if references is not None:
            if len(references) != len(windows):
                raise InputError(f"{len(references)} window references for {len(windows)} windows")
            for ref in references:
                self._check_inputs(ref.image, ref.drawing[None], ref.face_crop)
        store = None
        if resume_dir is not None:
            settings = {**opts.sampling_settings(), "dtype": str(pipe.dtype),
                        "transformer": dict(self.components.transformer.config)}
            arrays = {"reference": reference, "condition": condition, "face_crop": face_crop}
            for k, ref in enumerate(references or ()):
                arrays.update({f"window{k}_image": ref.image, f"window{k}_drawing": ref.drawing,
                               f"window{k}_face_crop": ref.face_crop})
            key = job_key(arrays, settings)
            store = ResumeStore(Path(resume_dir), key, len(windows))

        if out is not None and (out.shape != condition.shape or out.dtype != np.uint8):
            raise ValueError(f"out must be shaped {condition.shape} uint8, got {out.shape} {out.dtype}")
        output = np.empty_like(condition) if out is None else out
        face_tokens = image_latents = None  # encoded on first use: a fully resumed job needs no model
        previous_cache = None
        for window in windows:
            finished = store.load(window.index) if store is not None else None
            if finished is None:
                drawing = None
                if references is not None:  # this window's own reference
                    ref = references[window.index]
                    face_tokens = pipe.encode_face(ref.face_crop)
                    image_latents = pipe.encode_reference(ref.image, opts.window_frames, opts.seed)
                    drawing = ref.drawing
                elif face_tokens is None:
                    face_tokens = pipe.encode_face(face_crop)
                    image_latents = pipe.encode_reference(reference, opts.window_frames, opts.seed)
                frames, previous_cache = self._run_window(window, len(windows), condition, face_tokens,
                                                          image_latents, previous_cache, progress, drawing)
                if store is not None:
                    store.save(window.index, frames, previous_cache)
            else:
                frames, previous_cache = finished
            output[window.output_indices()] = frames[1 + window.keep_from: 1 + window.keep_to]
            if window.index == 0:
                output[0] = frames[0]
            if progress is not None:
                progress(window.index, len(windows), opts.steps, opts.steps)
        return output

    def _run_window(self, window: Window, count: int, condition: np.ndarray, face_tokens: torch.Tensor,
                    image_latents: torch.Tensor, previous_cache: torch.Tensor | None,
                    progress: Progress | None, drawing: np.ndarray | None = None
                    ) -> tuple[np.ndarray, torch.Tensor | None]:
        """Denoise and decode one window: ((window_frames, H, W, 3) uint8, overlap cache for the next window).
        `drawing`: the window's own reference drawing in place of condition[0] (None: condition[0])."""
        opts, pipe = self.options, self.pipeline
        blender = OverlapBlender(opts.window_overlap, opts.blend_steps, previous_cache)
        frames = window_condition(condition, window, opts.window_frames)
        if drawing is not None:
            frames[0] = drawing
        landmark_latents = pipe.encode_landmarks(frames)
        # One seed per window, so a resumed job draws exactly the noise the uninterrupted one drew.
        noise = pipe.initial_noise(opts.window_frames, opts.seed + window.index)

        def after_step(step: int) -> None:
            if progress is not None and step + 1 < opts.steps:  # the final step is reported once saved
                progress(window.index, count, step + 1, opts.steps)

        latents = pipe.denoise(noise, landmark_latents, image_latents, face_tokens, blender, after_step)
        return pipe.decode(latents), blender.cache()
