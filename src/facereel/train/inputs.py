"""A dataset clip -> the transformer's training inputs, made with the inference pipeline's own encoders.

Shapes, with T+1 frames per clip (the model's window), F = T/4 + 1 latent frames, h x w = H/8 x W/8:
video latents (1, F, 16, h, w) (the target, reference frame included as at inference), image latents
(1, F, 16, h, w) (reference at latent frame 0, zeros elsewhere: `A1Pipeline.encode_reference`), landmark
latents (1, F, 16, h, w) (`A1Pipeline.encode_landmarks`: pose-guider mode x scaling), face tokens
(1, 729, D) (`A1Pipeline.encode_face`, built with guidance 1 so it returns the conditional tokens only), and
the loss mask (F,) bool (`latent_frame_mask` of the clip's per-frame `valid` flags).

Everything from frozen encoders is computed once per clip and, with a cache folder, kept on disk as
`<cache>/<video>/<start>.pt`; the landmark latents are computed at every step when the pose guider trains.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from facereel.engines.a1 import constants as C
from facereel.engines.a1.pipeline import A1Pipeline, to_pixels, to_uint8
from facereel.media.atomic import atomic_path
from facereel.train.dataset import ClipDataset


@dataclass
class ClipInputs:
    """One clip's encodings and loss mask (see the module docstring for shapes); `landmarks` carries grad when
    trained."""

    video: torch.Tensor
    image: torch.Tensor
    landmarks: torch.Tensor
    face: torch.Tensor
    mask: torch.Tensor


def latent_frame_mask(valid: torch.Tensor) -> torch.Tensor:
    """(T+1,) per-frame face validity -> (F,) bool, F = T/4 + 1: which latent frames get a loss.

    The VAE's causal 4x temporal compression maps frame 0 to latent 0 and frames 4k-3..4k to latent k. A latent
    frame counts when at least half of its frames are valid (their landmarks were tracked, not interpolated).
    """
    valid = valid.bool()
    first, rest = valid[:1].float(), valid[1:].reshape(-1, C.TEMPORAL_COMPRESSION).float().mean(dim=1)
    return torch.cat([first, rest]) >= 0.5


def clip_seed(seed: int, clip_id: str) -> int:
    """Seed of a clip's VAE posterior samples: fixed per run seed and clip, whatever the visiting order."""
    return seed + zlib.crc32(clip_id.encode())


@torch.no_grad()
def encode_video(pipe: A1Pipeline, frames: np.ndarray, seed: int) -> torch.Tensor:
    """(T+1, H, W, 3) uint8 -> (1, F, 16, h, w) scaled VAE latents (a posterior sample, seeded on the CPU)."""
    vae = pipe.c.vae
    posterior = vae.encode(to_pixels(frames, pipe.device, pipe.dtype)).latent_dist
    latent = posterior.sample(torch.Generator("cpu").manual_seed(seed)) * vae.config.scaling_factor
    return latent.permute(0, 2, 1, 3, 4).to(pipe.dtype)


class ClipEncoder:
    """Encodes dataset items for training; frozen encodings are cached per clip when `cache_dir` is given."""

    def __init__(self, dataset: ClipDataset, pipe: A1Pipeline, seed: int, train_guider: bool,
                 cache_dir: Path | None) -> None:
        self.dataset = dataset
        self.pipe = pipe
        self.seed = seed
        self.train_guider = train_guider
        self.cache_dir = cache_dir

    def __call__(self, index: int, item: dict | None = None) -> ClipInputs:
        """Clip `index`'s inputs; `item` = its decoded dataset item when already at hand (else decoded here when
        needed)."""
        clip_id = self.dataset.entries[index]["id"]
        path = None if self.cache_dir is None else self.cache_dir / f"{clip_id}.pt"
        if path is not None and path.exists():
            frozen = torch.load(path, map_location=self.pipe.device, weights_only=True)
        else:
            item = item if item is not None else self.dataset[index]
            frozen = self._encode_frozen(item, clip_id)
            if path is not None:
                with atomic_path(path, suffix=".pt") as tmp:
                    torch.save({k: v.cpu() for k, v in frozen.items()}, tmp)
        if self.train_guider:
            item = item if item is not None else self.dataset[index]
            landmarks = self.pipe.encode_landmarks(to_uint8(item["condition"][None]))  # gradients reach the guider
        else:
            landmarks = frozen["landmarks"]
        return ClipInputs(video=frozen["video"], image=frozen["image"], landmarks=landmarks, face=frozen["face"],
                          mask=latent_frame_mask(self.dataset.valid(index)))

    def _encode_frozen(self, item: dict, clip_id: str) -> dict[str, torch.Tensor]:
        """The encodings that no stage trains (plus the landmark latents when the pose guider is frozen)."""
        pipe, seed = self.pipe, clip_seed(self.seed, clip_id)
        video = to_uint8(item["video"][None])  # (T+1, H, W, 3): [0] = the reference frame
        out = {"video": encode_video(pipe, video, seed),
               "image": pipe.encode_reference(video[0], len(video), seed + 1),
               "face": pipe.encode_face(item["face_crop"].permute(1, 2, 0).numpy())}
        if not self.train_guider:
            out["landmarks"] = pipe.encode_landmarks(to_uint8(item["condition"][None]))
        return out
