"""Load the SkyReels-A1 components needed for inference from the published folder layout.

Only the transformer, VAE, pose guider, SigLIP vision tower and scheduler are read; the T5 text encoder
(9.5 GB, unused at inference) is never opened. Every problem with the folder is an `InputError` that names
the offending file.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import torch
from accelerate import init_empty_weights
from diffusers import AutoencoderKLCogVideoX, CogVideoXDDIMScheduler
from diffusers.models.modeling_utils import ModelMixin
from diffusers.utils import logging as diffusers_logging
from safetensors import SafetensorError
from safetensors.torch import load_file
from transformers import SiglipVisionModel
from transformers.models.siglip.image_processing_pil_siglip import (
    SiglipImageProcessorPil,
)
from transformers.utils import logging as transformers_logging

from facereel.engines.a1 import constants as C
from facereel.engines.a1.face_encoder import FaceEncoder
from facereel.engines.a1.transformer import A1Transformer
from facereel.errors import InputError

WEIGHTS_NAME = "diffusion_pytorch_model.safetensors"
INDEX_NAME = WEIGHTS_NAME + ".index.json"
# A Hugging Face repository id, owner/name (what is not a path and matches this is downloaded).
HUB_ID_PATTERN = re.compile(r"[A-Za-z0-9][\w.-]{0,95}/[A-Za-z0-9][\w.-]{0,95}")
# Everything inference needs; `allow_patterns` for a hub download, so T5 and the FLAME files stay remote.
_HUB_PATTERNS = [f"{d}/*" for d in (C.TRANSFORMER_DIR, C.VAE_DIR, C.POSE_GUIDER_DIR, C.SIGLIP_DIR,
                                     C.SCHEDULER_DIR)] + ["model_index.json"]


@dataclass
class A1Components:
    """The loaded inference components (all in eval mode, on the CPU until memory placement)."""

    transformer: A1Transformer
    vae: AutoencoderKLCogVideoX
    pose_guider: AutoencoderKLCogVideoX  # only its encoder is used
    face_encoder: FaceEncoder
    scheduler: CogVideoXDDIMScheduler


def resolve_weights(weights: str | Path) -> Path:
    """A local folder, or a hub id (downloaded, inference files only) when the hub may be reached.

    A value that looks like a path (starts with `.`, `/` or `~`, or exists) is always a path: a missing
    one is "no such folder", never a download. Only `owner/name` that is not a path is a hub id; offline
    (`HF_HUB_OFFLINE=1` or no network) it fails in one line naming the id and how to download it."""
    text = str(weights)
    path = Path(text).expanduser()
    if path.is_dir():
        return path
    if text.startswith((".", "/", "~")) or path.exists() or not HUB_ID_PATTERN.fullmatch(text):
        raise InputError("not a folder (SkyReels-A1 weights are a folder in the published layout)"
                         if path.exists() else "no such folder (SkyReels-A1 weights folder)", path=weights)
    how = (f"download it where there is internet (hf download {text} --local-dir SkyReels-A1) "
           "and pass --weights ./SkyReels-A1")
    if os.environ.get("HF_HUB_OFFLINE", "0").lower() in ("1", "true", "yes"):
        raise InputError(f"hub id {text}: HF_HUB_OFFLINE is set, so nothing is downloaded; {how}")
    from huggingface_hub import snapshot_download
    from huggingface_hub.errors import HfHubHTTPError, LocalEntryNotFoundError

    try:
        return Path(snapshot_download(text, allow_patterns=_HUB_PATTERNS))
    except (LocalEntryNotFoundError, HfHubHTTPError, OSError) as exc:
        reason = str(exc).splitlines()[0][:160]
        raise InputError(f"hub id {text}: could not download it ({reason}); {how}") from None


def diffusers_weight_files(folder: Path) -> list[Path]:
    """The safetensors files of one diffusers model folder (a single file or the shards of an index)."""
    if (folder / INDEX_NAME).is_file():
        try:
            shards = sorted(set(json.loads((folder / INDEX_NAME).read_text())["weight_map"].values()))
        except (OSError, ValueError, KeyError) as err:
            raise InputError(f"unreadable shard index ({err})", path=folder / INDEX_NAME) from err
        return [folder / s for s in shards]
    return [folder / WEIGHTS_NAME]


def missing_files(root: Path) -> list[Path]:
    """Every required file that is absent from the folder `root`."""
    required = [root / C.SCHEDULER_DIR / "scheduler_config.json"]
    for name in (C.TRANSFORMER_DIR, C.VAE_DIR, C.POSE_GUIDER_DIR):
        required += [root / name / "config.json", *diffusers_weight_files(root / name)]
    siglip = root / C.SIGLIP_DIR
    required += [siglip / "config.json", siglip / "model.safetensors", siglip / "preprocessor_config.json"]
    return [p for p in required if not p.is_file()]


def load_diffusers_model(cls: type[ModelMixin], folder: Path, dtype: torch.dtype) -> ModelMixin:
    """Build `cls` from `folder/config.json` and load its safetensors strictly (no missing/unexpected keys)."""
    try:
        config = cls.load_config(folder)
    except (OSError, ValueError, EnvironmentError) as err:
        raise InputError(f"unreadable model config ({err})", path=folder / "config.json") from err
    # Empty (meta) parameters: the real tensors are assigned below, so nothing is allocated twice.
    with init_empty_weights():
        model = cls.from_config(config)
    expected = model.state_dict()
    state: dict[str, torch.Tensor] = {}
    for file in diffusers_weight_files(folder):
        try:
            tensors = load_file(file, device="cpu")
        except (OSError, SafetensorError) as err:
            raise InputError(f"unreadable safetensors file ({err})", path=file) from err
        for key, tensor in tensors.items():
            if key not in expected:
                raise InputError(f"unexpected tensor {key!r}: not a {cls.__name__} of this config", path=file)
            if tuple(tensor.shape) != tuple(expected[key].shape):
                raise InputError(f"tensor {key!r} has shape {tuple(tensor.shape)}, the config needs "
                                 f"{tuple(expected[key].shape)}", path=file)
        state.update(tensors)
    absent = sorted(set(expected) - set(state))
    if absent:
        raise InputError(f"{len(absent)} tensors missing, e.g. {absent[:3]}", path=folder)
    model.load_state_dict(state, strict=True, assign=True)
    # nn.Module.to: ModelMixin.to warns about fp32-kept modules, which these models do not have.
    return torch.nn.Module.to(model, dtype).eval()


def _load_face_encoder(folder: Path, dtype: torch.dtype) -> FaceEncoder:
    """SigLIP vision tower, strictly: every vision weight present and of the right shape."""
    verbosity = transformers_logging.get_verbosity()
    transformers_logging.set_verbosity_error()  # we check the load report ourselves, below
    try:
        # Only last_hidden_state is used: skip the attention-pooling head (its nn.MultiheadAttention also
        # reads weights outside forward hooks, which breaks sequential offloading).
        model, report = SiglipVisionModel.from_pretrained(folder, dtype=dtype, vision_use_head=False,
                                                          output_loading_info=True)
        processor = SiglipImageProcessorPil.from_pretrained(folder)
    except (OSError, ValueError, RuntimeError) as err:
        raise InputError(f"cannot load the SigLIP face encoder ({err})", path=folder) from err
    finally:
        transformers_logging.set_verbosity(verbosity)
    # The pooling head and, in a full SigLIP checkpoint, the text tower are expected extras.
    extra = [k for k in report["unexpected_keys"] if not k.startswith(("head.", "vision_model.head.", "text_model."))]
    bad = list(report["missing_keys"]) + [str(m) for m in report["mismatched_keys"]] + extra
    if bad:
        raise InputError(f"SigLIP weights do not match its config: {bad[:3]}", path=folder / "model.safetensors")
    return FaceEncoder(model.eval(), processor)


@contextlib.contextmanager
def library_progress_bars_off() -> Iterator[None]:
    """Silence the libraries' tqdm bars (weights loading, shard writing): stderr carries our lines only."""
    was = transformers_logging.is_progress_bar_enabled(), diffusers_logging.is_progress_bar_enabled()
    transformers_logging.disable_progress_bar()
    diffusers_logging.disable_progress_bar()
    try:
        yield
    finally:
        if was[0]:
            transformers_logging.enable_progress_bar()
        if was[1]:
            diffusers_logging.enable_progress_bar()


