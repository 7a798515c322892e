"""The training objective: CogVideoX-style v-prediction on the video latents, with face-token dropout."""

from __future__ import annotations

import torch
import torch.nn.functional as F
from diffusers import CogVideoXDDIMScheduler

from facereel.engines.a1.transformer import A1Transformer
from facereel.train.inputs import ClipInputs


def drop_face_tokens(face: torch.Tensor, p: float, generator: torch.Generator) -> tuple[torch.Tensor, bool]:
    """(B, N, D) face tokens -> the same or zeros (probability p): the unconditional branch of classifier-free
    guidance sees zeros at inference, so that is what the dropped tokens are. Returns (tokens, dropped)."""
    dropped = bool(torch.rand((), generator=generator) < p)
    return (torch.zeros_like(face) if dropped else face), dropped


def v_prediction_loss(transformer: A1Transformer, scheduler: CogVideoXDDIMScheduler, inputs: ClipInputs,
                      face: torch.Tensor, rotary: tuple[torch.Tensor, torch.Tensor],
                      generator: torch.Generator) -> torch.Tensor:
    """Mean squared error between the predicted and the true velocity at a uniform training timestep.

    x_t = add_noise(x0, noise, t) = sqrt(a_t) x0 + sqrt(1 - a_t) noise; v = get_velocity(x0, noise, t) =
    sqrt(a_t) noise - sqrt(1 - a_t) x0. This equals CogVideoX's fine-tuning loss, which compares the x0 recovered
    from v (`get_velocity(pred, x_t, t)`) with x0 under the weight 1 / (1 - a_t).
    Transformer input: [x_t, landmark latents, image latents] on the channel axis, (B, F, 48, h, w).
    Noise and timesteps come from `generator` (CPU), so the draw does not depend on the device.
    """
    x0 = inputs.video
    timesteps = torch.randint(0, scheduler.config.num_train_timesteps, (x0.shape[0],), generator=generator)
    noise = torch.randn(x0.shape, generator=generator, dtype=torch.float32).to(x0.device)
    x0, timesteps = x0.float(), timesteps.to(x0.device)
    noisy = scheduler.add_noise(x0, noise, timesteps)
    model_input = torch.cat([noisy.to(inputs.landmarks.dtype), inputs.landmarks, inputs.image], dim=2)
    prediction = transformer(model_input, face, timesteps, rotary)
    return F.mse_loss(prediction.float(), scheduler.get_velocity(x0, noise, timesteps))
