"""GPU benchmark of `facereel train` at FULL size with random weights: seconds per step and peak memory per stage.

Builds the published architecture (42-block 3072-wide transformer with 48 input channels and the face
projector, CogVideoX VAE and pose guider, SigLIP-so400m) with random weights drawn directly on the GPU in the
frozen dtype, then per stage puts the components in training form exactly as the trainer does (train/model.py:
frozen set, LoRA, trained weights float32 and frozen ones in `--frozen-dtype`, gradient checkpointing; AdamW
state float32, bf16 autocast) and times optimizer steps of the trainer's own step (train/step.py) on one 49-frame
480x720 clip (batch 1). Frozen encodings (video, reference, face tokens) are random tensors of the cached
encodings' shapes, as the trainer reads them from its cache; the landmark latent is encoded at every step through
the pose guider when the stage trains it, as in the trainer. One warm-up step per stage is not timed.

    python bench/train_gpu.py                          # motion, identity, joint+LoRA; 2 timed steps each
    python bench/train_gpu.py --time-limit 150         # everything within 150 s (steps that would not end are skipped)
    python bench/train_gpu.py --only joint-lora --steps 3
    python bench/train_gpu.py --frozen-dtype float32   # frozen weights in float32 too (before --frozen-dtype existed)
    python bench/train_gpu.py --smoke                  # check this script on the CPU at the tiny configuration
    python bench/train_gpu.py --memory                 # weights, gradients and AdamW state per case from parameter
                                                       # counts (meta device, no GPU), both frozen dtypes
    torchrun --nproc_per_node 8 bench/train_gpu.py --strategy ddp --only motion       # per GPU, data parallel
    torchrun --nproc_per_node 8 bench/train_gpu.py --strategy fsdp2 --only joint-full # full fine-tuning, sharded
    torchrun --nproc_per_node 2 bench/train_gpu.py --smoke --strategy fsdp2 --only joint-full   # CPU check (gloo)

Several processes (torchrun): each GPU trains one clip per step (batch 1 per process), with the trainer's DDP
(accelerate) or FSDP2 (train/sharding.py); the row gives rank 0's s/step and the largest peak over the GPUs. FSDP2
shards the components in place, so it runs one case per process (--only). DeepSpeed ZeRO-3 is not supported by the
trainer (train/sharding.py ZERO3_REFUSAL), so there is nothing of it to time.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import torch  # noqa: E402
import torch.distributed as dist  # noqa: E402
from a1_gpu import SIGLIP_SO400M, random_components  # noqa: E402  (bench/ is on sys.path when this script runs)
from accelerate import Accelerator, init_empty_weights  # noqa: E402
from diffusers import AutoencoderKLCogVideoX, CogVideoXDDIMScheduler  # noqa: E402
from transformers import SiglipVisionConfig, SiglipVisionModel  # noqa: E402
from transformers.models.siglip.image_processing_pil_siglip import SiglipImageProcessorPil  # noqa: E402

from facereel.engines.a1 import constants as C  # noqa: E402
from facereel.engines.a1.face_encoder import FaceEncoder  # noqa: E402
from facereel.engines.a1.pipeline import A1Pipeline, latent_frames  # noqa: E402
from facereel.engines.a1.tiny import make_tiny_weights  # noqa: E402
from facereel.engines.a1.transformer import A1Transformer  # noqa: E402
from facereel.engines.a1.weights import A1Components, load_components  # noqa: E402
from facereel.train.inputs import ClipInputs  # noqa: E402
from facereel.train.model import prepare_model  # noqa: E402
from facereel.train.precision import FROZEN_DTYPES  # noqa: E402
from facereel.train.stages import get_stage  # noqa: E402
from facereel.train.step import StepRunner, StepSettings  # noqa: E402


@dataclass(frozen=True)
class Case:
    """One row: a stage of the recipe with its `--train` extras and LoRA rank."""

    name: str
    stage: str
    extras: tuple[str, ...] = ()
    lora: bool = False


# In this order: LoRA adapters stay in the transformer once added, so the LoRA case runs last.
CASES = {c.name: c for c in (Case("motion", "motion"), Case("identity", "identity"),
                             Case("joint-full", "joint", ("blocks",)),  # 5.3 B trained: needs --strategy fsdp2
                             Case("joint-lora", "joint", ("blocks",), lora=True))}


class TimeLimit(Exception):
    pass


def _time_is_up(signum: int, frame: object) -> None:
    raise TimeLimit


def random_clip(c: A1Components, pipe: A1Pipeline, train_guider: bool, generator: torch.Generator) -> ClipInputs:
    """Random encodings of one 49-frame clip in the cache's shapes; the landmark latent is encoded through the
    pose guider (with gradients) when `train_guider`, from a random condition video."""
    height, width = pipe.pixel_size
    frames = c.transformer.config.sample_frames
    shape = (1, latent_frames(frames), C.LATENT_CHANNELS, height // C.SPATIAL_COMPRESSION,
             width // C.SPATIAL_COMPRESSION)
    image = torch.zeros(shape)
    image[:, 0] = torch.randn(shape[2:], generator=generator)
    if train_guider:
        condition = torch.randint(0, 256, (frames, height, width, 3), dtype=torch.uint8, generator=generator)
        landmarks = pipe.encode_landmarks(condition.numpy())
    else:
        landmarks = torch.randn(shape, generator=generator).to(pipe.device)
    face = torch.randn(1, C.FACE_TOKENS, c.transformer.config.face_embed_dim, generator=generator)
    return ClipInputs(video=torch.randn(shape, generator=generator).to(pipe.device), image=image.to(pipe.device),
                      landmarks=landmarks, face=face.to(pipe.device),
                      mask=torch.ones(shape[1], dtype=torch.bool))


def tiny_components(dtype: torch.dtype) -> A1Components:
    """--smoke: the tests' tiny random model (96x64, 9-frame windows), loaded from a temporary folder."""
    with tempfile.TemporaryDirectory() as folder:
        return load_components(make_tiny_weights(Path(folder) / "tiny"), dtype)


