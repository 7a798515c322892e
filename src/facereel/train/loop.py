"""`train`: one stage of the SkyReels-A1 recipe on a prepared dataset, resumable from its run folder.

AdamW on the stage's parameters (stages.py), linear warmup then a constant learning rate, gradient
accumulation, gradient-norm clipping, bf16 autocast on CUDA (float32 weights and optimizer state), float32 on
the CPU. Batch size 1 clip per micro-step (a 49-frame 480x720 clip is 18,279 tokens at full size); use
`accumulate` for larger effective batches. All training randomness (clip order, timesteps, noise, face-token
dropout) comes from seeded CPU generators whose state is checkpointed, so a resumed run repeats an
uninterrupted one exactly on the same machine.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import torch

from facereel.engines.a1.pipeline import A1Pipeline
from facereel.engines.a1.weights import (
    library_progress_bars_off,
    load_components,
    resolve_weights,
)
from facereel.errors import InputError
from facereel.train import checkpoint as ckpt
from facereel.train.dataset import ClipDataset
from facereel.train.inputs import ClipEncoder
from facereel.train.loss import drop_face_tokens, v_prediction_loss
from facereel.train.stages import Stage, describe, get_stage, select_trainable

Say = Callable[[str], None]


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
    accumulate: int = 1  # clips per optimizer step
    clip_grad: float = 1.0  # max gradient norm; 0 = no clipping
    weight_decay: float = 1e-4
    face_dropout: float = 0.1  # probability of zero face tokens (stages that use face tokens)
    seed: int = 0
    max_steps: int = 1000
    checkpoint_every: int = 500
    gradient_checkpointing: bool = False
    cache: bool = True  # keep frozen encodings per clip in RUN_DIR/cache
    device: str = "auto"  # auto | cpu | cuda

    RESUMABLE = ("max_steps", "checkpoint_every", "gradient_checkpointing", "cache", "device")

    def validate(self) -> Stage:
        """InputError on a bad value; returns the stage."""
        stage = get_stage(self.stage, self.extras)
        problems = [f"{name} must be {rule}" for name, ok, rule in (
            ("--lr", self.lr is None or self.lr > 0, "> 0"), ("--warmup", self.warmup >= 0, ">= 0"),
            ("--accumulate", self.accumulate >= 1, ">= 1"), ("--clip-grad", self.clip_grad >= 0, ">= 0"),
            ("--weight-decay", self.weight_decay >= 0, ">= 0"),
            ("--face-dropout", 0 <= self.face_dropout <= 1, "in [0, 1]"),
            ("--max-steps", self.max_steps >= 1, ">= 1"), ("--checkpoint-every", self.checkpoint_every >= 1, ">= 1"),
            ("--device", self.device in ("auto", "cpu", "cuda"), "auto, cpu or cuda")) if not ok]
        if problems:
            raise InputError("; ".join(problems))
        if not self.data.is_dir():
            raise InputError("dataset folder not found", self.data)
        return stage

    def settings(self, stage: Stage) -> dict:
        """What run.json records: every option but the resumable ones, paths absolute, lr resolved."""
        fixed = {k: v for k, v in asdict(self).items() if k not in self.RESUMABLE and k != "output"}
        return {**fixed, "data": str(self.data.resolve()),
                "weights": str(self.weights.resolve() if self.weights.is_dir() else self.weights),
                "extras": sorted(self.extras), "lr": self.lr or stage.lr}


def _device(name: str) -> torch.device:
    if name == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    if name == "cuda" and not torch.cuda.is_available():
        raise InputError("device cuda requested but no CUDA GPU is available")
    return torch.device(name)


def _check_dataset(dataset: ClipDataset, pipe: A1Pipeline) -> None:
    """Every clip must be exactly one window of the model (frames and pixel size)."""
    window = pipe.c.transformer.config.sample_frames
    height, width = pipe.pixel_size
    for entry in dataset.entries:
        if entry["frames"] + 1 != window or tuple(entry["size"]) != (width, height):
            raise InputError(f"clip {entry['id']} has {entry['frames']}+1 frames of {entry['size'][0]}x"
                             f"{entry['size'][1]} px; the model needs {window} frames of {width}x{height} "
                             f"(prepare with --clip-frames {window - 1} --size {width}x{height})", dataset.root)


def clip_order(step: int, micro: int, accumulate: int, count: int, seed: int) -> int:
    """Dataset index of micro-step `micro` of optimizer step `step`: a seeded permutation per epoch."""
    visit = step * accumulate + micro
    epoch, position = divmod(visit, count)
    return int(torch.randperm(count, generator=torch.Generator().manual_seed(seed + epoch))[position])


class Trainer:
    """Holds the models, optimizer and encoders of one run; `run` trains up to `max_steps`."""

    def __init__(self, opts: TrainOptions, say: Say) -> None:
        self.opts = opts
        self.stage = opts.validate()
        self.say = say
        self.dataset = ClipDataset(opts.data)
        opts.output.mkdir(parents=True, exist_ok=True)
        self.init = resolve_weights(opts.weights)
        ckpt.check_run(opts.output, opts.settings(self.stage))
        latest = ckpt.latest_checkpoint(opts.output)
        self.device = _device(opts.device)
        with library_progress_bars_off():
            self.c = load_components(latest[1] if latest else self.init, torch.float32)
        # guidance 1: encode_face returns the conditional tokens only; steps are unused in training.
        self.pipe = A1Pipeline(self.c, self.device, torch.float32, guidance=1.0, steps=1)
        _check_dataset(self.dataset, self.pipe)
        self._place()
        self.trained = select_trainable(self.c, self.stage, opts.extras)
        self.params = [p for ps in self.trained.values() for p in ps]
        total = sum(p.numel() for m in (self.c.transformer, self.c.pose_guider) for p in m.parameters())
        say(describe(self.stage, opts.extras, self.trained, total))
        self.optimizer = torch.optim.AdamW(self.params, lr=opts.lr or self.stage.lr, weight_decay=opts.weight_decay)
        warmup = opts.warmup
        self.schedule = torch.optim.lr_scheduler.LambdaLR(
            self.optimizer, lambda s: min(1.0, (s + 1) / warmup) if warmup else 1.0)
        self.generator = torch.Generator().manual_seed(opts.seed)
        self.step = 0
        if latest:
            self._resume(latest[1])
        cache = opts.output / ckpt.CACHE if opts.cache else None
        self.encoder = ClipEncoder(self.dataset, self.pipe, opts.seed, self.stage.pose_guider, cache)

    def _place(self) -> None:
        """Everything on the device, VAE tiling as at inference, train mode + checkpointing where trained."""
        c = self.c
        for vae in (c.vae, c.pose_guider):
            vae.enable_tiling()
        for module in (c.transformer, c.vae, c.pose_guider, c.face_encoder.model):
            module.to(self.device)
        c.transformer.train()
        if self.stage.pose_guider:
            c.pose_guider.train()
        if self.opts.gradient_checkpointing:
            c.transformer.enable_gradient_checkpointing()
            if self.stage.pose_guider:
                c.pose_guider.enable_gradient_checkpointing()

    def _resume(self, folder: Path) -> None:
        state = ckpt.load_state(folder)
        self.optimizer.load_state_dict(state["optimizer"])
        self.schedule.load_state_dict(state["schedule"])
        self.generator.set_state(state["generator"])
        self.step = state["step"]
        ckpt.truncate_log(self.opts.output, self.step)
        self.say(f"resuming from {folder} (step {self.step})")

    def _micro_step(self, micro: int) -> tuple[float, bool, str]:
        """Forward + backward of one clip; returns (loss, face tokens dropped, clip id)."""
        opts = self.opts
        index = clip_order(self.step, micro, opts.accumulate, len(self.dataset), opts.seed)
        autocast = torch.autocast("cuda", torch.bfloat16, enabled=self.device.type == "cuda")
        with autocast:
            inputs = self.encoder(index)
            if self.stage.face_tokens == "zeros":
                face, dropped = torch.zeros_like(inputs.face), True
            else:
                face, dropped = drop_face_tokens(inputs.face, opts.face_dropout, self.generator)
            rotary = self.pipe._rotary_embedding(inputs.video.shape[1])
            loss = v_prediction_loss(self.c.transformer, self.c.scheduler, inputs, face, rotary, self.generator)
        (loss / opts.accumulate).backward()
        return loss.item(), dropped, self.dataset.entries[index]["id"]

    def _optimizer_step(self) -> dict:
        """One optimizer step over `accumulate` clips; returns its log record."""
        started = time.perf_counter()
        self.optimizer.zero_grad(set_to_none=True)
        losses, dropped, clips = zip(*(self._micro_step(k) for k in range(self.opts.accumulate)))
        norm = torch.nn.utils.clip_grad_norm_(self.params, self.opts.clip_grad or float("inf"))
        lr = self.schedule.get_last_lr()[0]
        self.optimizer.step()
        self.schedule.step()
        self.step += 1
        return {"step": self.step, "loss": sum(losses) / len(losses), "lr": lr, "grad_norm": float(norm),
                "face_dropped": sum(dropped), "clips": list(clips), "seconds": time.perf_counter() - started}

    def _save(self) -> Path:
        state = {"step": self.step, "optimizer": self.optimizer.state_dict(), "schedule": self.schedule.state_dict(),
                 "generator": self.generator.get_state()}
        with library_progress_bars_off():
            return ckpt.save_checkpoint(self.opts.output, self.step, self.c, self.init, self.stage.pose_guider, state)

    def run(self) -> int:
        """Train until `max_steps` (checkpointing every `checkpoint_every` and at the end); returns the step."""
        opts = self.opts
        if self.step >= opts.max_steps:
            self.say(f"{opts.output}: already at step {self.step} (--max-steps {opts.max_steps}); nothing to do")
            return self.step
        while self.step < opts.max_steps:
            record = self._optimizer_step()
            ckpt.append_log(opts.output, record)
            if self.step % opts.checkpoint_every == 0 or self.step == opts.max_steps:
                folder = self._save()
                self.say(f"step {self.step}: loss {record['loss']:.4f}; saved {folder}")
        return self.step


def train(opts: TrainOptions, say: Say = print) -> int:
    """Run (or continue) one stage; returns the last step. Bad input -> InputError."""
    return Trainer(opts, say).run()

