"""`facereel train`'s settings (`TrainOptions`) and the names its flags choose from, without torch: the parser of
`facereel train --help` reads them, and importing torch there costs every command seconds (docs/benchmarks.md,
"CLI start-up"). The training itself is loop.py."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from facereel.errors import InputError
from facereel.train.stages import Stage, get_stage

if TYPE_CHECKING:
    import torch

FROZEN_DTYPE_NAMES = ("bfloat16", "float32")  # storage of the frozen weights (precision.FROZEN_DTYPES)
FROZEN_DTYPE_CHOICES = ("auto", *FROZEN_DTYPE_NAMES)  # auto: bfloat16 on CUDA, float32 on the CPU
STRATEGIES = ("auto", "ddp", "fsdp2", "zero3")  # how processes share the model (sharding.py)


def resolve_frozen_dtype(name: str, device: torch.device) -> str:
    """`--frozen-dtype` value -> one of FROZEN_DTYPE_NAMES (auto: bfloat16 on CUDA, float32 on the CPU, where the
    tests expect float32 arithmetic)."""
    if name == "auto":
        return "bfloat16" if device.type == "cuda" else "float32"
    return name


@dataclass(frozen=True)
class TrainOptions:
    """Settings of a run; the ones in `RESUMABLE` may change when a run is continued."""

    data: Path
    weights: Path
    stage: str
    output: Path
    extras: tuple[str, ...] = ()  # stages.EXTRAS keys
    lr: float | None = None  # None: the stage's default
    warmup: int = 100  # optimizer steps of linear warmup
    accumulate: int = 1  # micro-batches per optimizer step and process
    batch_size: int = 1  # clips per micro-batch and process
    workers: int = 2  # DataLoader worker processes decoding clips (0: the training process itself)
    clip_grad: float = 1.0  # max gradient norm; 0 = no clipping
    weight_decay: float = 1e-4
    face_dropout: float = 0.1  # probability of zero face tokens (stages that use face tokens)
    lora_rank: int = 0  # > 0: LoRA adapters of this rank instead of the full blocks (needs extras "blocks")
    frozen_dtype: str = "auto"  # untrained weights: auto (bf16 on CUDA, float32 on the CPU), bfloat16, float32
    val_clips: int = 0  # clips held out of training for validation
    seed: int = 0
    max_steps: int = 1000
    checkpoint_every: int = 500
    keep_checkpoints: int = 0  # keep only the newest N checkpoints; 0 = all
    validate_every: int = 0  # validation loss + sample video every N steps; 0 = never
    val_steps: int = 4  # denoising steps of the sample video
    gradient_checkpointing: bool = False
    cache: bool = True  # keep frozen encodings per clip in RUN_DIR/cache
    device: str = "auto"  # auto | cpu | cuda
    log_with: str = "tensorboard"  # accelerate trackers, comma-separated; "none" = log.jsonl only (tracking.py)
    strategy: str = "auto"  # STRATEGIES: auto (from accelerate's launch config), ddp, fsdp2, zero3
    guider_tiling: bool = False  # tile the pose guider's encode (memory fallback; inference's default is untiled)

    # accumulate and batch_size may change as long as the clips per optimizer step stay the same (checked on
    # resume against the checkpoint: Trainer._resume).
    RESUMABLE = ("max_steps", "checkpoint_every", "keep_checkpoints", "validate_every", "val_steps",
                 "gradient_checkpointing", "cache", "device", "accumulate", "batch_size", "workers", "log_with")

    def validate(self) -> Stage:
        """InputError on a bad value; returns the stage."""
        stage = get_stage(self.stage, self.extras)
        problems = [f"{name} must be {rule}" for name, ok, rule in (
            ("--lr", self.lr is None or self.lr > 0, "> 0"), ("--warmup", self.warmup >= 0, ">= 0"),
            ("--accumulate", self.accumulate >= 1, ">= 1"), ("--batch-size", self.batch_size >= 1, ">= 1"),
            ("--workers", self.workers >= 0, ">= 0"), ("--clip-grad", self.clip_grad >= 0, ">= 0"),
            ("--weight-decay", self.weight_decay >= 0, ">= 0"),
            ("--face-dropout", 0 <= self.face_dropout <= 1, "in [0, 1]"),
            ("--lora-rank", self.lora_rank >= 0, ">= 0"), ("--val-clips", self.val_clips >= 0, ">= 0"),
            ("--max-steps", self.max_steps >= 1, ">= 1"), ("--checkpoint-every", self.checkpoint_every >= 1, ">= 1"),
            ("--keep-checkpoints", self.keep_checkpoints >= 0, ">= 0"),
            ("--validate-every", self.validate_every >= 0, ">= 0"), ("--val-steps", self.val_steps >= 1, ">= 1"),
            ("--device", self.device in ("auto", "cpu", "cuda"), "auto, cpu or cuda"),
            ("--frozen-dtype", self.frozen_dtype in FROZEN_DTYPE_CHOICES, ", ".join(FROZEN_DTYPE_CHOICES)),
        ) if not ok]
        if self.lora_rank and "blocks" not in self.extras:
            problems.append("--lora-rank adapts the transformer blocks: add --train blocks")
        if self.validate_every and not self.val_clips:
            problems.append("--validate-every needs held-out clips: add --val-clips K")
        if self.strategy not in STRATEGIES:
            problems.append(f"--strategy must be one of {', '.join(STRATEGIES)}")
        if problems:
            raise InputError("; ".join(problems))
        if not self.data.is_dir():
            raise InputError("dataset folder not found", self.data)
        return stage

    def settings(self, stage: Stage, device: torch.device, strategy: str) -> dict:
        """What run.json records: every option but the resumable ones, paths absolute, lr, frozen dtype (for
        `device`) and `strategy` resolved (ddp and fsdp2 save the optimizer state differently)."""
        fixed = {k: v for k, v in asdict(self).items() if k not in self.RESUMABLE and k != "output"}
        return {**fixed, "data": str(self.data.resolve()),
                "weights": str(self.weights.resolve() if self.weights.is_dir() else self.weights),
                "extras": sorted(self.extras), "lr": self.lr or stage.lr,
                "frozen_dtype": resolve_frozen_dtype(self.frozen_dtype, device), "strategy": strategy}