def sync(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.synchronize()


def largest(value: float) -> float:
    """The largest `value` over the processes (this one's alone without a process group)."""
    if not dist.is_initialized() or dist.get_world_size() == 1:
        return value  # one process: no collective (NCCL's own buffers may not fit a GPU a case has filled)
    t = torch.tensor([value], device="cuda" if torch.cuda.is_available() else "cpu")
    dist.all_reduce(t, op=dist.ReduceOp.MAX)
    return float(t.item())


def run_case(case: Case, c: A1Components, pipe: A1Pipeline, steps: int, lora_rank: int, frozen_dtype: torch.dtype,
             deadline: float, sharded: bool) -> str:
    """Prepare the stage, one warm-up step, then up to `steps` timed steps that fit before `deadline`; one row
    (`sharded`: FSDP2 across the processes, else DDP when there are several)."""
    device = pipe.device
    stage = get_stage(case.stage, case.extras)
    model = prepare_model(c, stage, case.extras, device, gradient_checkpointing=True,
                          lora_rank=lora_rank if case.lora else 0, seed=0, frozen_dtype=frozen_dtype)
    settings = StepSettings(lr=stage.lr, warmup=0, clip_grad=1.0, weight_decay=1e-4, face_dropout=0.1,
                            frozen_dtype=frozen_dtype, sharded=sharded)
    runner = StepRunner(pipe, stage, settings, Accelerator(cpu=device.type == "cpu"))
    generator = torch.Generator().manual_seed(1)
    draws = torch.Generator().manual_seed(0)  # dropout, timesteps, noise
    trained = sum(p.numel() for p in model.flat)
    if device.type == "cuda":
        torch.cuda.reset_peak_memory_stats()
    started = time.perf_counter()
    runner.step([(lambda: random_clip(c, pipe, stage.pose_guider, generator), draws)])
    sync(device)
    warm_s = time.perf_counter() - started
    times: list[float] = []
    while len(times) < steps and time.monotonic() + (times[-1] if times else warm_s) < deadline:
        started = time.perf_counter()
        runner.step([(lambda: random_clip(c, pipe, stage.pose_guider, generator), draws)])
        sync(device)
        times.append(time.perf_counter() - started)
    gib = 2**30
    allocated = largest(torch.cuda.max_memory_allocated() / gib) if device.type == "cuda" else float("nan")
    reserved = largest(torch.cuda.max_memory_reserved() / gib) if device.type == "cuda" else float("nan")
    step_s = f"{sum(times) / len(times):.2f}" if times else "no timed step before the time limit"
    name = case.name + (f" (rank {lora_rank})" if case.lora else "")
    return f"| {name} | {trained:,} | {step_s} | {len(times)} | {warm_s:.1f} | {allocated:.1f} | {reserved:.1f} |"


def meta_components() -> A1Components:
    """The full-size components with parameters on the meta device: names, shapes and dtypes, no memory."""
    with init_empty_weights():
        siglip = SiglipVisionModel(SiglipVisionConfig(**SIGLIP_SO400M))
        return A1Components(transformer=A1Transformer(**C.FULL_TRANSFORMER_CONFIG),
                            vae=AutoencoderKLCogVideoX(scaling_factor=C.LATENT_SCALING),
                            pose_guider=AutoencoderKLCogVideoX(scaling_factor=C.LATENT_SCALING),
                            face_encoder=FaceEncoder(siglip, SiglipImageProcessorPil()),
                            scheduler=CogVideoXDDIMScheduler(**C.SCHEDULER_CONFIG))


def memory_row(case: Case, lora_rank: int) -> str:
    """One row of `--memory`: the case prepared as the trainer does on meta components, once per frozen dtype;
    static GiB = trained weights, their gradients and AdamW's two moments (4 x 4 bytes per trained parameter) +
    frozen weights (4 or 2 bytes each). Activations come on top (measured by the timed run)."""
    gib = 2**30
    static = {}
    for name, dtype in FROZEN_DTYPES.items():
        c = meta_components()
        model = prepare_model(c, get_stage(case.stage, case.extras), case.extras, torch.device("meta"), False,
                              lora_rank if case.lora else 0, 0, dtype)
        params = [p for m in (c.transformer, c.vae, c.pose_guider, c.face_encoder.model) for p in m.parameters()]
        trained = sum(p.numel() for p in model.flat)
        frozen = [p for p in params if not p.requires_grad]
        static[name] = (16 * trained + sum(p.numel() * p.element_size() for p in frozen)) / gib
    label = case.name + (f" (rank {lora_rank})" if case.lora else "")
    return (f"| {label} | {trained:,} | {sum(p.numel() for p in frozen):,} | {static['float32']:.2f} | "
            f"{static['bfloat16']:.2f} | {static['float32'] - static['bfloat16']:.2f} |")


def print_memory(names: list[str], lora_rank: int) -> None:
    """The `--memory` table at full size (no GPU needed)."""
    print("| case | trained params | frozen params | static GiB, frozen float32 | static GiB, frozen bfloat16 | "
          "saving GiB |")
    print("|---|---|---|---|---|---|")
    for name in [n for n in CASES if n in names]:
        print(memory_row(CASES[name], lora_rank), flush=True)


def release(c: A1Components, device: torch.device) -> None:
    """Drop the previous case's gradients and optimizer memory before the next one."""
    for module in (c.transformer, c.pose_guider):
        module.zero_grad(set_to_none=True)
    if device.type == "cuda":
        torch.cuda.empty_cache()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="tiny configuration on the CPU (checks the script)")
    parser.add_argument("--only", help=f"comma-separated cases (default all: {', '.join(CASES)})")
    parser.add_argument("--steps", type=int, default=2, help="timed steps per case after one warm-up step (default 2)")
    parser.add_argument("--lora-rank", type=int, default=64, help="rank of the joint-lora case (default 64)")
    parser.add_argument("--frozen-dtype", choices=tuple(FROZEN_DTYPES), default="bfloat16",
                        help="storage of frozen weights, as `facereel train --frozen-dtype` (default %(default)s, "
                             "the trainer's default on CUDA)")
    parser.add_argument("--memory", action="store_true",
                        help="print weights + gradients + AdamW state per case at full size under both frozen "
                             "dtypes, from parameter counts (meta device, no GPU), and exit")
    parser.add_argument("--strategy", choices=("ddp", "fsdp2"), default="ddp",
                        help="under torchrun: data parallel (whole model per GPU) or FSDP2 (sharded; one case per "
                             "run) (default %(default)s)")
    parser.add_argument("--time-limit", type=float, default=None,
                        help="seconds for everything; no step is started that would not end in time, and the "
                             "process stops at the limit whatever it is doing")
    args = parser.parse_args()
    names = list(CASES) if args.only is None else args.only.split(",")
    unknown = sorted(set(names) - set(CASES))
    if unknown or args.steps < 1 or args.lora_rank < 1 or (args.strategy == "fsdp2" and len(names) != 1):
        sys.exit(f"bad options: cases must be among {', '.join(CASES)}; --steps and --lora-rank must be >= 1; "
                 "--strategy fsdp2 takes one case (--only)")
    if args.memory:
        print_memory(names, args.lora_rank)
        return
    if not args.smoke and not torch.cuda.is_available():
        sys.exit("bench/train_gpu.py needs a CUDA GPU (full-size A1 training at 480x720); none is visible to torch "
                 f"{torch.__version__}. Use --smoke to check this script on the CPU.")
    deadline = time.monotonic() + (args.time_limit if args.time_limit is not None else float("inf"))
    if args.time_limit is not None:
        signal.signal(signal.SIGALRM, _time_is_up)
        signal.alarm(max(1, int(args.time_limit)))

    rank = int(os.environ.get("LOCAL_RANK", "0"))
    device = torch.device("cpu") if args.smoke else torch.device("cuda", rank)
    if device.type == "cuda":
        torch.cuda.set_device(device)
    say = print if rank == 0 else (lambda *a, **k: None)
    processes = int(os.environ.get("WORLD_SIZE", "1"))
    where = "CPU (smoke, tiny config, 96x64)" if args.smoke else \
        f"{torch.cuda.get_device_name()} ({torch.cuda.get_device_properties(0).total_memory / 2**30:.0f} GiB)"
    say(f"{processes} process(es), {args.strategy if processes > 1 or args.strategy == 'fsdp2' else 'single'}; "
        f"device: {where}; torch {torch.__version__}; {C.WINDOW_FRAMES} frames, batch 1, float32 trained weights "
          f"and AdamW state, {args.frozen_dtype} frozen weights, bf16 autocast, gradient checkpointing", flush=True)
    done: list[str] = []
    try:
        started = time.perf_counter()
        frozen_dtype = FROZEN_DTYPES[args.frozen_dtype]
        # Drawn in the frozen dtype; each case casts its trained parameters to float32 (random values either way).
        c = tiny_components(frozen_dtype) if args.smoke else random_components(frozen_dtype, device)
        pipe = A1Pipeline(c, device, torch.float32, guidance=1.0, steps=1)
        say(f"random weights built in {time.perf_counter() - started:.0f} s", flush=True)
        say("| case | trained params | s/step | timed steps | warm-up s | peak GPU alloc GiB | peak GPU reserved GiB |")
        say("|---|---|---|---|---|---|---|", flush=True)
        for name in [n for n in CASES if n in names]:
            if time.monotonic() >= deadline:
                say(f"| {name} | not run: time limit reached |", flush=True)
                continue
            say(run_case(CASES[name], c, pipe, args.steps, args.lora_rank, frozen_dtype, deadline,
                            args.strategy == "fsdp2"), flush=True)
            done.append(name)
            release(c, device)
    except TimeLimit:
        stopped = [n for n in CASES if n in names and n not in done]
        say(f"| {stopped[0] if stopped else '-'} | stopped: time limit ({args.time_limit:.0f} s) reached; not run: "
              f"{', '.join(stopped[1:]) or 'none'} |", flush=True)
    except torch.OutOfMemoryError as err:
        say(f"| {next(n for n in CASES if n in names and n not in done)} | out of GPU memory: "
              f"{str(err).splitlines()[0][:120]} |", flush=True)


if __name__ == "__main__":
    main()
