"""The training objective: CogVideoX-style v-prediction on the video latents, with face-token dropout and
latent frames of lost faces masked out."""

from __future__ import annotations

import torch
from diffusers import CogVideoXDDIMScheduler

from facereel.engines.a1.transformer import A1Transformer
from facereel.train.inputs import ClipInputs


def drop_face_tokens(face: torch.Tensor, p: float, generator: torch.Generator) -> tuple[torch.Tensor, bool]:
    """(B, N, D) face tokens -> the same or zeros (probability p): the unconditional branch of classifier-free
    guidance sees zeros at inference, so that is what the dropped tokens are. Returns (tokens, dropped)."""
    dropped = bool(torch.rand((), generator=generator) < p)
    return (torch.zeros_like(face) if dropped else face), dropped


def draw_noise(x0: torch.Tensor, scheduler: CogVideoXDDIMScheduler,
               generator: torch.Generator) -> tuple[torch.Tensor, torch.Tensor]:
    """(B,) uniform training timesteps in [0, num_train_timesteps) and float32 Gaussian noise shaped like `x0`,
    both drawn from `generator` (CPU, so the draw does not depend on the device); returned on the CPU."""
    timesteps = torch.randint(0, scheduler.config.num_train_timesteps, (x0.shape[0],), generator=generator)
    noise = torch.randn(x0.shape, generator=generator, dtype=torch.float32)
    return timesteps, noise


def masked_mse(prediction: torch.Tensor, target: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """Mean squared error over the latent frames where `mask` (F,) is True; (B, F, C, h, w) inputs."""
    return (prediction.float() - target)[:, mask.to(prediction.device)].square().mean()


def v_prediction_loss(transformer: A1Transformer, scheduler: CogVideoXDDIMScheduler, inputs: ClipInputs,
                      face: torch.Tensor, rotary: tuple[torch.Tensor, torch.Tensor], timesteps: torch.Tensor,
                      noise: torch.Tensor) -> torch.Tensor:
    """Masked mean squared error between the predicted and the true velocity at `timesteps` (B,).

    x_t = add_noise(x0, noise, t) = sqrt(a_t) x0 + sqrt(1 - a_t) noise; v = get_velocity(x0, noise, t) =
    sqrt(a_t) noise - sqrt(1 - a_t) x0. This equals CogVideoX's fine-tuning loss, which compares the x0 recovered
    from v (`get_velocity(pred, x_t, t)`) with x0 under the weight 1 / (1 - a_t). Only the latent frames in
    `inputs.mask` count. Transformer input: [x_t, landmark latents, image latents] on the channel axis,
    (B, F, 48, h, w).
    """
    x0 = inputs.video.float()
    noise, timesteps = noise.to(x0.device), timesteps.to(x0.device)
    noisy = scheduler.add_noise(x0, noise, timesteps)
    model_input = torch.cat([noisy.to(inputs.landmarks.dtype), inputs.landmarks, inputs.image], dim=2)
    prediction = transformer(model_input, face, timesteps, rotary)
    return masked_mse(prediction, scheduler.get_velocity(x0, noise, timesteps), inputs.mask)
