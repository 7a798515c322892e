"""Validation during training: held-out clips are never trained on, the validation loss uses fixed noise and
timesteps (same weights -> same value, whatever the training randomness), sample videos are written, and
validating does not change the training itself."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

from facereel.media.video import open_video
from facereel.train import checkpoint as ckpt
from facereel.train import layout
from facereel.train.loop import Trainer, TrainOptions
from facereel.train.validate import held_out, validation_loss

from .training_helpers import HEIGHT, WIDTH, WINDOW


def test_held_out_clips_are_deterministic_and_spread() -> None:
    ids = [f"v{v}/{s:06d}" for v in range(3) for s in range(0, 40, 8)]  # 3 videos x 5 clips
    assert held_out(ids, 3) == held_out(list(reversed(ids)), 3) == ["v0/000016", "v1/000016", "v2/000016"]
    assert held_out(ids, 1) == ["v1/000016"] and len(set(held_out(ids, 15))) == 15


def test_validation_logs_loss_and_writes_samples(dataset: Path, validated_run: Path, plain_run: Path) -> None:
    held = held_out([e["id"] for e in layout.read_manifest(dataset)], 1)[0]
    log, plain = ckpt.read_log(validated_run), ckpt.read_log(plain_run)  # plain: the same, not validated
    assert all(held not in r["clips"] for r in log)
    # Validating (and logging to trackers) does not draw from the training generators: the same steps either way.
    assert [(r["loss"], r["clips"], r["face_dropped"]) for r in log] == \
        [(r["loss"], r["clips"], r["face_dropped"]) for r in plain]
    validations = ckpt.read_log(validated_run, ckpt.VALIDATION)
    assert [v["step"] for v in validations] == [1, 2] and list(validations[0]["clips"]) == [held]
    assert all(0 < v["val_loss"] < 10 for v in validations)
    for v in validations:
        with open_video(validated_run / v["sample"]) as video:
            frames = list(video.frames())
        assert len(frames) == WINDOW and frames[0].shape == (HEIGHT, 2 * WIDTH, 3)  # generated | ground truth
    assert not (plain_run / ckpt.VALIDATION).exists()


@pytest.mark.slow
def test_validation_loss_is_fixed_for_fixed_weights(tmp_path: Path, dataset: Path, weights: Path) -> None:
    trainer = Trainer(TrainOptions(data=dataset, weights=weights, stage="identity", output=tmp_path / "run",
                                   val_clips=2, warmup=0, lr=1e-2, max_steps=2), lambda _: None)
    ids = [trainer.dataset.entries[i]["id"] for i in trainer.val_clips]
    assert len(ids) == 2 and not set(trainer.val_clips) & set(trainer.train_clips)

    def loss() -> dict[str, float]:
        return validation_loss(trainer.pipe, trainer.stage, trainer.encoder, trainer.val_clips, ids, 0,
                               trainer.frozen_dtype)

    first = loss()
    torch.rand(5)  # the global RNG moves on (training draws come from per-clip generators: stream.py) ...
    assert loss() == first  # ... the validation draw does not
    trainer.run()
    assert loss() != first  # the weights changed
