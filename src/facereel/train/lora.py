"""Low-rank adapters (LoRA) through peft on the attention projections of the transformer blocks
(`--train blocks --lora-rank R`).

Each adapted `nn.Linear` y = W x + b becomes peft's LoRA Linear y = W x + b + (alpha / r) B A x with A (r, in) and
B (out, r) trained and W, b frozen; alpha = r, so the scale is 1. B starts at zero (the adapted model starts as the
base model), A Kaiming-uniform (peft's default), drawn from the run seed. Every checkpoint holds:
- `lora/pytorch_lora_weights.safetensors`: the adapters alone in the diffusers LoRA format (keys
  `transformer.<module>.lora_A.weight` / `lora_B.weight`, peft config in the metadata), which diffusers' LoRA
  loaders put onto a CogVideoX transformer (`load_lora_adapter(folder, prefix="transformer",
  weight_name=ADAPTER_FILE)`, or a pipeline's `load_lora_weights`);
- `transformer/`: the merged weights W + B A in the published layout (W read from the initial weights in float32,
  export.py), so every checkpoint also loads with `A1Engine.from_pretrained`;
- the adapters in the training state for resuming, with the frozen W read back from the initial weights.
"""

from __future__ import annotations

import re
from pathlib import Path

import torch
from diffusers import CogVideoXPipeline
from diffusers.loaders.lora_base import LORA_WEIGHT_NAME_SAFE
from peft import LoraConfig, get_peft_model_state_dict, set_peft_model_state_dict
from peft.tuners.lora import LoraLayer
from safetensors import safe_open
from torch import nn

from facereel.engines.a1.weights import diffusers_weight_files

# Attention projections of every CogVideoX block (attn1: joint attention over face and video tokens).
TARGETS = ("attn1.to_q", "attn1.to_k", "attn1.to_v", "attn1.to_out.0")
ADAPTER_DIR = "lora"  # inside a checkpoint
ADAPTER_FILE = LORA_WEIGHT_NAME_SAFE  # pytorch_lora_weights.safetensors
PREFIX = "transformer"  # diffusers' key prefix of the transformer's LoRA layers
_BLOCK_MODULE = re.compile(r"transformer_blocks\.\d+\.(.+)")  # group 1: the module's name inside its block


def target_names(transformer: nn.Module) -> list[str]:
    """Module names of the adapted Linears: `transformer_blocks.<i>.<TARGETS>`."""
    return [n for n, m in transformer.named_modules()
            if (match := _BLOCK_MODULE.fullmatch(n)) and match.group(1) in TARGETS
            and isinstance(m, (nn.Linear, LoraLayer))]


def add_lora(transformer: nn.Module, rank: int, seed: int) -> dict[str, LoraLayer]:
    """Wrap every target Linear in a peft LoRA layer (A drawn from `seed`); returns them by module name. Every
    other parameter keeps its `requires_grad` (peft would freeze all but the adapters, the stage's set included)."""
    names = target_names(transformer)
    trained = {id(p): p.requires_grad for p in transformer.parameters()}
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        transformer.add_adapter(LoraConfig(r=rank, lora_alpha=rank, target_modules=names, init_lora_weights=True))
    for param in transformer.parameters():
        if id(param) in trained:
            param.requires_grad_(trained[id(param)])
    return {name: transformer.get_submodule(name) for name in names}


def adapter_params(adapters: dict[str, LoraLayer]) -> list[nn.Parameter]:
    """The trained A and B matrices of every adapter."""
    return [p for a in adapters.values() for p in (*a.lora_A.parameters(), *a.lora_B.parameters())]


@torch.no_grad()
def delta(adapter: LoraLayer) -> torch.Tensor:
    """(out, in) float32 (alpha / r) B A: what the adapter adds to W (merged by export.write_component)."""
    return adapter.get_delta_weight(adapter.active_adapters[0]).float()


def adapter_state(transformer: nn.Module) -> dict[str, torch.Tensor]:
    """`<module>.lora_A.weight` / `<module>.lora_B.weight` -> tensors (CPU), for the training state."""
    return {k: v.detach().cpu() for k, v in get_peft_model_state_dict(transformer).items()}


@torch.no_grad()
def load_adapter_state(transformer: nn.Module, state: dict[str, torch.Tensor]) -> None:
    result = set_peft_model_state_dict(transformer, state)
    if result.unexpected_keys:
        raise ValueError(f"unexpected LoRA keys: {result.unexpected_keys[:3]}")


def save_adapter(transformer: nn.Module, folder: Path) -> None:
    """Write the adapters to `folder` in the diffusers LoRA format (module docstring)."""
    config = transformer.peft_config["default"].to_dict()
    CogVideoXPipeline.save_lora_weights(folder, transformer_lora_layers=adapter_state(transformer),
                                        weight_name=ADAPTER_FILE, transformer_lora_adapter_metadata=config)


@torch.no_grad()
def restore_base(transformer: nn.Module, init_transformer: Path) -> None:
    """Set the target Linears' weights (the base layers' once adapted) to those of the initial weights folder's
    transformer (cast to the model's dtype): a checkpoint holds merged weights, and resuming must continue from the
    unmerged ones."""
    wanted = {f"{n}.weight": n for n in target_names(transformer)}
    for file in diffusers_weight_files(init_transformer):
        with safe_open(file, framework="pt") as f:
            for key in wanted.keys() & set(f.keys()):
                module = transformer.get_submodule(wanted[key])
                weight = (module.get_base_layer() if isinstance(module, LoraLayer) else module).weight
                weight.copy_(f.get_tensor(key).to(weight.dtype))
