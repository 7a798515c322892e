"""Low-rank adapters (LoRA) on the attention projections of the transformer blocks (`--train blocks --lora-rank R`).

Each adapted `nn.Linear` y = W x + b becomes y = W x + b + (alpha / r) B A x with A (r, in) and B (out, r) trained
and W, b frozen; alpha = r, so the scale is 1. B starts at zero (the adapted model starts as the base model), A
Kaiming-uniform as in the LoRA paper's reference code. Checkpoints store the merged weights W + B A in the
published layout, with W read from the initial weights in float32 (export.py), so every checkpoint loads with
`A1Engine.from_pretrained`; the adapters themselves go into the training state for resuming, with the frozen W
read back from the initial weights.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import torch
from safetensors import safe_open
from torch import nn

from facereel.engines.a1.weights import diffusers_weight_files

# Attention projections of every CogVideoX block (attn1: joint attention over face and video tokens).
TARGETS = ("attn1.to_q", "attn1.to_k", "attn1.to_v", "attn1.to_out.0")
_BLOCK_MODULE = re.compile(r"transformer_blocks\.\d+\.(.+)")  # group 1: the module's name inside its block


class LoRALinear(nn.Module):
    """A frozen `base` Linear plus a trained rank-`rank` update `up @ down` (scale 1)."""

    def __init__(self, base: nn.Linear, rank: int, generator: torch.Generator) -> None:
        super().__init__()
        self.base = base
        base.requires_grad_(False)
        down = torch.empty(rank, base.in_features)
        nn.init.kaiming_uniform_(down, a=math.sqrt(5), generator=generator)
        self.down = nn.Parameter(down.to(base.weight.device))
        self.up = nn.Parameter(torch.zeros(base.out_features, rank, device=base.weight.device))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """(..., in) -> (..., out)."""
        return self.base(x) + nn.functional.linear(nn.functional.linear(x, self.down.to(x.dtype)),
                                                   self.up.to(x.dtype))

    @torch.no_grad()
    def update(self) -> torch.Tensor:
        """(out, in) float32 `up @ down`: what the adapters add to W (merged by export.write_component)."""
        return self.up.float() @ self.down.float()


def _parent(root: nn.Module, name: str) -> tuple[nn.Module, str]:
    parent, _, child = name.rpartition(".")
    return root.get_submodule(parent), child


def target_names(transformer: nn.Module) -> list[str]:
    """Module names of the adapted Linears: `transformer_blocks.<i>.<TARGETS>`."""
    return [n for n, m in transformer.named_modules()
            if (match := _BLOCK_MODULE.fullmatch(n)) and match.group(1) in TARGETS and isinstance(m, nn.Linear)]


def add_lora(transformer: nn.Module, rank: int, seed: int) -> dict[str, LoRALinear]:
    """Replace every target Linear by a LoRALinear (A drawn from `seed`); returns them by module name."""
    generator = torch.Generator().manual_seed(seed)
    adapters = {}
    for name in target_names(transformer):
        parent, child = _parent(transformer, name)
        adapters[name] = LoRALinear(getattr(parent, child), rank, generator)
        setattr(parent, child, adapters[name])
    return adapters


def adapter_state(adapters: dict[str, LoRALinear]) -> dict[str, torch.Tensor]:
    """`<module>.down` / `<module>.up` -> tensors (CPU), for the training state."""
    return {f"{n}.{k}": getattr(a, k).detach().cpu() for n, a in adapters.items() for k in ("down", "up")}


@torch.no_grad()
def load_adapter_state(adapters: dict[str, LoRALinear], state: dict[str, torch.Tensor]) -> None:
    for name, adapter in adapters.items():
        for key in ("down", "up"):
            getattr(adapter, key).copy_(state[f"{name}.{key}"])


@torch.no_grad()
def restore_base(transformer: nn.Module, init_transformer: Path) -> None:
    """Set the target Linears' weights to those of the initial weights folder's transformer (cast to the
    model's dtype): a checkpoint holds merged weights, and resuming must continue from the unmerged ones."""
    wanted = {f"{n}.weight": n for n in target_names(transformer)}
    for file in diffusers_weight_files(init_transformer):
        with safe_open(file, framework="pt") as f:
            for key in wanted.keys() & set(f.keys()):
                weight = transformer.get_submodule(wanted[key]).weight
                weight.copy_(f.get_tensor(key).to(weight.dtype))
