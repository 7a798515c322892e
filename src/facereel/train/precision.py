"""Storage and compute precision of training (`--frozen-dtype`).

Trained parameters and their AdamW state are float32. Frozen parameters (those no optimizer sees: the blocks in
the motion and identity stages, the base weights W under LoRA, the VAE, SigLIP, the unused pose-guider decoder)
are stored in the frozen dtype: bfloat16 halves them (~26 GB -> ~13 GB at full size). Computation runs under
bf16 autocast on CUDA, and on the CPU when frozen weights are bf16 (their matmuls need bf16 operands there).
Under autocast a Linear or convolution casts its float32 weight to bf16 at every call anyway, so bf16 storage of
a frozen weight changes only what autocast keeps in float32 (norm weights) and parameters used outside autocast's
op lists. Checkpoints never hold the rounded values: frozen tensors are copied from the initial folder (export.py).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable

import torch
from torch import nn

from facereel.train.options import FROZEN_DTYPE_NAMES

FROZEN_DTYPES: dict[str, torch.dtype] = {name: getattr(torch, name) for name in FROZEN_DTYPE_NAMES}


def store_by_role(modules: Iterable[nn.Module], frozen_dtype: torch.dtype) -> None:
    """Cast every parameter in place to its role's dtype: trained (requires_grad) float32, frozen `frozen_dtype`.

    Per parameter, so a module holding both (the patch embedding, a LoRA-wrapped Linear) is split correctly; the
    Parameter objects are kept (`.data` is replaced), so lists of them held by an optimizer stay valid.
    """
    for module in modules:
        for param in module.parameters():
            dtype = torch.float32 if param.requires_grad else frozen_dtype
            if param.dtype != dtype:
                param.data = param.data.to(dtype)


def bf16_compute(device: torch.device, frozen_dtype: torch.dtype) -> bool:
    """Whether training computes in bf16: on CUDA, and on the CPU when the frozen weights are bf16."""
    return device.type == "cuda" or frozen_dtype != torch.float32


def autocast(device: torch.device, frozen_dtype: torch.dtype) -> contextlib.AbstractContextManager:
    """bf16 autocast where `bf16_compute`; float32 arithmetic otherwise."""
    return torch.autocast(device.type, torch.bfloat16, enabled=bf16_compute(device, frozen_dtype))
