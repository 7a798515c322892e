"""Sharded training (FSDP2, `train/sharding.py`): launched by `accelerate launch` with the shipped
configs/accelerate/fsdp2.yaml on 2 CPU processes (gloo), full fine-tuning of the blocks computes what 1 unsharded
process computes with the doubled batch (losses, clips, final weights gathered into the published layout); a run
killed after a checkpoint and started again ends bit-identical to the uninterrupted one; its gathered optimizer
state resumes on 1 process. How the strategy follows the launch config, and what is refused."""

from __future__ import annotations

import shutil
import subprocess
import socket
from pathlib import Path

import pytest
import torch

from facereel.errors import InputError
from facereel.train.sharding import resolve_strategy

from .test_distributed import STEPS, assert_same_run, finished, kill_after_checkpoint, launch
from .training_helpers import run_cli, tensors

CONFIG = Path(__file__).parents[2] / "configs" / "accelerate" / "fsdp2.yaml"
# Joint stage with every block weight trained in full, the pose guider's encoder too; accumulation, face dropout.
ARGS = ("--stage", "joint", "--warmup", "0", "--train", "blocks", "--face-dropout", "0.5", "--lr", "1e-3",
        "--seed", "3", "--max-steps", str(STEPS), "--checkpoint-every", "1", "--accumulate", "2", "--device", "cpu",
        "--workers", "1", "--log-with", "none")


def accelerate_fsdp2(*argv: str) -> subprocess.Popen:
    """`accelerate launch --config_file configs/accelerate/fsdp2.yaml --num_processes 2` on a free port."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return launch(["accelerate.commands.launch", "--config_file", str(CONFIG), "--num_processes", "2",
                   "--main_process_port", str(port)], *argv)


def test_strategy_follows_the_launch_config_and_consumes_it() -> None:
    env = {"ACCELERATE_USE_FSDP": "true", "FSDP_VERSION": "2", "FSDP_ACTIVATION_CHECKPOINTING": "true",
           "ACCELERATE_MIXED_PRECISION": "no", "OTHER": "1"}
    assert resolve_strategy("auto", env) == ("fsdp2", True)
    assert env == {"OTHER": "1"}  # accelerate's own FSDP plugin stays off
    assert resolve_strategy("auto", {}) == ("ddp", False)
    assert resolve_strategy("fsdp2", {}) == ("fsdp2", False)
    assert resolve_strategy("ddp", {"ACCELERATE_USE_FSDP": "true", "FSDP_VERSION": "2"}) == ("ddp", False)
    with pytest.raises(InputError, match="fsdp_version: 2"):
        resolve_strategy("auto", {"ACCELERATE_USE_FSDP": "true", "FSDP_VERSION": "1"})
    for name, env in (("auto", {"ACCELERATE_USE_DEEPSPEED": "true"}), ("zero3", {})):
        with pytest.raises(InputError, match="ZeRO-3 is not supported"):
            resolve_strategy(name, env)
    text = CONFIG.read_text()
    assert "distributed_type: FSDP" in text and "fsdp_version: 2" in text and "fsdp_activation_checkpointing: true" in text


def test_fsdp2_refuses_lora_and_zero3_in_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                  dataset: Path, weights: Path) -> None:
    data = ("--data", str(dataset), "--weights", str(weights), "--stage", "joint", "--device", "cpu")
    for extra, message in ((("--strategy", "fsdp2", "--train", "blocks", "--lora-rank", "2"), "train them with ddp"),
                           (("--strategy", "zero3"), "ZeRO-3 is not supported")):
        code, err = run_cli(capsys, "train", *data, "-o", str(tmp_path / "run"), *extra)
        assert code == 2 and len(err.strip().splitlines()) == 1 and message in err, err


@pytest.mark.heavy  # 3 `accelerate launch` runs of 2 workers (the fewest for its claims): .ci/run's second step
def test_fsdp2_two_processes_equal_one_and_resume_exactly(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                          dataset: Path, weights: Path) -> None:
    data = ("--data", str(dataset), "--weights", str(weights))
    straight = accelerate_fsdp2("train", *data, "-o", str(tmp_path / "two"), *ARGS, "--batch-size", "1")
    code, err = run_cli(capsys, "train", *data, "-o", str(tmp_path / "one"), *ARGS, "--batch-size", "2")
    assert code == 0, err
    finished(straight)
    # Sharded 2 x batch 1 == unsharded 1 x batch 2; the checkpoint holds whole tensors (gathered on rank 0).
    assert_same_run(tmp_path / "one", tmp_path / "two", exact=False)
    initial, trained = tensors(weights), tensors(tmp_path / "two" / f"checkpoint-{STEPS}")
    assert {k: v.shape for k, v in trained.items()} == {k: v.shape for k, v in initial.items()}
    changed = {k for k in trained if not torch.equal(trained[k], initial[k])}
    assert any(k.startswith("pose_guider.encoder.") for k in changed)
    assert any(".ff." in k for k in changed) and any("attn1.to_q" in k for k in changed)  # whole blocks train
    assert not any(k.startswith("pose_guider.decoder.") for k in changed)

    # Killed after checkpoint 1, then the same command again: equals the uninterrupted sharded run exactly.
    killed = tmp_path / "killed"
    kill_after_checkpoint(accelerate_fsdp2("train", *data, "-o", str(killed), *ARGS, "--batch-size", "1"), killed, 1)
    assert not (killed / f"checkpoint-{STEPS}").exists()
    shutil.copytree(killed, tmp_path / "reshard")
    finished(accelerate_fsdp2("train", *data, "-o", str(killed), *ARGS, "--batch-size", "1"))
    assert_same_run(tmp_path / "two", killed, exact=True)

    # The gathered optimizer state re-shards onto 1 process (FSDP2 on a process group of one).
    code, err = run_cli(capsys, "train", *data, "-o", str(tmp_path / "reshard"), *ARGS, "--batch-size", "2",
                        "--strategy", "fsdp2")
    assert code == 0, err
    assert_same_run(tmp_path / "one", tmp_path / "reshard", exact=False)
