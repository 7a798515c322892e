"""Tiny random-weight SkyReels-A1 folders in the published layout, for tests and CPU benchmarks.

The tiny components keep every structural fact of the real system (48 input channels, 8x spatial and 4x
temporal VAE compression, 729 SigLIP tokens, zero-initialised face projector) with small widths.
"""

from __future__ import annotations

import json
from pathlib import Path

import torch
from diffusers import AutoencoderKLCogVideoX, CogVideoXDDIMScheduler
from transformers import SiglipVisionConfig, SiglipVisionModel
from transformers.models.siglip.image_processing_pil_siglip import (
    SiglipImageProcessorPil,
)

from facereel.engines.a1 import constants as C
from facereel.engines.a1.transformer import A1Transformer

TINY_FACE_DIM = 32


def tiny_transformer_config(height: int, width: int, window_frames: int) -> dict:
    """A1Transformer kwargs for `height` x `width` pixel frames and `window_frames`-frame windows."""
    return {
        "num_attention_heads": 2,
        "attention_head_dim": 16,
        "in_channels": 3 * C.LATENT_CHANNELS,
        "out_channels": C.LATENT_CHANNELS,
        "time_embed_dim": 32,
        "text_embed_dim": 64,
        "num_layers": 2,
        "sample_height": height // C.SPATIAL_COMPRESSION,
        "sample_width": width // C.SPATIAL_COMPRESSION,
        "sample_frames": window_frames,
        "use_rotary_positional_embeddings": True,
        "use_learned_positional_embeddings": True,
        "face_embed_dim": TINY_FACE_DIM,
        "face_tokens": C.FACE_TOKENS,
    }


def tiny_vae(height: int, width: int) -> AutoencoderKLCogVideoX:
    """A CogVideoX VAE with the real compression (8x spatial, 4x temporal) and 16 latent channels."""
    return AutoencoderKLCogVideoX(
        block_out_channels=(8, 8, 8, 8),
        layers_per_block=1,
        norm_num_groups=4,
        latent_channels=C.LATENT_CHANNELS,
        # diffusers tiles frames larger than half the sample size; at tiny sizes the tile overlap rounding
        # changes the latent size, so the tiny VAE sees each frame as one tile.
        sample_height=2 * height,
        sample_width=2 * width,
        scaling_factor=C.LATENT_SCALING,
    )


def make_tiny_weights(folder: str | Path, height: int = 64, width: int = 96, window_frames: int = 9,
                      seed: int = 0) -> Path:
    """Write a tiny random-weight model folder in the published layout and return its path.

    `text_encoder/` is written as a corrupt file on purpose: loading must never touch it.
    """
    folder = Path(folder)
    torch.manual_seed(seed)
    transformer = A1Transformer(**tiny_transformer_config(height, width, window_frames))
    # A fresh projector is all zeros; give the tiny one weights so face tokens matter in tests.
    for p in transformer.patch_embed.pose_proj.parameters():
        torch.nn.init.normal_(p, std=0.02)
    transformer.save_pretrained(folder / C.TRANSFORMER_DIR)
    tiny_vae(height, width).save_pretrained(folder / C.VAE_DIR)
    tiny_vae(height, width).save_pretrained(folder / C.POSE_GUIDER_DIR)

    siglip = SiglipVisionModel(SiglipVisionConfig(
        hidden_size=TINY_FACE_DIM, intermediate_size=64, num_hidden_layers=1, num_attention_heads=2,
        image_size=384, patch_size=14))
    siglip.save_pretrained(folder / C.SIGLIP_DIR)
    SiglipImageProcessorPil(size={"height": 384, "width": 384}).save_pretrained(folder / C.SIGLIP_DIR)

    CogVideoXDDIMScheduler(**C.SCHEDULER_CONFIG).save_pretrained(folder / C.SCHEDULER_DIR)

    (folder / "text_encoder").mkdir(parents=True, exist_ok=True)
    (folder / "text_encoder" / "config.json").write_text("{ this is not json")
    (folder / "text_encoder" / "model.safetensors").write_bytes(b"not a safetensors file")
    (folder / "model_index.json").write_text(json.dumps({
        "_class_name": "SkyReelsA1ImagePoseToVideoPipeline",
        "transformer": ["facereel", "A1Transformer"],
        "vae": ["diffusers", "AutoencoderKLCogVideoX"],
        "scheduler": ["diffusers", "CogVideoXDDIMScheduler"],
        "text_encoder": ["transformers", "T5EncoderModel"],
    }, indent=2))
    return folder
