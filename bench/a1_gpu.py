"""GPU benchmark of the SkyReels-A1 engine at FULL size with random weights, one memory mode per process.

Builds the published architecture (42-block 3072-wide transformer with 48 input channels and the face
projector, CogVideoX VAE and pose guider, SigLIP-so400m) with random bf16 weights, animates one 49-frame clip
at 480x720 (10 steps, guidance 3: one batch-2 forward per step) twice, and reports the second run:
seconds per denoising step, seconds per 49-frame clip, peak GPU memory (allocated / reserved), peak host RSS.

    python bench/a1_gpu.py                 # every mode, each in its own process (clean peak memory)
    python bench/a1_gpu.py --mode group    # one mode: none | model | sequential | group | fp8
    python bench/a1_gpu.py --smoke         # check this script on the CPU at the tiny configuration
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import numpy as np  # noqa: E402
import torch  # noqa: E402
from diffusers import AutoencoderKLCogVideoX, CogVideoXDDIMScheduler  # noqa: E402
from transformers import SiglipVisionConfig, SiglipVisionModel  # noqa: E402
from transformers.models.siglip.image_processing_pil_siglip import SiglipImageProcessorPil  # noqa: E402

from facereel.engines.a1 import A1Engine, A1Options  # noqa: E402
from facereel.engines.a1 import constants as C  # noqa: E402
from facereel.engines.a1.face_encoder import FaceEncoder  # noqa: E402
from facereel.engines.a1.tiny import tiny_transformer_config  # noqa: E402
from facereel.engines.a1.transformer import A1Transformer  # noqa: E402
from facereel.engines.a1.weights import A1Components  # noqa: E402

MODES = {  # mode name -> A1Options overrides
    "none": {"offload": "none"},
    "model": {"offload": "model"},
    "group": {"offload": "group"},
    "sequential": {"offload": "sequential"},
    "fp8": {"offload": "none", "fp8": True},
}
SIGLIP_SO400M = dict(hidden_size=1152, intermediate_size=4304, num_hidden_layers=27, num_attention_heads=16,
                     image_size=384, patch_size=14, vision_use_head=False)
TINY_SIGLIP = dict(hidden_size=32, intermediate_size=64, num_hidden_layers=1, num_attention_heads=2,
                   image_size=384, patch_size=14, vision_use_head=False)


def random_module(build, dtype: torch.dtype) -> torch.nn.Module:
    """Build with the modules' own random init directly in `dtype` (no float32 copy of 5.6B weights)."""
    previous = torch.get_default_dtype()
    torch.set_default_dtype(dtype)
    try:
        # nn.Module.to: some buffers (the sincos position table) are built in float64 regardless.
        return torch.nn.Module.to(build(), dtype).eval()
    finally:
        torch.set_default_dtype(previous)


def random_components(dtype: torch.dtype, smoke: bool) -> A1Components:
    height, width = (64, 96) if smoke else (C.HEIGHT, C.WIDTH)
    transformer_config = tiny_transformer_config(height, width, C.WINDOW_FRAMES) if smoke \
        else C.FULL_TRANSFORMER_CONFIG
    vae_config = dict(block_out_channels=(8, 8, 8, 8), layers_per_block=1, norm_num_groups=4,
                      sample_height=2 * height, sample_width=2 * width) if smoke else {}
    siglip = random_module(lambda: SiglipVisionModel(SiglipVisionConfig(**(TINY_SIGLIP if smoke else SIGLIP_SO400M))),
                           dtype)
    return A1Components(
        transformer=random_module(lambda: A1Transformer(**transformer_config), dtype),
        vae=random_module(lambda: AutoencoderKLCogVideoX(scaling_factor=C.LATENT_SCALING, **vae_config), dtype),
        pose_guider=random_module(lambda: AutoencoderKLCogVideoX(scaling_factor=C.LATENT_SCALING, **vae_config),
                                  dtype),
        face_encoder=FaceEncoder(siglip, SiglipImageProcessorPil(size={"height": 384, "width": 384})),
        scheduler=CogVideoXDDIMScheduler(**C.SCHEDULER_CONFIG),
    )


