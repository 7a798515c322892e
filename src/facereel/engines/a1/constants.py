"""Published SkyReels-A1 facts, stated once (see docs/a1-engine.md and the shared a1-reference)."""

from __future__ import annotations

FPS = 12  # the model was trained on 12 fps motion; callers resample motion to this rate
HEIGHT, WIDTH = 480, 720  # pixels; the learned positional embeddings pin the latent grid to 60x90
WINDOW_FRAMES = 49  # frames per diffusion window: 1 reference-landmark frame + 48 driving frames
WINDOW_OVERLAP = 8  # driving frames shared by consecutive windows (= 2 latent frames)
BLEND_STEPS = (4, 7)  # first and last denoising step (0-based, inclusive) that blend the overlap
STEPS = 10
GUIDANCE = 3.0
SEED = 43
LATENT_SCALING = 0.7  # VAE and pose-guider scaling factor (also read from their configs)

SPATIAL_COMPRESSION = 8  # pixels per latent pixel
TEMPORAL_COMPRESSION = 4  # (frames - 1) / 4 + 1 latent frames
LATENT_CHANNELS = 16
FACE_TOKENS = 729  # SigLIP-so400m-patch14-384: 27 x 27 patches
FACE_DIM = 1152  # SigLIP-so400m hidden size
FACE_CROP = 512  # aligned face crop side, pixels

# Folder names of the published weights repository (`Skywork/SkyReels-A1`).
HUB_ID = "Skywork/SkyReels-A1"
TRANSFORMER_DIR = "transformer"
VAE_DIR = "vae"
POSE_GUIDER_DIR = "pose_guider"
SIGLIP_DIR = "siglip-so400m-patch14-384"
SCHEDULER_DIR = "scheduler"

# Full-size transformer: CogVideoX-5B I2V with 48 input channels and the face projector.
FULL_TRANSFORMER_CONFIG: dict = {
    "num_attention_heads": 48,
    "attention_head_dim": 64,
    "in_channels": 3 * LATENT_CHANNELS,
    "out_channels": LATENT_CHANNELS,
    "time_embed_dim": 512,
    "text_embed_dim": 4096,
    "num_layers": 42,
    "sample_width": WIDTH // SPATIAL_COMPRESSION,
    "sample_height": HEIGHT // SPATIAL_COMPRESSION,
    "sample_frames": WINDOW_FRAMES,
    "patch_size": 2,
    "use_rotary_positional_embeddings": True,
    "use_learned_positional_embeddings": True,
    "face_embed_dim": FACE_DIM,
    "face_tokens": FACE_TOKENS,
}

# CogVideoX-5B DDIM-style scheduler (v-prediction, zero-SNR rescale, trailing spacing). Real runs read the
# weights' scheduler/ folder; this copy builds tiny test folders and the random-weight GPU benchmark.
SCHEDULER_CONFIG: dict = {
    "prediction_type": "v_prediction",
    "rescale_betas_zero_snr": True,
    "timestep_spacing": "trailing",
    "beta_schedule": "scaled_linear",
    "beta_start": 0.00085,
    "beta_end": 0.012,
    "clip_sample": False,
    "set_alpha_to_one": True,
    "snr_shift_scale": 1.0,
}
