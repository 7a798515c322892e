"""GPU benchmark of the SkyReels-A1 engine at FULL size with random weights, one memory mode per process.

Builds the published architecture (42-block 3072-wide transformer with 48 input channels and the face
projector, CogVideoX VAE and pose guider, SigLIP-so400m) with random bf16 weights drawn directly on the GPU,
warms up with a one-step clip, then animates one 49-frame clip at 480x720 (10 steps, guidance 3: one
batch-2 forward per step) and reports: seconds per denoising step, seconds per 49-frame clip (face and
landmark encoding, 10 steps, decoding), peak GPU memory (allocated / reserved) and peak host RSS.

    python bench/a1_gpu.py                         # every mode, each in its own process (clean peak memory)
    python bench/a1_gpu.py --time-limit 480        # stop starting modes when the time is spent
    python bench/a1_gpu.py --only none,compile     # some modes, each in its own process
    python bench/a1_gpu.py --mode group            # one mode in this process: a key of MODES
    python bench/a1_gpu.py --smoke                 # check this script on the CPU at the tiny configuration
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import numpy as np  # noqa: E402
import torch  # noqa: E402
from accelerate import init_empty_weights  # noqa: E402
from diffusers import AutoencoderKLCogVideoX, CogVideoXDDIMScheduler  # noqa: E402
from transformers import SiglipVisionConfig, SiglipVisionModel  # noqa: E402
from transformers.models.siglip.image_processing_pil_siglip import SiglipImageProcessorPil  # noqa: E402

from facereel.engines.a1 import A1Engine, A1Options  # noqa: E402
from facereel.engines.a1 import constants as C  # noqa: E402
from facereel.engines.a1.face_encoder import FaceEncoder  # noqa: E402
from facereel.engines.a1.tiny import tiny_transformer_config  # noqa: E402
from facereel.engines.a1.transformer import A1Transformer  # noqa: E402
from facereel.engines.a1.weights import A1Components  # noqa: E402

MODES = {  # mode name -> A1Options overrides, in the order they run (most telling first)
    "none": {"offload": "none"},
    "fp8": {"offload": "none", "fp8": True},
    "group": {"offload": "group"},
    "model": {"offload": "model"},
    "sequential": {"offload": "sequential"},
    # speed options, all weights on the GPU ("none" lets torch choose the attention kernel)
    "flash": {"offload": "none", "attention": "flash"},
    "cudnn": {"offload": "none", "attention": "cudnn"},
    "compile": {"offload": "none", "compile": True},
    # the pose guider tiled (the memory fallback); every other mode runs it untiled, as the release does,
    # so "none" minus this is the untiled guider's cost (memory.GUIDER_UNTILED_EXTRA_GIB is an estimate)
    "guider-tiled": {"offload": "none", "guider_tiling": "on"},
}
CUDA_ONLY = {"flash", "cudnn"}  # attention kernels torch has on CUDA alone
SIGLIP_SO400M = dict(hidden_size=1152, intermediate_size=4304, num_hidden_layers=27, num_attention_heads=16,
                     image_size=384, patch_size=14, vision_use_head=False)
TINY_SIGLIP = dict(hidden_size=32, intermediate_size=64, num_hidden_layers=1, num_attention_heads=2,
                   image_size=384, patch_size=14, vision_use_head=False)


def random_module(build: Callable[[], torch.nn.Module], dtype: torch.dtype,
                  device: torch.device) -> torch.nn.Module:
    """Build with parameters on the meta device, then draw each one on `device` directly in `dtype`.

    Weight matrices ~ N(0, 0.02), 1-D weights (norms) = 1, biases = 0: no float32 copy of 5.6B weights and
    no slow CPU init. Buffers (position tables, ids) are built normally and cast.
    """
    with init_empty_weights(include_buffers=False):
        module = build()
    generator = torch.Generator(device).manual_seed(0)
    for sub in module.modules():
        for name, param in list(sub.named_parameters(recurse=False)):
            value = torch.empty(param.shape, dtype=dtype, device=device)
            if name == "bias":
                value.zero_()
            elif param.ndim == 1:
                value.fill_(1.0)
            else:
                value.normal_(0.0, 0.02, generator=generator)
            setattr(sub, name, torch.nn.Parameter(value, requires_grad=False))
    # nn.Module.to: some buffers (the sincos position table) are built in float64 regardless.
    return torch.nn.Module.to(module, device=device, dtype=dtype).eval()


def random_components(dtype: torch.dtype, device: torch.device, smoke: bool) -> A1Components:
    height, width = (64, 96) if smoke else (C.HEIGHT, C.WIDTH)
    transformer_config = tiny_transformer_config(height, width, C.WINDOW_FRAMES) if smoke \
        else C.FULL_TRANSFORMER_CONFIG
    vae_config = dict(block_out_channels=(8, 8, 8, 8), layers_per_block=1, norm_num_groups=4,
                      sample_height=2 * height, sample_width=2 * width) if smoke else {}
    # SigLIP stays float32 whatever the model dtype, as weights.load_components loads it (the release's way)
    siglip = random_module(lambda: SiglipVisionModel(SiglipVisionConfig(**(TINY_SIGLIP if smoke else SIGLIP_SO400M))),
                           torch.float32, device)
    return A1Components(
        transformer=random_module(lambda: A1Transformer(**transformer_config), dtype, device),
        vae=random_module(lambda: AutoencoderKLCogVideoX(scaling_factor=C.LATENT_SCALING, **vae_config), dtype,
                          device),
        pose_guider=random_module(lambda: AutoencoderKLCogVideoX(scaling_factor=C.LATENT_SCALING, **vae_config),
                                  dtype, device),
        face_encoder=FaceEncoder(siglip, SiglipImageProcessorPil(size={"height": 384, "width": 384})),
        scheduler=CogVideoXDDIMScheduler(**C.SCHEDULER_CONFIG),
    )


def run_mode(mode: str, smoke: bool) -> None:
    device = torch.device("cpu" if smoke else "cuda")
    build_start = time.perf_counter()
    # Drawn on the device; the offload modes' placement moves them to the CPU as a loaded model would be.
    components = random_components(torch.bfloat16, device, smoke)
    options = A1Options(**MODES[mode])
    engine = A1Engine.from_components(components, device, torch.bfloat16, options)
    if device.type == "cuda":
        torch.cuda.empty_cache()  # release the allocator's cache of weights the placement moved to the CPU
    build_s = time.perf_counter() - build_start
    # Same placed components, one denoising step: loads kernels, allocator blocks and offload hooks.
    warm_up = A1Engine(components, device, torch.bfloat16, dataclasses.replace(options, steps=1, blend_steps=(0, 0)))
    height, width = engine.pipeline.pixel_size
    rng = np.random.default_rng(0)
    reference = rng.integers(0, 256, (height, width, 3), dtype=np.uint8)
    condition = rng.integers(0, 256, (C.WINDOW_FRAMES, height, width, 3), dtype=np.uint8)
    face = rng.integers(0, 256, (C.FACE_CROP, C.FACE_CROP, 3), dtype=np.uint8)

    def sync() -> None:
        if device.type == "cuda":
            torch.cuda.synchronize()

    ticks: list[float] = []

    def progress(window: int, windows: int, step: int, steps: int) -> None:
        sync()  # so each tick marks the end of that step's GPU work
        if 1 <= step < steps:
            ticks.append(time.perf_counter())

    warm_start = time.perf_counter()
    warm_up.animate(reference, condition, face)
    sync()
    warm_s = time.perf_counter() - warm_start
    if device.type == "cuda":
        torch.cuda.reset_peak_memory_stats()
    ticks.clear()
    start = time.perf_counter()
    engine.animate(reference, condition, face, progress=progress)
    sync()
    clip_s = time.perf_counter() - start
    step_s = float(np.mean(np.diff(ticks)))
    gib = 2**30
    allocated = torch.cuda.max_memory_allocated() / gib if device.type == "cuda" else float("nan")
    reserved = torch.cuda.max_memory_reserved() / gib if device.type == "cuda" else float("nan")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20  # KiB -> GiB
    print(f"| {mode} | {step_s:.2f} | {clip_s:.1f} | {allocated:.1f} | {reserved:.1f} | {rss:.1f} | {build_s:.0f} | {warm_s:.0f} |",
          flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", choices=sorted(MODES), help="one memory mode (default: all, one process each)")
    parser.add_argument("--smoke", action="store_true", help="tiny configuration on the CPU (checks the script)")
    parser.add_argument("--only", help="comma-separated modes to run (default: all, in MODES order)")
    parser.add_argument("--time-limit", type=float, default=None,
                        help="seconds for all modes together; a mode still running then is stopped and reported")
    args = parser.parse_args()
    if not args.smoke and not torch.cuda.is_available():
        sys.exit("bench/a1_gpu.py needs a CUDA GPU (full-size A1 at 480x720); none is visible to torch "
                 f"{torch.__version__}. Use bench/a1_cpu.py here, or --smoke to check this script on the CPU.")
    if args.mode is None:
        import diffusers
        import transformers

        where = "CPU (smoke, tiny config)" if args.smoke else \
            f"{torch.cuda.get_device_name()} ({torch.cuda.get_device_properties(0).total_memory / 2**30:.0f} GiB)"
        size = "96x64" if args.smoke else f"{C.WIDTH}x{C.HEIGHT}"
        print(f"device: {where}; torch {torch.__version__}, diffusers {diffusers.__version__}, transformers "
              f"{transformers.__version__}; {C.WINDOW_FRAMES} frames {size}, {C.STEPS} steps, guidance {C.GUIDANCE}, "
              "bf16")
    print("| mode | s/step | s/clip | peak GPU alloc GiB | peak GPU reserved GiB | peak RSS GiB | build s | warm-up s |")
    print("|---|---|---|---|---|---|---|---|", flush=True)
    if args.mode is not None:
        run_mode(args.mode, args.smoke)
        return
    deadline = None if args.time_limit is None else time.monotonic() + args.time_limit
    modes = list(MODES) if args.only is None else args.only.split(",")
    unknown = sorted(set(modes) - set(MODES))
    if unknown:
        sys.exit(f"unknown mode(s) {', '.join(unknown)}; choose from {', '.join(MODES)}")
    for mode in modes:
        cmd = [sys.executable, __file__, "--mode", mode] + (["--smoke"] if args.smoke else [])
        left = None if deadline is None else deadline - time.monotonic()
        if left is not None and left <= 0:
            print(f"| {mode} | not run: time limit reached |", flush=True)
            continue
        if args.smoke and mode in CUDA_ONLY:
            print(f"| {mode} | not run: CUDA-only attention kernel |", flush=True)
            continue
        try:
            result = subprocess.run(cmd, capture_output=True, text=True, timeout=left)
        except subprocess.TimeoutExpired:
            print(f"| {mode} | stopped: still running at the time limit ({args.time_limit:.0f} s for all modes) |",
                  flush=True)
            continue
        rows = [line for line in result.stdout.splitlines() if line.startswith(f"| {mode} ")]
        if rows and result.returncode == 0:
            print(rows[-1], flush=True)
        else:
            print(f"| {mode} | failed (exit {result.returncode}) |", flush=True)
            print("\n".join(result.stderr.strip().splitlines()[-6:]), file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
