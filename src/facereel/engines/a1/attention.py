"""Which attention kernel the transformer's blocks use: a torch SDPA backend, or SageAttention's 8-bit kernel.

diffusers' CogVideoX attention processor calls `torch.nn.functional.scaled_dot_product_attention` directly
(query/key/value (B, heads, tokens, head_dim), no mask), so a backend is chosen around the transformer call:
torch's `sdpa_kernel` for its own backends, and for `sage` a context that routes that function to
`sageattention.sageattn` (INT8 Q·K, fp16 P·V) for unmasked fp16/bf16 CUDA calls and to torch otherwise.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import importlib
from collections.abc import Callable, Iterator

import torch
import torch.nn.functional as F
from torch.nn.attention import SDPBackend, sdpa_kernel

from facereel.engines.a1.options import A1Options

_SDPA = {"flash": SDPBackend.FLASH_ATTENTION, "efficient": SDPBackend.EFFICIENT_ATTENTION,
         "cudnn": SDPBackend.CUDNN_ATTENTION, "math": SDPBackend.MATH}
SAGE_HEAD_DIMS = (64, 96, 128)  # head sizes SageAttention 1.0.6 has kernels for


@functools.cache
def load_sage_kernel() -> Callable[..., torch.Tensor] | None:
    """`sageattention.sageattn`, or None when the package (or the Triton it compiles with) is missing."""
    try:
        return importlib.import_module("sageattention").sageattn
    except ImportError:
        return None


@functools.cache
def sage_unavailable_reason(device: torch.device) -> str | None:
    """Why SageAttention cannot run on `device` (None when it can): no CUDA, not installed, or its kernels
    fail on a small probe (e.g. a Triton it was not written for)."""
    if device.type != "cuda":
        return f"SageAttention needs a CUDA GPU (device is {device.type})"
    kernel = load_sage_kernel()
    if kernel is None:
        return "SageAttention is not installed (pip install 'facereel[speed]')"
    probe = torch.randn(1, 2, 256, 64, device=device, dtype=torch.bfloat16)
    try:
        kernel(probe, probe, probe, tensor_layout="HND", is_causal=False)
    except Exception as error:  # noqa: BLE001 - any failure of a third-party kernel means: do not use it
        first_line = (str(error).strip().splitlines() or [""])[0][:120]
        return f"SageAttention failed on {device}: {type(error).__name__}: {first_line}"
    return None


def resolve_attention(options: A1Options, device: torch.device) -> A1Options:
    """`options` with attention `sage` replaced by `auto` (torch SDPA) where SageAttention cannot run."""
    if options.attention == "sage" and sage_unavailable_reason(device) is not None:
        return dataclasses.replace(options, attention="auto")
    return options


@contextlib.contextmanager
def sage_attention(kernel: Callable[..., torch.Tensor]) -> Iterator[None]:
    """Route unmasked fp16/bf16 CUDA calls of F.scaled_dot_product_attention to `kernel` (HND layout)."""
    torch_sdpa = F.scaled_dot_product_attention

    def sdpa(query: torch.Tensor, key: torch.Tensor, value: torch.Tensor, attn_mask: torch.Tensor | None = None,
             dropout_p: float = 0.0, is_causal: bool = False, scale: float | None = None,
             **kwargs) -> torch.Tensor:
        if (attn_mask is None and dropout_p == 0.0 and not kwargs and query.is_cuda
                and query.dtype in (torch.float16, torch.bfloat16) and query.shape[-1] in SAGE_HEAD_DIMS):
            return kernel(query, key, value, tensor_layout="HND", is_causal=is_causal, sm_scale=scale)
        return torch_sdpa(query, key, value, attn_mask=attn_mask, dropout_p=dropout_p, is_causal=is_causal,
                          scale=scale, **kwargs)

    F.scaled_dot_product_attention = sdpa
    try:
        yield
    finally:
        F.scaled_dot_product_attention = torch_sdpa


def attention_context(backend: str) -> contextlib.AbstractContextManager:
    """Context for one transformer call: `auto` (torch chooses), a torch SDPA backend, or `sage`.

    `sage` is resolved when the engine is built (`resolve_attention`); without the kernel torch's SDPA runs.
    """
    if backend == "auto":
        return contextlib.nullcontext()
    if backend == "sage":
        kernel = load_sage_kernel()
        return contextlib.nullcontext() if kernel is None else sage_attention(kernel)
    return sdpa_kernel(_SDPA[backend])
