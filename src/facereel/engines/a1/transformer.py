"""The SkyReels-A1 video transformer: diffusers' CogVideoX transformer with 48 input channels and a face projector.

The published checkpoint stores the face projector inside the patch embedding as `patch_embed.pose_proj`
(Linear(1152, 3456) -> SiLU -> Linear(3456, 4096)); its output takes the place of the T5 text embeddings and
then goes through CogVideoX's own `patch_embed.text_proj`. We keep those parameter names so the released
safetensors load with no missing or unexpected keys.
"""

from __future__ import annotations

import torch
from diffusers import CogVideoXTransformer3DModel
from diffusers.configuration_utils import register_to_config
from torch import nn

from facereel.engines.a1.constants import FACE_DIM, FACE_TOKENS


def face_projector(face_dim: int, text_dim: int) -> nn.Sequential:
    """Zero-initialised MLP (face_dim -> 3*face_dim -> text_dim): a fresh projector leaves the base model unchanged."""
    mlp = nn.Sequential(nn.Linear(face_dim, 3 * face_dim), nn.SiLU(), nn.Linear(3 * face_dim, text_dim))
    for p in mlp.parameters():
        nn.init.zeros_(p)
    return mlp


class A1Transformer(CogVideoXTransformer3DModel):
    """CogVideoX transformer whose text slot carries projected SigLIP face tokens.

    Input latents: (B, F, 48, h, w) = [noisy (16), landmark (16), reference image (16)] on the channel axis.
    Face tokens: (B, face_tokens, face_embed_dim). Output: v-prediction (B, F, 16, h, w).
    """

    @register_to_config
    def __init__(
        self,
        num_attention_heads: int = 48,
        attention_head_dim: int = 64,
        in_channels: int = 48,
        out_channels: int | None = 16,
        flip_sin_to_cos: bool = True,
        freq_shift: int = 0,
        time_embed_dim: int = 512,
        ofs_embed_dim: int | None = None,
        text_embed_dim: int = 4096,
        num_layers: int = 42,
        dropout: float = 0.0,
        attention_bias: bool = True,
        sample_width: int = 90,
        sample_height: int = 60,
        sample_frames: int = 49,
        patch_size: int = 2,
        patch_size_t: int | None = None,
        temporal_compression_ratio: int = 4,
        max_text_seq_length: int = FACE_TOKENS,
        activation_fn: str = "gelu-approximate",
        timestep_activation_fn: str = "silu",
        norm_elementwise_affine: bool = True,
        norm_eps: float = 1e-5,
        spatial_interpolation_scale: float = 1.875,
        temporal_interpolation_scale: float = 1.0,
        use_rotary_positional_embeddings: bool = True,
        use_learned_positional_embeddings: bool = True,
        patch_bias: bool = True,
        face_embed_dim: int = FACE_DIM,
        face_tokens: int = FACE_TOKENS,
    ) -> None:
        # The released config.json may carry CogVideoX's text length (226), but the released code sizes the
        # learned positional table for the face tokens; `face_tokens` decides, `max_text_seq_length` is ignored.
        super().__init__(
            num_attention_heads=num_attention_heads,
            attention_head_dim=attention_head_dim,
            in_channels=in_channels,
            out_channels=out_channels,
            flip_sin_to_cos=flip_sin_to_cos,
            freq_shift=freq_shift,
            time_embed_dim=time_embed_dim,
            ofs_embed_dim=ofs_embed_dim,
            text_embed_dim=text_embed_dim,
            num_layers=num_layers,
            dropout=dropout,
            attention_bias=attention_bias,
            sample_width=sample_width,
            sample_height=sample_height,
            sample_frames=sample_frames,
            patch_size=patch_size,
            patch_size_t=patch_size_t,
            temporal_compression_ratio=temporal_compression_ratio,
            max_text_seq_length=face_tokens,
            activation_fn=activation_fn,
            timestep_activation_fn=timestep_activation_fn,
            norm_elementwise_affine=norm_elementwise_affine,
            norm_eps=norm_eps,
            spatial_interpolation_scale=spatial_interpolation_scale,
            temporal_interpolation_scale=temporal_interpolation_scale,
            use_rotary_positional_embeddings=use_rotary_positional_embeddings,
            use_learned_positional_embeddings=use_learned_positional_embeddings,
            patch_bias=patch_bias,
        )
        self.patch_embed.pose_proj = face_projector(face_embed_dim, text_embed_dim)

    def forward(  # type: ignore[override]
        self,
        hidden_states: torch.Tensor,
        face_tokens: torch.Tensor,
        timestep: torch.Tensor,
        image_rotary_emb: tuple[torch.Tensor, torch.Tensor] | None = None,
    ) -> torch.Tensor:
        """(B, F, 48, h, w) latents + (B, N, face_dim) face tokens + (B,) timesteps -> (B, F, 16, h, w)."""
        projected = self.patch_embed.pose_proj(face_tokens.to(self.patch_embed.text_proj.weight.dtype))
        return super().forward(
            hidden_states=hidden_states,
            encoder_hidden_states=projected,
            timestep=timestep,
            image_rotary_emb=image_rotary_emb,
            return_dict=False,
        )[0]
