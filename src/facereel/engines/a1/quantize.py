"""fp8 compute for the transformer blocks: torchao float8 dynamic activation + weight quantisation.

Every `nn.Linear` inside the 42 blocks (attention q/k/v/out, feed-forward) gets float8_e4m3fn weights
(one scale per output row) and quantises its activations per row on the fly, so the matmuls run on fp8
tensor cores (`torch._scaled_mm`); patch embedding, face projector, norms, time embedding and the output
projection stay bf16. Unlike `A1Options.fp8` (fp8 storage, bf16 matmuls) this changes the arithmetic.
"""

from __future__ import annotations

import torch

from facereel.errors import InputError

MIN_CAPABILITY = (8, 9)  # Ada / Hopper: the first NVIDIA GPUs with fp8 tensor cores


def fp8_compute_problem(device: torch.device, dtype: torch.dtype, offload: str) -> str | None:
    """Why fp8 compute cannot run with these settings (None when it can)."""
    if dtype != torch.bfloat16:
        return f"fp8 compute needs dtype bfloat16, got {dtype}"
    if device.type != "cuda":
        return f"fp8 compute needs an NVIDIA GPU of compute capability >= 8.9 (device is {device.type})"
    capability = torch.cuda.get_device_capability(device)
    if capability < MIN_CAPABILITY:
        return (f"fp8 compute needs compute capability >= 8.9 (Ada/Hopper); {torch.cuda.get_device_name(device)} "
                f"has {capability[0]}.{capability[1]}: use fp8 storage (--fp8) instead")
    if offload != "none":
        return f"fp8 compute keeps the transformer on the GPU (offload none); offload is {offload}"
    return None


def quantize_blocks_fp8(transformer: torch.nn.Module) -> None:
    """Quantise the blocks' linears in place (weights already on the GPU; settings checked by
    `fp8_compute_problem`); InputError when torchao is missing."""
    try:
        from torchao.quantization import Float8DynamicActivationFloat8WeightConfig, PerRow, quantize_
    except ImportError:
        raise InputError("fp8 compute needs torchao (pip install 'facereel[speed]')") from None
    quantize_(transformer.transformer_blocks, Float8DynamicActivationFloat8WeightConfig(granularity=PerRow()))
