"""One optimizer step of a stage on clip inputs: forward with the masked v-prediction loss, backward, clipping,
AdamW with linear warmup, through an `accelerate.Accelerator` (1 process, or DDP / FSDP2 across processes).
Shared by `facereel train` (loop.py) and bench/train_gpu.py."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass

import torch
from accelerate import Accelerator
from torch import nn

from facereel.engines.a1.pipeline import A1Pipeline
from facereel.train.inputs import ClipInputs
from facereel.train.loss import draw_noise, drop_face_tokens, v_prediction_loss
from facereel.train import sharding
from facereel.train.precision import autocast, bf16_compute
from facereel.train.stages import Stage

Fetch = Callable[[], ClipInputs]


@dataclass(frozen=True)
class StepSettings:
    """lr: peak learning rate; warmup: optimizer steps of linear warmup; clip_grad: max gradient norm (0 = none);
    face_dropout: probability of zero face tokens (stages that use them); frozen_dtype: how the frozen weights
    are stored, which decides autocast (precision.autocast); sharded: FSDP2 (sharding.py) instead of DDP."""

    lr: float
    warmup: int
    clip_grad: float
    weight_decay: float
    face_dropout: float
    frozen_dtype: torch.dtype
    sharded: bool = False


class ClipLoss(nn.Module):
    """The trained components (transformer, pose guider) as one module whose forward is one clip's loss: what
    DDP or FSDP wrap, so their gradient hooks see every trained parameter (the pose guider's too, whose landmark
    latents are encoded inside `fetch` when it trains)."""

    def __init__(self, pipe: A1Pipeline, stage: Stage, face_dropout: float) -> None:
        super().__init__()
        self.transformer = pipe.c.transformer
        self.pose_guider = pipe.c.pose_guider
        self.pipe = pipe
        self.zero_face = stage.face_tokens == "zeros"
        self.face_dropout = face_dropout

    def forward(self, fetch: Fetch, generator: torch.Generator) -> tuple[torch.Tensor, bool]:
        """(scalar loss, face tokens dropped) of the clip `fetch` encodes; dropout, timestep and noise from
        `generator` (CPU) in that order."""
        inputs = fetch()
        if self.zero_face:
            face, dropped = torch.zeros_like(inputs.face), True
        else:
            face, dropped = drop_face_tokens(inputs.face, self.face_dropout, generator)
        rotary = self.pipe.rotary_embedding(inputs.video.shape[1])
        timesteps, noise = draw_noise(inputs.video, self.pipe.c.scheduler, generator)
        loss = v_prediction_loss(self.transformer, self.pipe.c.scheduler, inputs, face, rotary, timesteps, noise)
        return loss, dropped


class StepRunner:
    """AdamW over the trained parameters of `ClipLoss`, prepared by `accelerator` (DDP) or sharded with FSDP2;
    `step` runs this process's clips of one optimizer step (batch 1 each; under DDP gradients accumulate without
    synchronisation until the last, under FSDP2 each backward reduce-scatters into the gradient shards) and one
    update. The gradient is the mean over every process's clips (both average across processes)."""

    def __init__(self, pipe: A1Pipeline, stage: Stage, settings: StepSettings, accelerator: Accelerator) -> None:
        self.pipe = pipe
        self.settings = settings
        self.accelerator = accelerator
        module = ClipLoss(pipe, stage, settings.face_dropout)
        if settings.sharded:
            sharding.ensure_process_group(pipe.device)
            sharding.shard(module.transformer, module.pose_guider, bf16_compute(pipe.device, settings.frozen_dtype))
        trained = [p for p in module.parameters() if p.requires_grad]
        optimizer = torch.optim.AdamW(trained, lr=settings.lr, weight_decay=settings.weight_decay)
        if settings.sharded:  # accelerate would wrap the module in DDP on top
            self.module, self.optimizer = module, accelerator.prepare(optimizer)
        else:
            self.module, self.optimizer = accelerator.prepare(module, optimizer)
        warmup = settings.warmup
        # Not prepared: accelerate would step it once per process.
        self.schedule = torch.optim.lr_scheduler.LambdaLR(
            self.optimizer.optimizer, lambda s: min(1.0, (s + 1) / warmup) if warmup else 1.0)

    @property
    def params(self) -> list[nn.Parameter]:
        """The trained parameters (as prepared: DTensor shards under FSDP2)."""
        return [p for group in self.optimizer.param_groups for p in group["params"]]

    def step(self, clips: Sequence[tuple[Fetch, torch.Generator]]) -> dict:
        """One optimizer step over this process's `clips` ((fetch, generator) each); returns this process's
        losses and face-dropout flags per clip, lr and the global grad_norm."""
        acc = self.accelerator
        self.optimizer.zero_grad(set_to_none=True)
        losses, dropped = [], []
        for k, (fetch, generator) in enumerate(clips):
            with nullcontext() if k == len(clips) - 1 else acc.no_sync(self.module):
                with autocast(self.pipe.device, self.settings.frozen_dtype):
                    loss, drop = self.module(fetch, generator)
                acc.backward(loss / len(clips))
            losses.append(loss.item())
            dropped.append(drop)
        norm = sharding.full_tensor(acc.clip_grad_norm_(self.params, self.settings.clip_grad or float("inf")))
        lr = self.schedule.get_last_lr()[0]
        self.optimizer.step()
        self.schedule.step()
        return {"losses": losses, "dropped": dropped, "lr": lr, "grad_norm": float(norm)}

    def state_dict(self) -> dict:
        """Optimizer and LR schedule; under FSDP2 the whole optimizer state gathered on the main process (every
        process must call)."""
        optimizer = sharding.optimizer_state(self.optimizer.optimizer) if self.settings.sharded \
            else self.optimizer.state_dict()
        return {"optimizer": optimizer, "schedule": self.schedule.state_dict()}

    def load_state_dict(self, state: dict) -> None:
        if self.settings.sharded:
            sharding.load_optimizer_state(self.optimizer.optimizer, state["optimizer"])
        else:
            self.optimizer.load_state_dict(state["optimizer"])
        self.schedule.load_state_dict(state["schedule"])
