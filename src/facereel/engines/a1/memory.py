"""Where the weights live and how they are stored: offload modes, VAE tiling, fp8 storage, speed hooks.

Offload modes (all through diffusers/accelerate hooks, so the pipeline code never moves a module itself):
- auto: made concrete before placement by `resolve_offload` (none / group / sequential by free GPU memory,
  together with the pose guider's tiling, which is only a fallback).
- none: every component on the device.
- model: each component is moved to the device when it runs and the previous one goes back to the CPU
  (accelerate `cpu_offload_with_hook`, chained in the order the engine uses them).
- sequential: parameters are streamed to the device layer by layer (accelerate `cpu_offload`): least memory,
  slowest.
- group: diffusers group offloading: one transformer block at a time, prefetched on a CUDA stream; the VAEs
  and SigLIP per leaf layer.
"""

from __future__ import annotations

import dataclasses
import os
import sys

import torch
from accelerate import cpu_offload, cpu_offload_with_hook
from diffusers.hooks import apply_group_offloading

from facereel.engines.a1.options import A1Options
from facereel.engines.a1.quantize import fp8_compute_problem, quantize_blocks_fp8
from facereel.engines.a1.step_cache import enable_step_cache
from facereel.engines.a1.weights import A1Components
from facereel.errors import InputError


# Peak GPU memory (GiB, torch allocator reserved) of one 49-frame 480x720 window of the full-size model in
# bf16 with VAE tiling, measured by bench/a1_gpu.py on an H200 (docs/benchmarks.md); in the order `auto`
# tries them (fastest first). `fp8` is the resident mode with fp8 transformer weights (fp8 storage; fp8
# compute stores fp8 weights too).
PEAK_GPU_GIB = {"none": 18.1, "group": 6.5, "sequential": 5.5}
PEAK_GPU_GIB_FP8 = 13.7
HEADROOM_GIB = 1.5  # CUDA context, cuDNN/cuBLAS workspaces, fragmentation
# The peaks above were taken with a tiled pose guider and a bf16 SigLIP. The untiled pose-guider encode of a
# 49-frame 480x720 window (the release's way, the default) measured +3.5 GiB reserved on an H200 in both
# `none` (18.1 -> 21.6) and `group` (6.5 -> 10.0) (docs/benchmarks.md, 2026-11-30); SigLIP-so400m's vision
# tower kept in float32 as the release does is computed (+0.4 B parameters x 2 bytes, resident modes only).
# Checked with both in place (bench/a1_gpu.py on an H100 and an H200, docs/benchmarks.md): `none` 22.5 GiB
# reserved (planned 18.1 + 0.8 + 3.5 = 22.4), `none` with the guider tiled 18.9 (planned 18.9).
SIGLIP_FP32_EXTRA_GIB = 0.8
GUIDER_UNTILED_EXTRA_GIB = 3.5


# torch's allocator setting that maps memory in growable segments instead of fixed blocks: on an H100 it cut the
# reserved peak of one full-size window from 22.5 to 22.0 GiB (`none`) and from 24.1 to 22.5 GiB (compiled blocks
# with TeaCache, bench mode `fastest-tiled`) at the same speed (docs/benchmarks.md, thirty-fifth session). Linux only.
EXPANDABLE_SEGMENTS = "expandable_segments:True"


def prefer_expandable_segments() -> bool:
    """Set PYTORCH_CUDA_ALLOC_CONF to EXPANDABLE_SEGMENTS unless the user set it or CUDA is already initialised
    (torch reads the variable once, when the allocator starts). True when it was set here."""
    if "PYTORCH_CUDA_ALLOC_CONF" in os.environ or not sys.platform.startswith("linux") or torch.cuda.is_initialized():
        return False
    os.environ["PYTORCH_CUDA_ALLOC_CONF"] = EXPANDABLE_SEGMENTS
    return True


def _peak_gib(mode: str, options: A1Options, untiled_guider: bool) -> float:
    """Planned peak GPU memory (GiB) of one full-size window in `mode`."""
    peak = PEAK_GPU_GIB_FP8 if mode == "none" and (options.fp8 or options.fp8_compute) else PEAK_GPU_GIB[mode]
    if mode == "none":
        peak += SIGLIP_FP32_EXTRA_GIB
    return peak + (GUIDER_UNTILED_EXTRA_GIB if untiled_guider else 0.0)


