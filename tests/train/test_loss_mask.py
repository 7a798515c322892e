"""Loss masking by face validity: the frame -> latent-frame mapping, masked frames contribute nothing to the
gradient, and clips with no valid latent frame are skipped by `facereel train`."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
import torch

from facereel.engines.a1 import constants as C
from facereel.engines.a1.tiny import tiny_transformer_config
from facereel.engines.a1.transformer import A1Transformer
from facereel.train import checkpoint as ckpt
from facereel.train import layout
from facereel.train.dataset import ClipDataset
from facereel.train.inputs import latent_frame_mask
from facereel.train.loop import TrainOptions, train
from facereel.train.loss import masked_mse

from .training_helpers import HEIGHT, WIDTH, WINDOW


def test_latent_frame_mask_follows_the_vae_temporal_compression() -> None:
    valid = torch.ones(9, dtype=torch.bool)  # frame 0 -> latent 0, frames 1-4 -> latent 1, 5-8 -> latent 2
    assert latent_frame_mask(valid).tolist() == [True, True, True]
    valid[[1, 2]] = False  # half of latent 1's frames: still counted
    assert latent_frame_mask(valid).tolist() == [True, True, True]
    valid[3] = False  # three of four: mostly invalid
    assert latent_frame_mask(valid).tolist() == [True, False, True]
    valid[0] = False
    valid[8] = False
    assert latent_frame_mask(valid).tolist() == [False, False, True]


def test_masked_latent_frames_do_not_change_the_gradient() -> None:
    torch.manual_seed(0)
    model = A1Transformer(**tiny_transformer_config(HEIGHT, WIDTH, WINDOW))
    frames = (WINDOW - 1) // C.TEMPORAL_COMPRESSION + 1
    shape = (1, frames, C.LATENT_CHANNELS, HEIGHT // 8, WIDTH // 8)
    x = torch.randn(1, frames, 3 * C.LATENT_CHANNELS, HEIGHT // 8, WIDTH // 8)
    face = torch.randn(1, C.FACE_TOKENS, model.config.face_embed_dim)
    mask = torch.tensor([True, False, True])

    def gradient(target: torch.Tensor) -> torch.Tensor:
        model.zero_grad()
        masked_mse(model(x, face, torch.tensor([500])), target, mask).backward()
        return torch.cat([p.grad.flatten() for p in model.parameters() if p.grad is not None])

    target = torch.randn(shape)
    reference = gradient(target)
    changed = target.clone()
    changed[:, 1] = 100 * torch.randn(shape[2:])  # the masked frame's target
    assert torch.equal(gradient(changed), reference)
    changed[:, 2] += 1.0  # an unmasked frame's target does change it
    assert not torch.allclose(gradient(changed), reference)
    all_frames = torch.ones(frames, dtype=torch.bool)
    prediction = torch.randn(shape)
    assert torch.allclose(masked_mse(prediction, target, all_frames), torch.nn.functional.mse_loss(prediction, target))


def _set_valid(root: Path, clip_id: str, valid: np.ndarray) -> None:
    meta = layout.clip_dir(root, clip_id) / layout.META
    with np.load(meta) as data:
        arrays = dict(data)
    arrays["valid"] = valid
    np.savez(meta, **arrays)


@pytest.mark.slow
def test_clips_without_a_valid_latent_frame_are_skipped(tmp_path: Path, dataset: Path, weights: Path) -> None:
    data = tmp_path / "dataset"
    shutil.copytree(dataset, data)
    ids = [e["id"] for e in layout.read_manifest(data)]
    _set_valid(data, ids[0], np.zeros(WINDOW, dtype=bool))  # lost everywhere: skipped
    partial = np.ones(WINDOW, dtype=bool)
    partial[5:] = False
    _set_valid(data, ids[1], partial)  # last latent frame masked
    assert ClipDataset(data).valid(1).tolist() == partial.tolist()
    said: list[str] = []
    # 2 steps of 1 clip: one epoch of the 2 clips left (each epoch visits every clip once)
    train(TrainOptions(data=data, weights=weights, stage="identity", output=tmp_path / "run", max_steps=2,
                       warmup=0, lr=1e-3, workers=0), said.append)
    assert f"skipping 1 clips with no valid latent frame: {ids[0]}" in said
    visited = {c for r in ckpt.read_log(tmp_path / "run") for c in r["clips"]}
    assert visited == set(ids[1:])
