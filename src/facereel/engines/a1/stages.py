"""One window through the pipeline with every intermediate kept, named as in ../shared/a1-ref's release
files (for stage-by-stage comparison with the released pipeline: tests and bench/a1_release_deviations.py)."""

from __future__ import annotations

import numpy as np
import torch

from facereel.engines.a1.engine import A1Engine


@torch.no_grad()
def run_stages(engine: A1Engine, reference: np.ndarray, condition: np.ndarray, face_crop: np.ndarray) -> dict:
    """Encode, denoise and decode one window of len(condition) frames with window 0's seeds.

    Returns tensors `face_tokens` (B, 729, D), `image_latents`, `landmark_latents`, `noise_in` (1, F, 16, h, w),
    per step i `v{i}` (B, F, 16, h, w) float32 transformer output before guidance and `lat{i}` latents after
    the step, `final_latents`, and `frames` (T, H, W, 3) uint8.
    """
    pipe, seed, frames = engine.pipeline, engine.options.seed, len(condition)
    out = {"face_tokens": pipe.encode_face(face_crop),
           "image_latents": pipe.encode_reference(reference, frames, seed),
           "landmark_latents": pipe.encode_landmarks(condition),
           "noise_in": pipe.initial_noise(frames, seed)}
    velocities, latents, final = record_denoise(engine, out["noise_in"], out["landmark_latents"],
                                                out["image_latents"], out["face_tokens"])
    out.update({f"v{i}": v for i, v in enumerate(velocities)})
    out.update({f"lat{i}": v for i, v in enumerate(latents)})
    out["final_latents"] = final
    out["frames"] = pipe.decode(final)
    return out


@torch.no_grad()
def record_denoise(engine: A1Engine, noise: torch.Tensor, landmark_latents: torch.Tensor,
                   image_latents: torch.Tensor, face_tokens: torch.Tensor
                   ) -> tuple[list[torch.Tensor], list[torch.Tensor], torch.Tensor]:
    """The denoising loop on given encodings, recorded: per step the float32 transformer output before guidance
    (B, F, 16, h, w), the latents after each step (the last one is the final latents), and the final latents."""
    transformer = engine.components.transformer
    forward, velocities, latents = transformer.forward, [], []

    def recording_forward(*args, **kwargs):
        result = forward(*args, **kwargs)
        velocities.append(result.float())
        return result

    def before_step(step: int, current: torch.Tensor) -> torch.Tensor:
        if step > 0:
            latents.append(current)
        return current

    transformer.forward = recording_forward
    try:
        final = engine.pipeline.denoise(noise, landmark_latents, image_latents, face_tokens, before_step)
    finally:
        del transformer.forward
    return velocities, latents + [final], final


def relative_error(ours: torch.Tensor | np.ndarray, ref: np.ndarray) -> float:
    """max|ours - ref| / max|ref| in float64."""
    ours = np.asarray(ours.float().cpu() if isinstance(ours, torch.Tensor) else ours, np.float64)
    ref = np.asarray(ref, np.float64)
    return float(np.abs(ours - ref).max() / np.abs(ref).max())