def resolve_offload(options: A1Options, device: torch.device) -> A1Options:
    """`options` with `offload="auto"` and `guider_tiling="auto"` made concrete; explicit settings are kept.

    The release does not tile the pose guider, so the guider is tiled only when no allowed offload mode fits
    with it untiled. On CUDA: the first of none, group, sequential (or the given mode) whose planned peak
    plus headroom fits the device's free memory now (weights are still on the CPU then), with the guider
    untiled if possible; elsewhere none with the guider untiled. InputError when nothing fits.
    """
    if options.offload != "auto" and options.guider_tiling != "auto":
        return options
    if device.type != "cuda":
        return dataclasses.replace(options, offload="none" if options.offload == "auto" else options.offload,
                                   guider_tiling="off" if options.guider_tiling == "auto" else options.guider_tiling)
    free_gib = torch.cuda.mem_get_info(device)[0] / 2**30
    modes = list(PEAK_GPU_GIB) if options.offload == "auto" else [options.offload]
    tilings = ["off", "on"] if options.guider_tiling == "auto" else [options.guider_tiling]
    for tiling in tilings:
        for mode in modes:
            # "model" was not measured: it keeps one whole component on the GPU, like "none" at worst.
            planned = _peak_gib("none" if mode == "model" else mode, options, tiling == "off")
            if planned + HEADROOM_GIB <= free_gib:
                return dataclasses.replace(options, offload=mode, guider_tiling=tiling)
    if options.offload != "auto":  # an explicit mode is the user's call: tile the guider to give it a chance
        return dataclasses.replace(options, guider_tiling=tilings[-1])
    need = PEAK_GPU_GIB["sequential"] + HEADROOM_GIB
    raise InputError(f"the A1 model needs about {need:.0f} GiB of free GPU memory even with --offload sequential; "
                     f"{free_gib:.1f} GiB is free on {device}: free the GPU or use a larger one")


def _modules_in_use_order(c: A1Components) -> list[torch.nn.Module]:
    # The VAE comes last: it encodes the reference once, then decodes after the transformer in every window,
    # so chaining it after the transformer evicts the transformer before decoding.
    return [c.face_encoder.model, c.pose_guider, c.transformer, c.vae]


def apply_storage(c: A1Components, options: A1Options, dtype: torch.dtype, device: torch.device) -> None:
    """fp8 weight storage with bf16 compute for the transformer (norms and patch embedding stay bf16).

    fp8 compute is checked here, before any weight moves (InputError when this device/dtype/offload
    cannot run it), and applied by `apply_speed` once the weights are on the GPU."""
    if options.fp8_compute and (problem := fp8_compute_problem(device, dtype, options.offload)) is not None:
        raise InputError(problem)
    if not options.fp8:
        return
    if dtype != torch.bfloat16:
        raise InputError(f"fp8 storage computes in bfloat16; got dtype {dtype}")
    c.transformer.enable_layerwise_casting(storage_dtype=torch.float8_e4m3fn, compute_dtype=torch.bfloat16)


def apply_placement(c: A1Components, options: A1Options, device: torch.device) -> None:
    """Put the components on `device` according to `options.offload`, VAE and pose-guider tiling."""
    if options.vae_tiling:
        c.vae.enable_tiling()
    if options.guider_tiling == "on":
        c.pose_guider.enable_tiling()
    modules = _modules_in_use_order(c)
    if options.offload == "none":
        for module in modules:
            module.to(device)
    elif options.offload == "model":
        hook = None
        for module in modules:
            _, hook = cpu_offload_with_hook(module, device, prev_module_hook=hook)
    elif options.offload == "sequential":
        for module in modules:
            cpu_offload(module, device)
    else:  # group
        stream = device.type == "cuda"  # overlap transfers with compute where streams exist
        c.transformer.enable_group_offload(onload_device=device, offload_type="block_level",
                                           num_blocks_per_group=1, use_stream=stream)
        for module in (c.face_encoder.model, c.pose_guider, c.vae):
            apply_group_offloading(module, onload_device=device, offload_type="leaf_level", use_stream=stream)


def apply_speed(c: A1Components, options: A1Options) -> None:
    """Opt-in speed modes, all off by default (each trades some fidelity or warm-up time for speed):
    fp8 compute of the blocks' linears, step caching, torch.compile of the blocks or the whole transformer."""
    if options.fp8_compute:
        quantize_blocks_fp8(c.transformer)
    if options.compile and options.compile_scope == "transformer":
        # One graph for the whole model; static shapes (a batch change, e.g. guidance truncation, recompiles once).
        c.transformer.compile(dynamic=False)
    elif options.compile:
        # Compiling the repeated blocks (not the whole model) keeps compile time to one block's worth. Each
        # block's forward is compiled before a step cache wraps it, so the cache's per-step decision stays in
        # Python around compiled blocks (TeaCache with compiled blocks; no recompiles per block index).
        for block in c.transformer.transformer_blocks:
            block.forward = torch.compile(block.forward)
    enable_step_cache(c.transformer, options)