def load_components(weights: str | Path, dtype: torch.dtype = torch.bfloat16) -> A1Components:
    """Load every inference component from a published-layout folder or hub id; raise InputError on problems."""
    with library_progress_bars_off():
        return _load_components(weights, dtype)


def _load_components(weights: str | Path, dtype: torch.dtype) -> A1Components:
    root = resolve_weights(weights)
    absent = missing_files(root)
    if absent:
        names = ", ".join(str(p.relative_to(root)) for p in absent)
        raise InputError(f"SkyReels-A1 weights incomplete: missing {names}", path=absent[0])
    try:
        scheduler = CogVideoXDDIMScheduler.from_pretrained(root / C.SCHEDULER_DIR)
    except (OSError, ValueError) as err:
        raise InputError(f"unreadable scheduler config ({err})", path=root / C.SCHEDULER_DIR) from err
    return A1Components(
        transformer=load_diffusers_model(A1Transformer, root / C.TRANSFORMER_DIR, dtype),
        vae=load_diffusers_model(AutoencoderKLCogVideoX, root / C.VAE_DIR, dtype),
        pose_guider=load_diffusers_model(AutoencoderKLCogVideoX, root / C.POSE_GUIDER_DIR, dtype),
        # SigLIP stays float32 whatever the model dtype: the release casts only its output tokens.
        face_encoder=_load_face_encoder(root / C.SIGLIP_DIR, torch.float32),
        scheduler=scheduler,
    )
