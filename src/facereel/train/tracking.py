"""Experiment trackers through accelerate (`--log-with`, TensorBoard by default): what each optimizer step and
validation reports besides log.jsonl / validation.jsonl. Events go to RUN_DIR/trackers/<tracker files>."""

from __future__ import annotations

import torch
from accelerate.utils import LoggerType, is_tensorboard_available

from facereel.errors import InputError

DIR = "trackers"  # inside the run folder
RUN_NAME = "train"
CHOICES = tuple(t.value for t in LoggerType if t.value != "all")


def parse(text: str) -> tuple[str, ...]:
    """`--log-with` value (comma-separated tracker names, or `none`) -> names; InputError when unknown or when
    TensorBoard's writer (tensorboardX) is not installed."""
    names = tuple(n.strip() for n in text.split(",") if n.strip())
    if names in ((), ("none",)):
        return ()
    unknown = [n for n in names if n not in CHOICES]
    if unknown:
        raise InputError(f"--log-with: unknown tracker {', '.join(unknown)} (choose from none, {', '.join(CHOICES)})")
    if "tensorboard" in names and not is_tensorboard_available():
        raise InputError("--log-with tensorboard needs tensorboardX: pip install tensorboardX==2.6.5 "
                         "(or --log-with none)")
    return names


def hyperparameters(settings: dict) -> dict[str, str | int | float | bool]:
    """run.json settings as tracker hyperparameters (scalars; lists joined, None as 'default')."""
    def scalar(value: object) -> str | int | float | bool:
        if isinstance(value, (list, tuple)):
            return ",".join(map(str, value))
        return "default" if value is None else value
    return {k: scalar(v) for k, v in settings.items()}


def step_metrics(record: dict, device: torch.device) -> dict[str, float]:
    """A step's log record -> the scalars tracked: loss, lr, grad_norm, clips_per_s, and on CUDA this process's
    peak allocated memory in GiB."""
    metrics = {"loss": record["loss"], "lr": record["lr"], "grad_norm": record["grad_norm"],
               "clips_per_s": len(record["clips"]) / record["seconds"]}
    if device.type == "cuda":
        metrics["gpu_peak_gib"] = torch.cuda.max_memory_allocated(device) / 2**30
    return metrics
