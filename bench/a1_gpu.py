"""GPU benchmark of the SkyReels-A1 engine at FULL size with random weights, one mode per process.

Builds the published architecture (42-block 3072-wide transformer with 48 input channels and the face
projector, CogVideoX VAE and pose guider, SigLIP-so400m) with random bf16 weights drawn directly on the GPU,
warms up with a one-step clip, then animates one 49-frame clip at 480x720 (10 steps, guidance 3: one
batch-2 forward per step) and reports: seconds per denoising step, seconds per 49-frame clip (face and
landmark encoding, 10 steps, decoding), the encodings' and the VAE decode's shares of it, peak GPU memory (allocated /
reserved), peak host RSS, block-stack runs per step count (step caches skip some) and the deviation from
the exact path (mode none, same weights and seed): relative error of the sampler's velocity (the guided
transformer output) at step 0 and over all steps, and PSNR of the frames.

    python bench/a1_gpu.py                         # every mode, each in its own process (clean peak memory)
    python bench/a1_gpu.py --time-limit 480        # stop starting modes when the time is spent
    python bench/a1_gpu.py --only none,compile     # some modes, each in its own process
    python bench/a1_gpu.py --mode group            # one mode in this process: a key of MODES
    python bench/a1_gpu.py --only teacache         # a step-cache sweep: one row per threshold (SWEEPS)
    python bench/a1_gpu.py --smoke                 # on the CPU, the tests' tiny folder in float32 (deviations)
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import numpy as np  # noqa: E402
import torch  # noqa: E402
from accelerate import init_empty_weights  # noqa: E402
from diffusers import AutoencoderKLCogVideoX, CogVideoXDDIMScheduler  # noqa: E402
from transformers import SiglipVisionConfig, SiglipVisionModel  # noqa: E402
from transformers.models.siglip.image_processing_pil_siglip import SiglipImageProcessorPil  # noqa: E402

from facereel.engines.a1 import A1Engine, A1Options  # noqa: E402
from facereel.engines.a1 import constants as C  # noqa: E402
from facereel.engines.a1.attention import sage_unavailable_reason  # noqa: E402
from facereel.engines.a1.face_encoder import FaceEncoder  # noqa: E402
from facereel.engines.a1.step_cache import disable_step_cache, enable_step_cache, step_cache_policy  # noqa: E402
from facereel.engines.a1.tiny import make_tiny_weights  # noqa: E402
from facereel.engines.a1.transformer import A1Transformer  # noqa: E402
from facereel.engines.a1.weights import A1Components, load_components  # noqa: E402

MODES = {  # mode name -> A1Options overrides, in the order they run (most telling first)
    "none": {"offload": "none"},  # the exact path: also writes the reference the deviation columns use
    "fp8": {"offload": "none", "fp8": True},
    "group": {"offload": "group"},
    "model": {"offload": "model"},
    "sequential": {"offload": "sequential"},
    # speed options, all weights on the GPU ("none" lets torch choose the attention kernel)
    "flash": {"offload": "none", "attention": "flash"},
    "cudnn": {"offload": "none", "attention": "cudnn"},
    "compile": {"offload": "none", "compile": True},
    "fp8-compute": {"offload": "none", "fp8_compute": True},
    "sage": {"offload": "none", "attention": "sage"},
    "guidance-5": {"offload": "none", "guidance_steps": 5},
    "teacache": {"offload": "none", "step_cache": "teacache"},  # one row per threshold in SWEEPS
    "first-block": {"offload": "none", "step_cache": "first-block"},
    "compile-full": {"offload": "none", "compile": True, "compile_scope": "transformer"},
    "untiled": {"offload": "none", "vae_tiling": False},  # VAE decode and pose guider encode untiled
    # combinations
    "fast": {"offload": "none", "fp8_compute": True, "attention": "sage", "guidance_steps": 5, "compile": True},
    "fast-teacache": {"offload": "none", "fp8_compute": True, "attention": "sage", "guidance_steps": 5,
                      "step_cache": "teacache", "step_cache_threshold": 0.1},
    # cuDNN's convolution autotuning (a bench-only knob, popped before A1Options) for the VAE and pose guider
    "untiled-autotune": {"offload": "none", "vae_tiling": False, "cudnn_benchmark": True},
    # the exact sampler (same steps and branches; compiled kernels round differently): untiled, autotuned, compiled
    "compile-untiled": {"offload": "none", "vae_tiling": False, "cudnn_benchmark": True, "compile": True},
    # every mode that measured faster on an H200 together: guidance truncation, TeaCache 0.2, compiled blocks
    "best": {"offload": "none", "vae_tiling": False, "cudnn_benchmark": True, "compile": True, "guidance_steps": 5,
             "step_cache": "teacache", "step_cache_threshold": 0.2},
    # the floor of the opt-in modes: as best, with guidance on the first 2 steps only and TeaCache at 0.3
    "fastest": {"offload": "none", "vae_tiling": False, "cudnn_benchmark": True, "compile": True, "guidance_steps": 2,
                "step_cache": "teacache", "step_cache_threshold": 0.3},
    "fastest-tiled": {"offload": "none", "cudnn_benchmark": True, "compile": True, "guidance_steps": 2,
                      "step_cache": "teacache", "step_cache_threshold": 0.3},  # fastest within a 24 GB card?
    # the pose guider tiled (the memory fallback); every other mode runs it untiled, as the release does,
    # so "none" minus this is the untiled guider's cost (memory.GUIDER_UNTILED_EXTRA_GIB is an estimate)
    "guider-tiled": {"offload": "none", "guider_tiling": "on"},
}
SWEEPS = {"teacache": (0.1, 0.2, 0.3), "first-block": (0.05, 0.1)}  # step_cache_threshold per timed clip
SMOKE_FRAMES = 9  # --smoke: one 9-frame window (the tests' size), so every mode runs in a minute on a CPU
CUDA_ONLY = {"flash", "cudnn", "fp8-compute", "fast", "fast-teacache"}  # kernels torch/torchao have on CUDA alone
BF16_ONLY = {"fp8"}  # not in --smoke, which runs float32
SIGLIP_SO400M = dict(hidden_size=1152, intermediate_size=4304, num_hidden_layers=27, num_attention_heads=16,
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


def random_components(dtype: torch.dtype, device: torch.device) -> A1Components:
    """The full-size components with random weights drawn on `device`; SigLIP stays float32 whatever the
    model dtype, as weights.load_components loads it (the release's way)."""
    siglip = random_module(lambda: SiglipVisionModel(SiglipVisionConfig(**SIGLIP_SO400M)), torch.float32, device)
    return A1Components(
        transformer=random_module(lambda: A1Transformer(**C.FULL_TRANSFORMER_CONFIG), dtype, device),
        vae=random_module(lambda: AutoencoderKLCogVideoX(scaling_factor=C.LATENT_SCALING), dtype, device),
        pose_guider=random_module(lambda: AutoencoderKLCogVideoX(scaling_factor=C.LATENT_SCALING), dtype, device),
        face_encoder=FaceEncoder(siglip, SiglipImageProcessorPil(size={"height": 384, "width": 384})),
        scheduler=CogVideoXDDIMScheduler(**C.SCHEDULER_CONFIG),
    )


def smoke_components(dtype: torch.dtype) -> A1Components:
    """The tiny published-layout folder the tests use (make_tiny_weights, fixed seed), loaded as users load.

    Its face projector is non-zero, so face tokens (and thus guidance) visibly matter, unlike in a random
    bf16 draw at tiny width where their effect rounds away."""
    folder = make_tiny_weights(Path(tempfile.mkdtemp(prefix="a1_smoke_")) / "weights", 64, 96, SMOKE_FRAMES)
    try:
        return load_components(folder, dtype)
    finally:
        shutil.rmtree(folder.parent)


def psnr(video: np.ndarray, exact: np.ndarray) -> float:
    """PSNR (dB) of uint8 frames against the exact path's; inf when identical."""
    mse = np.mean((video.astype(np.float64) - exact.astype(np.float64)) ** 2)
    return float("inf") if mse == 0 else float(10 * np.log10(255.0**2 / mse))


def relative_error(values: torch.Tensor, exact: torch.Tensor) -> float:
    """||values - exact|| / ||exact|| (Frobenius, float64)."""
    return float((values.double() - exact.double()).norm() / exact.double().norm())


class Recorder:
    """Per timed clip: the sampler's velocity at each step (the guided transformer output, float32 on the
    CPU), the encode seconds (face tokens, reference latents, landmark latents), the decode seconds and the
    block-stack runs (step caches skip some)."""

    def __init__(self, engine: A1Engine, sync: Callable[[], None]) -> None:
        self.velocities: list[torch.Tensor] = []
        self.encode_s = self.decode_s = 0.0
        self.stack_runs = 0
        scheduler, pipe = engine.components.scheduler, engine.pipeline
        step = scheduler.step

        def recording_step(model_output: torch.Tensor, *args, **kwargs):
            self.velocities.append(model_output.detach().float().cpu())
            return step(model_output, *args, **kwargs)

        def timed(method: Callable, total: str) -> Callable:
            def run(*args, **kwargs):
                sync()
                start = time.perf_counter()
                result = method(*args, **kwargs)
                sync()
                setattr(self, total, getattr(self, total) + time.perf_counter() - start)
                return result
            return run

        scheduler.step = recording_step
        pipe.decode = timed(pipe.decode, "decode_s")
        for name in ("encode_face", "encode_reference", "encode_landmarks"):
            setattr(pipe, name, timed(getattr(pipe, name), "encode_s"))
        # TeaCache counts its own runs (per window: the bench's clip is one); FirstBlockCache is counted by a hook
        # on the last block's attention, which must stay out of compiled code (a counter there is a guard that
        # recompiles every call), so the pair compile + first-block is not counted.
        self.transformer = engine.components.transformer
        self.counting = engine.options.step_cache == "first-block" and not engine.options.compile
        if self.counting:
            last_attention = engine.components.transformer.transformer_blocks[-1].attn1
            last_attention.register_forward_hook(lambda *_: self._count())

    def _count(self) -> None:
        self.stack_runs += 1

    def stack_runs_column(self, steps: int) -> str:
        policy = step_cache_policy(self.transformer)  # a sweep installs a new one per threshold
        if policy is not None:
            return f"{policy.computed}/{steps}"
        return f"{self.stack_runs}/{steps}" if self.counting else f"{steps}/{steps}"

    def clear(self) -> None:
        self.velocities.clear()
        self.encode_s = self.decode_s = 0.0
        self.stack_runs = 0


def deviation_columns(video: np.ndarray, velocities: list[torch.Tensor], reference: Path) -> str:
    """'v rel err step 0 | v rel err all steps | PSNR dB' against the exact run saved at `reference`."""
    if not reference.exists():
        return "n/a | n/a | n/a"
    exact = torch.load(reference)
    mine = torch.stack(velocities)
    first, every = relative_error(mine[0], exact["velocities"][0]), relative_error(mine, exact["velocities"])
    return f"{first:.2e} | {every:.2e} | {psnr(video, exact['frames'].numpy()):.1f}"


def run_mode(mode: str, smoke: bool, reference: Path) -> None:
    device = torch.device("cpu" if smoke else "cuda")
    dtype = torch.float32 if smoke else torch.bfloat16  # bf16 convolutions are very slow on CPUs
    build_start = time.perf_counter()
    # Drawn on the device; the offload modes' placement moves them to the CPU as a loaded model would be.
    components = smoke_components(dtype) if smoke else random_components(dtype, device)
    frames = SMOKE_FRAMES if smoke else C.WINDOW_FRAMES
    window = dict(window_frames=frames, window_overlap=4) if smoke else {}
    overrides = dict(MODES[mode])
    torch.backends.cudnn.benchmark = overrides.pop("cudnn_benchmark", False)
    options = A1Options(**overrides, **window)
    engine = A1Engine.from_components(components, device, dtype, options)
    if device.type == "cuda":
        torch.cuda.empty_cache()  # release the allocator's cache of weights the placement moved to the CPU
    build_s = time.perf_counter() - build_start
    name = mode if engine.options.attention == options.attention else \
        f"{mode} (SDPA: {sage_unavailable_reason(device)})"
    # Same placed components, one denoising step (two with guidance truncation, so that the batch-1 forward
    # is compiled too): loads kernels, allocator blocks and offload hooks.
    truncated = engine.options.guidance_steps is not None
    warm_up = A1Engine(components, device, dtype,
                       dataclasses.replace(engine.options, steps=2 if truncated else 1, blend_steps=(0, 0),
                                           guidance_steps=1 if truncated else None))
    height, width = engine.pipeline.pixel_size
    rng = np.random.default_rng(0)
    reference_image = rng.integers(0, 256, (height, width, 3), dtype=np.uint8)
    condition = rng.integers(0, 256, (frames, height, width, 3), dtype=np.uint8)
    face = rng.integers(0, 256, (C.FACE_CROP, C.FACE_CROP, 3), dtype=np.uint8)

    def sync() -> None:
        if device.type == "cuda":
            torch.cuda.synchronize()

    ticks: list[float] = []

    def progress(window: int, windows: int, step: int, steps: int) -> None:
        sync()  # so each tick marks the end of that step's GPU work
        if 1 <= step < steps:
            ticks.append(time.perf_counter())

    recorder = Recorder(engine, sync)  # before the warm-up, so compiled code sees the same functions
    warm_start = time.perf_counter()
    warm_up.generate(reference_image, condition, face)
    sync()
    warm_s = time.perf_counter() - warm_start
    for threshold in SWEEPS.get(mode, (None,)):
        label = name
        if threshold is not None:  # a step-cache sweep: same weights, another threshold
            disable_step_cache(components.transformer)
            engine.options = dataclasses.replace(engine.options, step_cache_threshold=threshold)
            enable_step_cache(components.transformer, engine.options)
            label = f"{name}-{threshold}"
        if device.type == "cuda":
            torch.cuda.reset_peak_memory_stats()
        ticks.clear()
        recorder.clear()
        start = time.perf_counter()
        video = engine.generate(reference_image, condition, face, progress=progress)
        sync()
        clip_s = time.perf_counter() - start
        step_s = float(np.mean(np.diff(ticks)))
        if mode == "none":
            torch.save({"velocities": torch.stack(recorder.velocities), "frames": torch.from_numpy(video)}, reference)
            baseline = psnr(np.broadcast_to(reference_image, video.shape), video)
            print(f"| none-baseline: reference image repeated (do nothing) |{' |' * 12} {baseline:.1f} |", flush=True)
        gib = 2**30
        allocated = torch.cuda.max_memory_allocated() / gib if device.type == "cuda" else float("nan")
        reserved = torch.cuda.max_memory_reserved() / gib if device.type == "cuda" else float("nan")
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20  # KiB -> GiB
        print(f"| {label} | {step_s:.2f} | {clip_s:.1f} | {recorder.encode_s:.1f} | {recorder.decode_s:.1f} | {allocated:.1f} | "
              f"{reserved:.1f} | {rss:.1f} | {build_s:.0f} | {warm_s:.0f} | {recorder.stack_runs_column(engine.options.steps)} | "
              f"{deviation_columns(video, recorder.velocities, reference)} |", flush=True)


COLUMNS = ("mode", "s/step", "s/clip", "encode s", "decode s", "peak GPU alloc GiB", "peak GPU reserved GiB", "peak RSS GiB",
           "build s", "warm-up s", "block-stack runs/steps", "v rel err step 0", "v rel err all steps",
           "frames PSNR dB")


def mode_rows(mode: str, stdout: str | bytes | None) -> list[str]:
    """The table rows a mode's process printed (a sweep prints one per threshold)."""
    if isinstance(stdout, bytes):
        stdout = stdout.decode(errors="replace")
    return [line for line in (stdout or "").splitlines() if line.startswith(f"| {mode}")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", choices=sorted(MODES), help="one mode in this process (default: all, one process each)")
    parser.add_argument("--smoke", action="store_true",
                        help="the tests' tiny folder on the CPU in float32 (checks the script; deviation table)")
    parser.add_argument("--only", help="comma-separated modes to run (default: all, in MODES order; none is "
                                       "run first when missing, it is the deviation reference)")
    parser.add_argument("--time-limit", type=float, default=None,
                        help="seconds for all modes together; a mode still running then is stopped and reported")
    parser.add_argument("--reference", type=Path, default=None,
                        help="file of the exact run's velocities and frames (written by mode none; default: a "
                             "temporary file for all modes of this run)")
    args = parser.parse_args()
    if not args.smoke and not torch.cuda.is_available():
        sys.exit("bench/a1_gpu.py needs a CUDA GPU (full-size A1 at 480x720); none is visible to torch "
                 f"{torch.__version__}. Use bench/a1_cpu.py here, or --smoke to check this script on the CPU.")
    if args.mode is None:
        import diffusers
        import transformers

        where = "CPU (smoke: tiny test folder, float32)" if args.smoke else \
            f"{torch.cuda.get_device_name()} ({torch.cuda.get_device_properties(0).total_memory / 2**30:.0f} GiB)"
        size = "96x64" if args.smoke else f"{C.WIDTH}x{C.HEIGHT}"
        print(f"device: {where}; torch {torch.__version__}, diffusers {diffusers.__version__}, transformers "
              f"{transformers.__version__}; {SMOKE_FRAMES if args.smoke else C.WINDOW_FRAMES} frames {size}, {C.STEPS} steps, guidance {C.GUIDANCE}, "
              f"{'float32' if args.smoke else 'bf16'}")
    print("| " + " | ".join(COLUMNS) + " |")
    print("|" + "---|" * len(COLUMNS), flush=True)
    if args.mode is not None:
        run_mode(args.mode, args.smoke, args.reference or Path(tempfile.gettempdir()) / "facereel_a1_exact.pt")
        return
    deadline = None if args.time_limit is None else time.monotonic() + args.time_limit
    modes = list(MODES) if args.only is None else args.only.split(",")
    unknown = sorted(set(modes) - set(MODES))
    if unknown:
        sys.exit(f"unknown mode(s) {', '.join(unknown)}; choose from {', '.join(MODES)}")
    with tempfile.TemporaryDirectory() as tmp:
        reference = args.reference or Path(tmp) / "exact.pt"
        if not reference.exists() and "none" not in modes:
            modes.insert(0, "none")
        for mode in modes:
            cmd = [sys.executable, __file__, "--mode", mode, "--reference", str(reference)] + \
                (["--smoke"] if args.smoke else [])
            left = None if deadline is None else deadline - time.monotonic()
            if left is not None and left <= 0:
                print(f"| {mode} | not run: time limit reached |", flush=True)
                continue
            if args.smoke and mode in CUDA_ONLY | BF16_ONLY:
                print(f"| {mode} | not run: needs {'CUDA' if mode in CUDA_ONLY else 'bf16'} |", flush=True)
                continue
            try:
                result = subprocess.run(cmd, capture_output=True, text=True, timeout=left)
            except subprocess.TimeoutExpired as stopped:
                print("\n".join(mode_rows(mode, stopped.stdout)), flush=True)
                print(f"| {mode} | stopped: still running at the time limit ({args.time_limit:.0f} s for all modes) |",
                      flush=True)
                continue
            rows = mode_rows(mode, result.stdout)
            if rows:
                print("\n".join(rows), flush=True)
            if not rows or result.returncode != 0:
                print(f"| {mode} | failed (exit {result.returncode}) |", flush=True)
                print("\n".join(result.stderr.strip().splitlines()[-6:]), file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
