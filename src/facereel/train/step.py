"""One optimizer step of a stage on clip inputs: forward with the masked v-prediction loss, backward, clipping,
AdamW with linear warmup. Shared by `facereel train` (loop.py) and bench/train_gpu.py."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import torch

from facereel.engines.a1.pipeline import A1Pipeline
from facereel.train.inputs import ClipInputs
from facereel.train.loss import draw_noise, drop_face_tokens, v_prediction_loss
from facereel.train.precision import autocast
from facereel.train.stages import Stage


@dataclass(frozen=True)
class StepSettings:
    """lr: peak learning rate; warmup: optimizer steps of linear warmup; clip_grad: max gradient norm (0 = none);
    face_dropout: probability of zero face tokens (stages that use them); frozen_dtype: how the frozen weights
    are stored, which decides autocast (precision.autocast)."""

    lr: float
    warmup: int
    clip_grad: float
    weight_decay: float
    face_dropout: float
    frozen_dtype: torch.dtype


class StepRunner:
    """AdamW over `params`; `step` runs `accumulate` clips (batch 1 each) and one update. Timesteps, noise and
    face-token dropout come from `generator` (CPU), whose state belongs to the training state."""

    def __init__(self, pipe: A1Pipeline, stage: Stage, params: list[torch.nn.Parameter], settings: StepSettings,
                 generator: torch.Generator) -> None:
        self.pipe = pipe
        self.stage = stage
        self.params = params
        self.settings = settings
        self.generator = generator
        self.optimizer = torch.optim.AdamW(params, lr=settings.lr, weight_decay=settings.weight_decay)
        warmup = settings.warmup
        self.schedule = torch.optim.lr_scheduler.LambdaLR(
            self.optimizer, lambda s: min(1.0, (s + 1) / warmup) if warmup else 1.0)

    def _micro_step(self, fetch: Callable[[], ClipInputs], count: int) -> tuple[float, bool]:
        """Forward + backward of one of `count` clips (the gradient of their mean loss); returns (loss, face
        tokens dropped)."""
        c = self.pipe.c
        with autocast(self.pipe.device, self.settings.frozen_dtype):
            inputs = fetch()
            if self.stage.face_tokens == "zeros":
                face, dropped = torch.zeros_like(inputs.face), True
            else:
                face, dropped = drop_face_tokens(inputs.face, self.settings.face_dropout, self.generator)
            rotary = self.pipe.rotary_embedding(inputs.video.shape[1])
            timesteps, noise = draw_noise(inputs.video, c.scheduler, self.generator)
            loss = v_prediction_loss(c.transformer, c.scheduler, inputs, face, rotary, timesteps, noise)
        (loss / count).backward()
        return loss.item(), dropped

    def step(self, fetches: Sequence[Callable[[], ClipInputs]]) -> dict:
        """One optimizer step over the clips `fetches` return; returns loss (mean), lr, grad_norm, face_dropped."""
        self.optimizer.zero_grad(set_to_none=True)
        losses, dropped = zip(*(self._micro_step(f, len(fetches)) for f in fetches))
        norm = torch.nn.utils.clip_grad_norm_(self.params, self.settings.clip_grad or float("inf"))
        lr = self.schedule.get_last_lr()[0]
        self.optimizer.step()
        self.schedule.step()
        return {"loss": sum(losses) / len(losses), "lr": lr, "grad_norm": float(norm), "face_dropped": sum(dropped)}

    def state_dict(self) -> dict:
        return {"optimizer": self.optimizer.state_dict(), "schedule": self.schedule.state_dict(),
                "generator": self.generator.get_state()}

    def load_state_dict(self, state: dict) -> None:
        self.optimizer.load_state_dict(state["optimizer"])
        self.schedule.load_state_dict(state["schedule"])
        self.generator.set_state(state["generator"])
