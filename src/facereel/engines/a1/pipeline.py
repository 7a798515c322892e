"""One SkyReels-A1 diffusion window, top to bottom.

encode face (SigLIP tokens) -> encode reference latent (frame 0, zeros elsewhere) -> encode landmark video
(pose guider, distribution mode) -> initial noise -> denoise with face-only classifier-free guidance -> decode.

Latent tensors are (B, F, 16, h, w) with F = (frames - 1) / 4 + 1, h = H / 8, w = W / 8.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import torch
from diffusers.models.embeddings import get_3d_rotary_pos_embed

from facereel.engines.a1 import constants as C
from facereel.engines.a1.attention import attention_context
from facereel.engines.a1.step_cache import reset_step_cache
from facereel.engines.a1.weights import A1Components

StepHook = Callable[[int, torch.Tensor], torch.Tensor]  # (step index, latents) -> latents, before each step


def latent_frames(frames: int) -> int:
    """Latent frames of a `frames`-frame clip under the VAE's 4x causal temporal compression."""
    return (frames - 1) // C.TEMPORAL_COMPRESSION + 1


def to_pixels(frames: np.ndarray, device: torch.device, dtype: torch.dtype) -> torch.Tensor:
    """(F, H, W, 3) uint8 RGB -> (1, 3, F, H, W) in [-1, 1], the VAE's input, contiguous.

    As the release (diffusers' VaeImageProcessor): x / 255, then 2x - 1, both in float32 on the CPU, and one
    cast to `dtype` at the end (scaling in bf16 would move half of the 256 levels by one bf16 step).
    Contiguous memory: bf16 conv3d on the CPU takes another kernel for channels-last input.
    """
    video = torch.from_numpy(np.ascontiguousarray(frames)).permute(3, 0, 1, 2).unsqueeze(0)
    pixels = 2.0 * (video.to(torch.float32) / 255.0) - 1.0
    return pixels.contiguous().to(device=device, dtype=dtype)


def to_uint8(video: torch.Tensor) -> np.ndarray:
    """(1, 3, F, H, W) in [-1, 1] -> (F, H, W, 3) uint8 RGB.

    As the release (diffusers' postprocess): x * 0.5 + 0.5 and clamp to [0, 1] in the tensor's dtype, then
    float32, x 255, round half to even.
    """
    video = (video[0] * 0.5 + 0.5).clamp(0, 1).float()
    return (video * 255).round().to(torch.uint8).permute(1, 2, 3, 0).cpu().numpy()


