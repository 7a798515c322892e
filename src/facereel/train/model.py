"""The A1 components in training form for one stage: frozen set, LoRA, storage dtypes, placement, train mode,
checkpointing."""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn

from facereel.engines.a1.weights import A1Components
from peft.tuners.lora import LoraLayer

from facereel.train.lora import adapter_params, add_lora
from facereel.train.precision import store_by_role
from facereel.train.stages import Stage, fully_trained, select_trainable


@dataclass
class TrainedModel:
    """What a run trains: parameters per component (name -> list) and the LoRA adapters (empty without LoRA)."""

    params: dict[str, list[nn.Parameter]]
    adapters: dict[str, LoraLayer]

    @property
    def flat(self) -> list[nn.Parameter]:
        return [p for ps in self.params.values() for p in ps]


def prepare_model(c: A1Components, stage: Stage, extras: tuple[str, ...], device: torch.device,
                  gradient_checkpointing: bool, lora_rank: int, seed: int, frozen_dtype: torch.dtype,
                  guider_tiling: bool = False) -> TrainedModel:
    """Freeze all but the stage's set (with `lora_rank` > 0, train rank-`lora_rank` adapters on the blocks'
    attention projections instead of the blocks themselves: `--train blocks`; adapters seeded by `seed`), store
    trained parameters in float32 and frozen ones in `frozen_dtype` (precision.store_by_role; before the move, so
    the device never holds frozen float32 copies), move everything to `device` (VAE tiling on and the pose guider untiled, as at inference by default and in
    the release; `guider_tiling` tiles the guider too, a memory fallback whose landmark latents differ)
    and put the trained components in train mode. Gradient checkpointing recomputes the transformer's blocks (and
    the pose guider's encoder when trained) in the backward pass."""
    params = select_trainable(c, stage, fully_trained(extras, lora_rank))
    adapters = add_lora(c.transformer, lora_rank, seed) if lora_rank else {}
    if adapters:
        params["transformer"] = params.get("transformer", []) + adapter_params(adapters)
    modules = (c.transformer, c.vae, c.pose_guider, c.face_encoder.model)
    store_by_role(modules, frozen_dtype)
    c.vae.enable_tiling()
    if guider_tiling:
        c.pose_guider.enable_tiling()
    else:
        c.pose_guider.disable_tiling()
    for module in modules:
        module.to(device)
    c.transformer.train()
    if stage.pose_guider:
        c.pose_guider.train()
    if gradient_checkpointing:
        c.transformer.enable_gradient_checkpointing()
        if stage.pose_guider:
            c.pose_guider.enable_gradient_checkpointing()
    return TrainedModel(params, adapters)
