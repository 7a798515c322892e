"""Trackers of `facereel train` (accelerate, TensorBoard by default): per step loss, lr, grad norm and throughput in
TensorBoard event files, equal to log.jsonl; `--log-with none` writes none; an unknown tracker exits 2."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from tensorboardX.proto.event_pb2 import Event

from facereel.train import checkpoint as ckpt
from facereel.train import tracking

from .training_helpers import run_cli, train


def scalars(folder: Path) -> dict[str, dict[int, float]]:
    """tag -> {step: value} of every scalar in the TensorBoard event files under `folder` (TFRecord framing:
    length u64, its CRC u32, the Event proto, its CRC u32)."""
    found: dict[str, dict[int, float]] = {}
    for path in folder.rglob("events.out.tfevents.*"):
        data = path.read_bytes()
        offset = 0
        while offset < len(data):
            (length,) = struct.unpack_from("<Q", data, offset)
            event = Event.FromString(data[offset + 12: offset + 12 + length])
            offset += 12 + length + 4
            for value in event.summary.value:
                if value.HasField("simple_value"):
                    found.setdefault(value.tag, {})[event.step] = value.simple_value
    return found


def test_tensorboard_gets_every_step(capsys: pytest.CaptureFixture[str], tmp_path: Path, one_clip: Path,
                                     weights: Path) -> None:
    train(capsys, one_clip, weights, "identity", tmp_path / "run", "--max-steps", "2", "--workers", "0")
    log = ckpt.read_log(tmp_path / "run")
    events = scalars(tmp_path / "run" / tracking.DIR)
    for tag in ("loss", "lr", "grad_norm", "clips_per_s"):
        assert sorted(events[tag]) == [1, 2], tag
    for record in log:
        assert events["loss"][record["step"]] == pytest.approx(record["loss"], rel=1e-6)
        assert events["grad_norm"][record["step"]] == pytest.approx(record["grad_norm"], rel=1e-6)
        assert events["clips_per_s"][record["step"]] == pytest.approx(1 / record["seconds"], rel=1e-6)

    train(capsys, one_clip, weights, "identity", tmp_path / "quiet", "--max-steps", "1", "--workers", "0",
          "--log-with", "none")
    assert not (tmp_path / "quiet" / tracking.DIR).exists()
    code, err = run_cli(capsys, "train", "--data", str(one_clip), "--weights", str(weights), "--stage", "identity",
                        "-o", str(tmp_path / "bad"), "--log-with", "tensorbored")
    assert code == 2 and len(err.strip().splitlines()) == 1 and "unknown tracker tensorbored" in err