class A1Pipeline:
    """Denoises one window of 4k+1 frames; the long-video logic lives in windows.py / engine.py.

    guidance_steps: how many of the first steps run both guidance branches (None = all); later steps run
    the conditional branch alone (guidance truncation, A1Options.guidance_steps).
    """

    def __init__(self, components: A1Components, device: torch.device, dtype: torch.dtype,
                 guidance: float, steps: int, attention: str = "auto", guidance_steps: int | None = None,
                 float32_latents: bool = False) -> None:
        self.c = components
        self.device = device
        self.dtype = dtype
        self.guidance = guidance
        self.steps = steps
        self.attention = attention
        # The release holds the latents in the model dtype between steps; float32 is an opt-in deviation.
        self.latent_dtype = torch.float32 if float32_latents else dtype
        self.guidance_steps = steps if guidance_steps is None else guidance_steps

    @property
    def pixel_size(self) -> tuple[int, int]:
        """(height, width) in pixels that the transformer's learned positional embeddings accept."""
        cfg = self.c.transformer.config
        return cfg.sample_height * C.SPATIAL_COMPRESSION, cfg.sample_width * C.SPATIAL_COMPRESSION

    @torch.no_grad()
    def encode_face(self, face_crop: np.ndarray) -> torch.Tensor:
        """(h, w, 3) uint8 face crop -> face tokens (B, 729, D); B = 2 ([zeros, face]) when guidance > 1.

        The unconditional branch differs from the conditional one only by its all-zero face tokens. SigLIP
        runs in its own (float32) dtype; only its output tokens are cast to the model dtype, as in the release.
        """
        tokens = self.c.face_encoder(face_crop, self.device).to(self.dtype)
        if self.guidance > 1.0:
            tokens = torch.cat([torch.zeros_like(tokens), tokens])
        return tokens

    @torch.no_grad()
    def encode_reference(self, reference: np.ndarray, frames: int, seed: int) -> torch.Tensor:
        """(H, W, 3) uint8 -> (1, F, 16, h, w): the scaled reference latent at frame 0, zeros elsewhere."""
        vae = self.c.vae
        generator = torch.Generator("cpu").manual_seed(seed)
        posterior = vae.encode(to_pixels(reference[None], self.device, self.dtype)).latent_dist
        latent = posterior.sample(generator).permute(0, 2, 1, 3, 4) * vae.config.scaling_factor
        padding = latent.new_zeros(1, latent_frames(frames) - 1, *latent.shape[2:])
        return torch.cat([latent, padding], dim=1).to(self.dtype)

    def encode_landmarks(self, condition: np.ndarray) -> torch.Tensor:
        """(F, H, W, 3) uint8 landmark drawings -> (1, latent F, 16, h, w) with the pose guider's encoder.

        Not under no_grad: the motion training stage back-propagates through it (inference runs in
        `A1Engine.generate`, which disables gradients)."""
        guider = self.c.pose_guider
        posterior = guider.encode(to_pixels(condition, self.device, self.dtype)).latent_dist
        # The mode, not a sample: the landmark latent is a deterministic condition.
        return (posterior.mode() * guider.config.scaling_factor).permute(0, 2, 1, 3, 4).to(self.dtype)

    def initial_noise(self, frames: int, seed: int) -> torch.Tensor:
        """(1, latent F, 16, h, w) Gaussian noise in the latent dtype, drawn in float32 on the CPU so every
        device gets the same values."""
        height, width = self.pixel_size
        shape = (1, latent_frames(frames), C.LATENT_CHANNELS, height // C.SPATIAL_COMPRESSION,
                 width // C.SPATIAL_COMPRESSION)
        noise = torch.randn(shape, generator=torch.Generator("cpu").manual_seed(seed), dtype=torch.float32)
        return noise.to(self.device, self.latent_dtype) * self.c.scheduler.init_noise_sigma

    def rotary_embedding(self, latent_count: int) -> tuple[torch.Tensor, torch.Tensor]:
        """3D rotary tables for the video tokens, cropped as CogVideoX 1.0 does from its base grid; computed
        on the CPU and moved, as the release does. The token grid is the model's own sample grid, so the
        release's resize-crop region of that grid onto its base grid (the same grid) is all of it; taking it
        directly spares importing diffusers' image-to-video pipeline module (~6 s) for that one helper."""
        cfg = self.c.transformer.config
        grid = (cfg.sample_height // cfg.patch_size, cfg.sample_width // cfg.patch_size)
        crop = ((0, 0), grid)
        cos, sin = get_3d_rotary_pos_embed(embed_dim=cfg.attention_head_dim, crops_coords=crop, grid_size=grid,
                                           temporal_size=latent_count)
        return cos.to(self.device), sin.to(self.device)

    @torch.no_grad()
    def denoise(self, noise: torch.Tensor, landmark_latents: torch.Tensor, image_latents: torch.Tensor,
                face_tokens: torch.Tensor, before_step: StepHook | None = None,
                after_step: Callable[[int], None] | None = None) -> torch.Tensor:
        """Run the sampler from `noise`; returns clean latents (1, F, 16, h, w) in the latent dtype.

        Channel order of the transformer input: [noisy, landmark, image]. `before_step` may replace the latents
        (long-video blending); `after_step` reports progress.
        """
        transformer, scheduler = self.c.transformer, self.c.scheduler
        reset_step_cache(transformer, self.steps)  # a new window must not reuse the previous window's residuals
        scheduler.set_timesteps(self.steps, device=self.device)
        condition = torch.cat([landmark_latents, image_latents], dim=2)
        rotary = self.rotary_embedding(noise.shape[1])
        # As the release: the transformer output goes to float32 for guidance and the scheduler step, whose
        # result is cast to the latent dtype (the model dtype unless float32 latents were asked for).
        latents = noise.to(self.latent_dtype)
        for i, t in enumerate(scheduler.timesteps):
            if before_step is not None:
                latents = before_step(i, latents)
            # Both branches in one batch while guided; after `guidance_steps` the conditional one (last) alone.
            tokens = face_tokens if i < self.guidance_steps else face_tokens[-1:]
            batch = tokens.shape[0]
            model_input = torch.cat([latents.to(self.dtype).expand(batch, -1, -1, -1, -1),
                                     condition.expand(batch, -1, -1, -1, -1)], dim=2)
            with attention_context(self.attention), transformer.cache_context(f"batch{batch}"):
                velocity = transformer(model_input, tokens, t.expand(batch), rotary).float()
            if batch == 2:
                uncond, cond = velocity.chunk(2)
                velocity = uncond + self.guidance * (cond - uncond)
            latents = scheduler.step(velocity, t, latents, return_dict=False)[0].to(self.latent_dtype)
            if after_step is not None:
                after_step(i)
        return latents

    @torch.no_grad()
    def decode(self, latents: torch.Tensor) -> np.ndarray:
        """(1, F, 16, h, w) latents -> (4(F-1)+1, H, W, 3) uint8 RGB frames."""
        vae = self.c.vae
        # 1 / s * x, as the release: multiplying by the rounded reciprocal is not x / s in the last bit.
        latents = 1 / vae.config.scaling_factor * latents.permute(0, 2, 1, 3, 4).to(self.dtype)
        return to_uint8(vae.decode(latents).sample)
