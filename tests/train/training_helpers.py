"""Shared pieces of the training tests: the tiny model's size, the CLI runner, checkpoint tensors."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch
from safetensors.torch import load_file

import facereel.cli.main as cli_main
from facereel.engines.a1 import constants as C

HEIGHT, WIDTH, WINDOW = 64, 96, 9
WEIGHTS = "diffusion_pytorch_model.safetensors"
# The validated run's training options (conftest.validated_run and plain_run), less the validation schedule.
VALIDATION_ARGS = ("--max-steps", "2", "--lr", "1e-3", "--val-clips", "1", "--face-dropout", "0.5", "--seed", "1",
                   "--workers", "0")


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    try:
        code = cli_main.main(["--quiet", *argv])
    except SystemExit as exc:  # argparse's usage errors
        code = exc.code
    return code, capsys.readouterr().err


def train(capsys: pytest.CaptureFixture[str], data: Path, weights: Path, stage: str, out: Path, *extra: str) -> None:
    code, err = run_cli(capsys, "train", "--data", str(data), "--weights", str(weights), "--stage", stage,
                        "-o", str(out), "--warmup", "0", *extra)
    assert code == 0, err


def train_once(data: Path, weights: Path, stage: str, out: Path, *extra: str) -> Path:
    """`train` for package- and module-scoped fixtures (no capsys: stderr stays in pytest's captured output);
    returns `out`."""
    code = cli_main.main(["--quiet", "train", "--data", str(data), "--weights", str(weights), "--stage", stage,
                          "-o", str(out), "--warmup", "0", *extra])
    assert code == 0
    return out


def tensors(folder: Path) -> dict[str, torch.Tensor]:
    """transformer.* and pose_guider.* tensors of a weights folder."""
    return {f"{name}.{k}": v for name in (C.TRANSFORMER_DIR, C.POSE_GUIDER_DIR)
            for k, v in load_file(folder / name / WEIGHTS).items()}
