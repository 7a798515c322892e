"""Fixtures of the training tests: a tiny random-weight model (96x64, 9-frame windows) and a 3-clip dataset made
by `facereel prepare-data` from a synthetic driving video of the astronaut; built once for tests/train. Runs that
several tests assert on are trained once here too."""

from __future__ import annotations

import shutil
from pathlib import Path

from facereel.train.wandb_first import import_wandb

import_wandb()  # before this file's imports load torch (facereel/train/wandb_first.py)

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from h264_clips import write_video
from synthetic_video import moving_head_frames  # noqa: E402

import facereel.cli.main as cli_main
from facereel.engines.a1.tiny import make_tiny_weights
from facereel.train import layout

from .training_helpers import HEIGHT, WIDTH, VALIDATION_ARGS, WINDOW, train_once


@pytest.fixture(scope="package")
def weights(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_tiny_weights(tmp_path_factory.mktemp("a1") / "weights", HEIGHT, WIDTH, window_frames=WINDOW)


@pytest.fixture(scope="package")
def dataset(tmp_path_factory: pytest.TempPathFactory, astronaut: np.ndarray) -> Path:
    """3 clips of 8 driving frames (12 fps) at 96x64, references outside the clips."""
    folder = tmp_path_factory.mktemp("ds")
    video = write_video(folder / "astro.mp4", moving_head_frames(astronaut, 24, max_angle=4.0), 12)
    out = folder / "dataset"
    code = cli_main.main(["--quiet", "prepare-data", str(video), "-o", str(out), "--clip-frames", str(WINDOW - 1),
                          "--size", f"{WIDTH}x{HEIGHT}", "--crf", "0"])
    assert code == 0 and len(layout.read_manifest(out)) == 3
    return out


@pytest.fixture(scope="package")
def one_clip(dataset: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same dataset with its first clip only (for overfitting)."""
    out = tmp_path_factory.mktemp("one") / "dataset"
    shutil.copytree(dataset, out)
    first = (out / layout.MANIFEST).read_text().splitlines()[0]
    (out / layout.MANIFEST).write_text(first + "\n")
    return out


@pytest.fixture(scope="package")
def identity_run(tmp_path_factory: pytest.TempPathFactory, one_clip: Path, weights: Path) -> Path:
    """Identity stage, 2 steps on the one clip, face tokens always fed, no weight decay (a tensor without a gradient
    stays put), clips decoded in the training process, logged to TensorBoard and MLflow; shared by the stage-set,
    face-dropout and tracker tests (with `validated_run`: two MLflow runs of one process)."""
    return train_once(one_clip, weights, "identity", tmp_path_factory.mktemp("identity") / "run", "--max-steps", "2",
                      "--lr", "1e-3", "--face-dropout", "0", "--weight-decay", "0", "--workers", "0",
                      "--log-with", "tensorboard,mlflow")


@pytest.fixture(scope="package")
def validated_run(tmp_path_factory: pytest.TempPathFactory, dataset: Path, weights: Path) -> Path:
    """Identity stage, 2 steps on the 3-clip dataset less 1 held-out clip, validated (loss, a 2-step sample video)
    after each step, face dropout 0.5, logged to TensorBoard, (offline) W&B and MLflow (its file store in the run
    folder); shared by the validation and tracker tests."""
    return train_once(dataset, weights, "identity", tmp_path_factory.mktemp("validated") / "run", *VALIDATION_ARGS,
                      "--validate-every", "1", "--val-steps", "2", "--log-with", "tensorboard,wandb,mlflow")


@pytest.fixture(scope="package")
def plain_run(tmp_path_factory: pytest.TempPathFactory, dataset: Path, weights: Path) -> Path:
    """The validated run's training without its validation and without trackers (`--log-with none`); shared by the
    validation test (the same steps as the validated run) and the tracker test (no tracker files)."""
    return train_once(dataset, weights, "identity", tmp_path_factory.mktemp("plain") / "run", *VALIDATION_ARGS,
                      "--log-with", "none")
