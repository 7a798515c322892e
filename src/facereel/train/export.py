"""A trained component written as a diffusers model folder in the published layout, without rounding.

Every tensor of the initial folder's component is written: a trained parameter -> its float32 value; a
LoRA-adapted weight -> W + B A in float32 with W read from the initial folder (so the merge does not depend on
how W is held in memory); anything else (frozen) -> the initial folder's tensor as it is stored there (same
dtype, same bits). Frozen tensors are therefore never rounded through `--frozen-dtype bfloat16`, and the
written folder has exactly the initial folder's tensor names. Shards are cut as diffusers' `save_pretrained`
cuts them (10 GB, counted in float32) and built one at a time in host memory.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import torch
from diffusers.models.modeling_utils import ModelMixin
from huggingface_hub import split_torch_state_dict_into_shards
from safetensors import safe_open
from safetensors.torch import save_file

from facereel.engines.a1.weights import INDEX_NAME, WEIGHTS_NAME, diffusers_weight_files
from peft.tuners.lora import LoraLayer

from facereel.train.lora import delta

MAX_SHARD_SIZE = "10GB"  # save_pretrained's default


def write_component(model: ModelMixin, trained: dict[str, torch.Tensor], init_folder: Path, out_folder: Path,
                    adapters: dict[str, LoraLayer] | None = None) -> None:
    """Write `model` (config.json + safetensors, sharded with an index above MAX_SHARD_SIZE) to `out_folder`:
    `trained` (its trained parameters by name, whole: sharding.gathered_trained) and every other tensor from
    `init_folder` (module docstring)."""
    updates = {f"{name}.weight": adapter for name, adapter in (adapters or {}).items()}
    out_folder.mkdir(parents=True, exist_ok=True)
    model.save_config(out_folder)
    with contextlib.ExitStack() as stack:
        files = [stack.enter_context(safe_open(f, framework="pt")) for f in diffusers_weight_files(init_folder)]
        source = {key: f for f in files for key in f.keys()}  # noqa: SIM118 (safe_open is not iterable)

        def tensor(key: str) -> torch.Tensor:
            if key in trained:
                return trained[key].float()
            value = source[key].get_tensor(key)
            return value.float() + delta(updates[key]).cpu() if key in updates else value

        shapes = {key: torch.empty(f.get_slice(key).get_shape(), device="meta") for key, f in source.items()}
        plan = split_torch_state_dict_into_shards(shapes, filename_pattern=WEIGHTS_NAME.replace(".safetensors",
                                                                                           "{suffix}.safetensors"),
                                                  max_shard_size=MAX_SHARD_SIZE)
        total = 0
        for filename, keys in plan.filename_to_tensors.items():
            shard = {key: tensor(key).contiguous() for key in keys}
            total += sum(t.nbytes for t in shard.values())
            save_file(shard, out_folder / filename, metadata={"format": "pt"})
    if plan.is_sharded:
        index = {"metadata": {"total_size": total}, "weight_map": plan.tensor_to_filename}
        (out_folder / INDEX_NAME).write_text(json.dumps(index, indent=2, sort_keys=True) + "\n")
