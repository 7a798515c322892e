"""Validation during training: held-out clips, a loss at fixed noise and timesteps (comparable across steps),
and a sample video made by the A1 engine from a held-out clip's reference and condition."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import torch

from facereel.engines.a1 import A1Engine, A1Options
from facereel.engines.a1 import constants as C
from facereel.engines.a1.options import blend_steps_for
from facereel.engines.a1.pipeline import A1Pipeline, to_uint8
from facereel.media.writer import VideoWriter
from facereel.train.dataset import ClipDataset
from facereel.train.inputs import ClipInputs, clip_seed
from facereel.train.loss import v_prediction_loss
from facereel.train.precision import autocast
from facereel.train.stages import Stage

# Fractions of the scheduler's training timesteps at which every validation evaluates each clip.
TIMESTEP_FRACTIONS = (0.1, 0.3, 0.5, 0.7, 0.9)


def held_out(ids: list[str], count: int) -> list[str]:
    """`count` clip ids spread evenly over the sorted `ids` (deterministic, whatever the manifest order)."""
    ordered = sorted(ids)
    return [ordered[(2 * i + 1) * len(ordered) // (2 * count)] for i in range(count)]


@torch.no_grad()
def validation_loss(pipe: A1Pipeline, stage: Stage, fetch: Callable[[int], ClipInputs], indices: list[int],
                    ids: list[str], seed: int, frozen_dtype: torch.dtype) -> dict[str, float]:
    """Mean masked v-prediction loss per held-out clip over TIMESTEP_FRACTIONS, with noise seeded per clip
    (`seed`, clip id): the same draw at every validation. Face tokens: as the stage conditions (no dropout).
    `frozen_dtype` (how frozen weights are stored) decides autocast."""
    c = pipe.c
    steps = c.scheduler.config.num_train_timesteps
    losses = {}
    for index, clip_id in zip(indices, ids):
        generator = torch.Generator().manual_seed(clip_seed(seed, clip_id))
        with autocast(pipe.device, frozen_dtype):
            inputs = fetch(index)
            face = torch.zeros_like(inputs.face) if stage.face_tokens == "zeros" else inputs.face
            rotary = pipe.rotary_embedding(inputs.video.shape[1])
            total = 0.0
            for fraction in TIMESTEP_FRACTIONS:
                timesteps = torch.full((inputs.video.shape[0],), int(fraction * steps))
                noise = torch.randn(inputs.video.shape, generator=generator, dtype=torch.float32)
                total += v_prediction_loss(c.transformer, c.scheduler, inputs, face, rotary, timesteps, noise).item()
        losses[clip_id] = total / len(TIMESTEP_FRACTIONS)
    return losses


@torch.no_grad()
def sample_frames(pipe: A1Pipeline, dataset: ClipDataset, index: int, steps: int,
                  frozen_dtype: torch.dtype) -> np.ndarray:
    """Animate held-out clip `index` with the engine (its reference, condition and face crop; `steps` denoising
    steps, published guidance and seed): (T+1, H, 2W, 3) uint8 frames, [generated | ground truth] side by side.
    `frozen_dtype` (how frozen weights are stored) decides autocast."""
    window = pipe.c.transformer.config.sample_frames
    options = A1Options(steps=steps, window_frames=window, window_overlap=0, blend_steps=blend_steps_for(steps))
    engine = A1Engine(pipe.c, pipe.device, pipe.dtype, options)
    item = dataset[index]
    truth = to_uint8(item["video"][None])  # (T+1, H, W, 3): [0] = the reference frame
    face_crop = item["face_crop"].permute(1, 2, 0).numpy()
    with autocast(pipe.device, frozen_dtype):
        video = engine.generate(truth[0], to_uint8(item["condition"][None]), face_crop)
    return np.stack([np.concatenate([generated, real], axis=1) for generated, real in zip(video, truth)])


def write_sample(frames: np.ndarray, path: Path) -> Path:
    """`sample_frames`' frames as H.264 at the model's 12 fps."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with VideoWriter(path, fps=C.FPS) as writer:
        for frame in frames:
            writer.write(frame)
    return path


def sample_path(run_dir: Path, step: int, clip_id: str) -> Path:
    """RUN_DIR/samples/step-<step, 6 digits>_<video>_<start>.mp4"""
    return run_dir / "samples" / f"step-{step:06d}_{clip_id.replace('/', '_')}.mp4"
