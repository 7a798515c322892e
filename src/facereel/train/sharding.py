"""How the processes of a run share the model: `ddp` (every process holds the whole model; gradients averaged, through
accelerate) or `fsdp2` (torch's `fully_shard`: parameters, gradients and AdamW state sharded over the processes, each
transformer block gathered only while it computes). FSDP2 is driven here rather than through accelerate's FSDP
plugin, because accelerate selects FSDP on GPUs only (a CPU run is always MULTI_CPU), and one code path on both is the
one the CPU tests check. DeepSpeed ZeRO-3 is refused (see ZERO3_REFUSAL).

`--strategy auto` follows `accelerate launch --config_file configs/accelerate/<x>.yaml`, which passes the config to the
processes as environment variables: ACCELERATE_USE_FSDP=true with FSDP_VERSION=2 -> fsdp2 (FSDP_ACTIVATION_CHECKPOINTING
=true -> gradient checkpointing), ACCELERATE_USE_DEEPSPEED=true -> zero3; else ddp. The variables are consumed
(removed) so that accelerate's own plugins stay off.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable, MutableMapping

import torch
import torch.distributed as dist
from torch import nn
from torch.distributed.fsdp import MixedPrecisionPolicy, fully_shard
from torch.distributed.tensor import DTensor, distribute_tensor

from facereel.errors import InputError
from facereel.train.options import STRATEGIES

ZERO3_REFUSAL = ("zero3: DeepSpeed ZeRO-3 is not supported (accelerate enables DeepSpeed on GPUs only, and deepspeed "
                 "0.19.8 on the CPU hung in a 2-process ZeRO-3 check, so it is untested); use --strategy fsdp2 "
                 "(configs/accelerate/fsdp2.yaml)")
_ENV = ("ACCELERATE_USE_FSDP", "FSDP_VERSION", "FSDP_ACTIVATION_CHECKPOINTING", "ACCELERATE_USE_DEEPSPEED",
        "ACCELERATE_MIXED_PRECISION")


def _flag(env: MutableMapping[str, str], name: str) -> bool:
    return env.get(name, "false").lower() in ("1", "true", "yes")


def resolve_strategy(name: str, env: MutableMapping[str, str] = os.environ) -> tuple[str, bool]:
    """`--strategy` -> (ddp | fsdp2, activation checkpointing asked by the launch config); `auto` reads and removes
    accelerate's launch variables from `env` (module docstring). InputError for zero3 and FSDP version 1."""
    if name not in STRATEGIES:
        raise InputError(f"--strategy must be one of {', '.join(STRATEGIES)}, got {name!r}")
    launched = {key: env.pop(key) for key in _ENV if key in env}
    checkpointing = _flag(launched, "FSDP_ACTIVATION_CHECKPOINTING")
    if name == "auto":
        if _flag(launched, "ACCELERATE_USE_DEEPSPEED"):
            name = "zero3"
        elif _flag(launched, "ACCELERATE_USE_FSDP"):
            if launched.get("FSDP_VERSION", "1") != "2":
                raise InputError("the accelerate config selects FSDP version 1; facereel shards with FSDP2: set "
                                 "fsdp_version: 2 (configs/accelerate/fsdp2.yaml)")
            name = "fsdp2"
        else:
            name = "ddp"
    if name == "zero3":
        raise InputError(ZERO3_REFUSAL)
    return name, checkpointing


def ensure_process_group(device: torch.device) -> None:
    """A process group of one when the run was not launched by torchrun/accelerate (fully_shard needs one);
    `Accelerator.end_training` destroys it with any other."""
    if not dist.is_initialized():
        dist.init_process_group("nccl" if device.type == "cuda" else "gloo", store=dist.HashStore(), rank=0,
                                world_size=1)


def shard(transformer: nn.Module, pose_guider: nn.Module, bf16: bool) -> None:
    """fully_shard each transformer block, then the transformer, and the pose guider's encoder and quant_conv (the
    modules its `encode` calls; `encode` itself returns a distribution object, whose tensors FSDP's backward hooks
    would not see; the unused decoder stays whole). `bf16`: blocks compute with bf16 copies of the gathered parameters and gradients
    are reduced in float32 (MixedPrecisionPolicy); sharded parameters and AdamW state stay float32. Call before
    building the optimizer (the parameters become DTensor shards)."""
    # The transformer returns a view; FSDP warns that an in-place op on it would skip its backward hook. The loss
    # (loss.v_prediction_loss) only reads it.
    warnings.filterwarnings("ignore", message="FSDP2-wrapped module .* returned a view tensor")
    policy = MixedPrecisionPolicy(param_dtype=torch.bfloat16, reduce_dtype=torch.float32) if bf16 else \
        MixedPrecisionPolicy()
    for block in transformer.transformer_blocks:
        fully_shard(block, mp_policy=policy)
    fully_shard(transformer, mp_policy=policy)
    for module in (pose_guider.encoder, pose_guider.quant_conv):
        if module is not None:  # no quant_conv in some configs
            fully_shard(module, mp_policy=policy)


def full_tensor(value: torch.Tensor) -> torch.Tensor:
    """A DTensor gathered from every process (a collective: all must call), anything else as it is."""
    return value.full_tensor() if isinstance(value, DTensor) else value


def gathered_trained(module: nn.Module, main: bool) -> dict[str, torch.Tensor]:
    """Trained parameters of `module` by name, whole, float32 on the CPU, on the main process (empty elsewhere).
    A collective under FSDP2: every process calls it; parameters are gathered one at a time."""
    out = {}
    for name, param in module.named_parameters():
        if param.requires_grad:
            value = full_tensor(param.detach())
            if main:
                out[name] = value.float().cpu()
    return out


def _map_state(state: dict, fn: Callable[[int, torch.Tensor], torch.Tensor]) -> dict:
    """An optimizer state_dict with every per-parameter tensor `v` of parameter index `pid` replaced by fn(pid, v)."""
    return {**state, "state": {pid: {k: fn(pid, v) for k, v in entry.items()} for pid, entry in state["state"].items()}}


def optimizer_state(optimizer: torch.optim.Optimizer) -> dict:
    """The optimizer's state_dict with whole tensors (AdamW moments gathered from every process: a collective), so
    a run can resume on another number of processes."""
    return _map_state(optimizer.state_dict(), lambda pid, value: full_tensor(value).cpu())


def load_optimizer_state(optimizer: torch.optim.Optimizer, state: dict) -> None:
    """Load `optimizer_state`'s result (read by every process): each process keeps its shard of every moment."""
    params = [p for group in optimizer.param_groups for p in group["params"]]

    def local(pid: int, value: torch.Tensor) -> torch.Tensor:
        param = params[pid]
        if isinstance(param, DTensor) and value.dim():
            return distribute_tensor(value.to(param.device), param.device_mesh, param.placements, src_data_rank=None)
        return value

    optimizer.load_state_dict(_map_state(state, local))