def run_mode(mode: str, smoke: bool) -> None:
    device = "cpu" if smoke else "cuda"
    build_start = time.perf_counter()
    components = random_components(torch.bfloat16, smoke)
    engine = A1Engine.from_components(components, device, torch.bfloat16, A1Options(**MODES[mode]))
    build_s = time.perf_counter() - build_start
    height, width = engine.pipeline.pixel_size
    rng = np.random.default_rng(0)
    reference = rng.integers(0, 256, (height, width, 3), dtype=np.uint8)
    condition = rng.integers(0, 256, (C.WINDOW_FRAMES, height, width, 3), dtype=np.uint8)
    face = rng.integers(0, 256, (C.FACE_CROP, C.FACE_CROP, 3), dtype=np.uint8)

    def sync() -> None:
        if device == "cuda":
            torch.cuda.synchronize()

    ticks: list[float] = []

    def progress(window: int, windows: int, step: int, steps: int) -> None:
        sync()  # so each tick marks the end of that step's GPU work
        if 1 <= step < steps:
            ticks.append(time.perf_counter())

    engine.animate(reference, condition, face)  # warm-up: kernels, allocator, offload hooks
    if device == "cuda":
        torch.cuda.reset_peak_memory_stats()
    ticks.clear()
    start = time.perf_counter()
    engine.animate(reference, condition, face, progress=progress)
    sync()
    clip_s = time.perf_counter() - start
    step_s = float(np.mean(np.diff(ticks)))
    gib = 2**30
    allocated = torch.cuda.max_memory_allocated() / gib if device == "cuda" else float("nan")
    reserved = torch.cuda.max_memory_reserved() / gib if device == "cuda" else float("nan")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20  # KiB -> GiB
    print(f"| {mode} | {step_s:.2f} | {clip_s:.1f} | {allocated:.1f} | {reserved:.1f} | {rss:.1f} | {build_s:.0f} |",
          flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", choices=sorted(MODES), help="one memory mode (default: all, one process each)")
    parser.add_argument("--smoke", action="store_true", help="tiny configuration on the CPU (checks the script)")
    args = parser.parse_args()
    if not args.smoke and not torch.cuda.is_available():
        sys.exit("bench/a1_gpu.py needs a CUDA GPU (full-size A1 at 480x720); none is visible to torch "
                 f"{torch.__version__}. Use bench/a1_cpu.py here, or --smoke to check this script on the CPU.")
    if args.mode is None:
        where = "CPU (smoke, tiny config)" if args.smoke else torch.cuda.get_device_name()
        size = "96x64" if args.smoke else f"{C.WIDTH}x{C.HEIGHT}"
        print(f"device: {where}; torch {torch.__version__}; {C.WINDOW_FRAMES} frames {size}, {C.STEPS} steps, "
              f"guidance {C.GUIDANCE}, bf16")
    print("| mode | s/step | s/clip | peak GPU alloc GiB | peak GPU reserved GiB | peak RSS GiB | build s |")
    print("|---|---|---|---|---|---|---|", flush=True)
    if args.mode is not None:
        run_mode(args.mode, args.smoke)
        return
    for mode in MODES:
        cmd = [sys.executable, __file__, "--mode", mode] + (["--smoke"] if args.smoke else [])
        result = subprocess.run(cmd, capture_output=True, text=True)
        rows = [line for line in result.stdout.splitlines() if line.startswith(f"| {mode} ")]
        print(rows[-1] if rows and result.returncode == 0 else
              f"| {mode} | failed (exit {result.returncode}): {result.stderr.strip().splitlines()[-1:]} |", flush=True)


if __name__ == "__main__":
    main()
