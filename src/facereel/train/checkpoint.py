"""The run folder: settings, per-step log, and checkpoints in the published SkyReels-A1 layout.

    RUN_DIR/
      run.json                  the settings a rerun must share to resume (others are refused)
      log.jsonl                 one line per optimizer step
      validation.jsonl          one line per validation (--validate-every)
      samples/                  one sample video per validation
      trackers/                 accelerate trackers' files (tracking.py)
      cache/<video>/<start>.pt  frozen encodings per clip (inputs.ClipEncoder)
      checkpoint-N/             a weights folder `A1Engine.from_pretrained` loads (`facereel animate --engine a1`):
        transformer/              trained tensors float32 (resuming is exact), LoRA adapters merged in float32, the
                                  others copied bit for bit from the initial weights whatever --frozen-dtype (export.py)
        pose_guider/              the same when the stage trains it, else linked from the initial weights
        vae/ siglip-so400m-patch14-384/ scheduler/ model_index.json   linked from the initial weights
        lora/                     with LoRA: pytorch_lora_weights.safetensors, the adapters in the diffusers LoRA format
        training_state.pt         step, optimizer, LR schedule, clips per step, LoRA adapters (unmerged)

Untouched files are hard links where the file system allows (no extra space, and independent of the initial
folder's later fate), copies otherwise. A checkpoint is written as `.checkpoint-N.tmp` and renamed when
complete, so an interrupted save leaves no folder that looks finished.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import torch

from facereel.engines.a1 import constants as C
from facereel.engines.a1.weights import A1Components
from facereel.media.atomic import atomic_path
from facereel.train.export import write_component
from facereel.train.layout import record_settings
from peft.tuners.lora import LoraLayer

from facereel.train.lora import ADAPTER_DIR, save_adapter

RUN = "run.json"
LOG = "log.jsonl"
VALIDATION = "validation.jsonl"
CACHE = "cache"
STATE = "training_state.pt"
_CHECKPOINT = re.compile(r"^checkpoint-(\d+)$")
_LINKED = (C.VAE_DIR, C.SIGLIP_DIR, C.SCHEDULER_DIR)


def check_run(run_dir: Path, settings: dict) -> None:
    """Record the run's settings, or refuse to continue a run made with different ones."""
    record_settings(run_dir / RUN, settings, "this run was started", run_dir)


def checkpoints(run_dir: Path) -> list[tuple[int, Path]]:
    """(step, folder) of every finished checkpoint, oldest first."""
    return sorted((int(m.group(1)), p) for p in run_dir.glob("checkpoint-*")
                  if (m := _CHECKPOINT.match(p.name)) and (p / STATE).is_file())


def latest_checkpoint(run_dir: Path) -> tuple[int, Path] | None:
    """(step, folder) of the newest finished checkpoint, or None."""
    found = checkpoints(run_dir)
    return found[-1] if found else None


def prune_checkpoints(run_dir: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` finished checkpoints (keep 0: delete none); returns the deleted folders."""
    doomed = [p for _, p in checkpoints(run_dir)[:-keep]] if keep else []
    for folder in doomed:
        shutil.rmtree(folder)
    return doomed


def _link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def save_checkpoint(run_dir: Path, step: int, c: A1Components, trained: dict[str, dict[str, torch.Tensor]],
                    init: Path, adapters: dict[str, LoraLayer], state: dict) -> Path:
    """Write RUN_DIR/checkpoint-`step` (layout above; `trained`: component name -> its trained tensors by name,
    whole (sharding.gathered_trained), a pose_guider entry when the stage trains it; `adapters`: the
    transformer's LoRA adapters by module name, merged into its weights) and return it."""
    final = run_dir / f"checkpoint-{step}"
    tmp = run_dir / f".checkpoint-{step}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    write_component(c.transformer, trained["transformer"], init / C.TRANSFORMER_DIR, tmp / C.TRANSFORMER_DIR, adapters)
    if adapters:
        save_adapter(c.transformer, tmp / ADAPTER_DIR)
    guider_trained = "pose_guider" in trained
    linked = _LINKED if guider_trained else (*_LINKED, C.POSE_GUIDER_DIR)
    if guider_trained:
        write_component(c.pose_guider, trained["pose_guider"], init / C.POSE_GUIDER_DIR, tmp / C.POSE_GUIDER_DIR)
    for name in linked:
        shutil.copytree(init / name, tmp / name, copy_function=_link_or_copy)
    if (init / "model_index.json").is_file():
        _link_or_copy(str(init / "model_index.json"), str(tmp / "model_index.json"))
    torch.save(state, tmp / STATE)
    shutil.rmtree(final, ignore_errors=True)  # an unfinished folder of that name (no training state)
    os.replace(tmp, final)
    return final


def load_state(checkpoint: Path) -> dict:
    return torch.load(checkpoint / STATE, map_location="cpu", weights_only=True)


def append_log(run_dir: Path, record: dict, name: str = LOG) -> None:
    with open(run_dir / name, "a", encoding="utf-8") as f:
        f.write(json.dumps(record) + "\n")


def truncate_log(run_dir: Path, step: int, name: str = LOG) -> None:
    """Drop lines after `step` from log `name` (steps an interrupted run made past its last checkpoint are redone)."""
    path = run_dir / name
    if not path.exists():
        return
    kept = []
    for line in path.read_text().splitlines():
        try:
            if json.loads(line)["step"] <= step:
                kept.append(line)
        except (json.JSONDecodeError, KeyError):
            continue  # a torn last line
    with atomic_path(path) as tmp:
        tmp.write_text("".join(k + "\n" for k in kept))


def read_log(run_dir: Path, name: str = LOG) -> list[dict]:
    path = run_dir / name
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []
