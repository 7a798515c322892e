"""Trackers of `facereel train` (accelerate, TensorBoard by default): per step loss, lr, grad norm and throughput in
TensorBoard event files, equal to log.jsonl; each validation's sample video as an animated GIF, frame for frame the
sample written to RUN_DIR/samples; the same in an offline W&B run and in MLflow's file store, with the sample .mp4
itself; two MLflow trainings of one process each in its own store, a failed one's run ended; `--log-with none` writes
none; an unknown tracker exits 2."""

from __future__ import annotations

import io
import json
import os
import struct
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
import yaml
from PIL import Image, ImageSequence
from tensorboardX.proto.event_pb2 import Event

from facereel.train import checkpoint as ckpt
from facereel.errors import InputError
from facereel.train import tracking
from facereel.train.loop import Trainer, train
from facereel.train.options import TrainOptions

from facereel.media.video import open_video

from .training_helpers import HEIGHT, WIDTH, WINDOW, run_cli


def events(folder: Path) -> Iterator[Event]:
    """Every Event in the TensorBoard event files under `folder` (TFRecord framing: length u64, its CRC u32, the
    Event proto, its CRC u32)."""
    for path in folder.rglob("events.out.tfevents.*"):
        data = path.read_bytes()
        offset = 0
        while offset < len(data):
            (length,) = struct.unpack_from("<Q", data, offset)
            yield Event.FromString(data[offset + 12: offset + 12 + length])
            offset += 12 + length + 4


def scalars(folder: Path) -> dict[str, dict[int, float]]:
    """tag -> {step: value} of every scalar under `folder`."""
    found: dict[str, dict[int, float]] = {}
    for event in events(folder):
        for value in event.summary.value:
            if value.HasField("simple_value"):
                found.setdefault(value.tag, {})[event.step] = value.simple_value
    return found


def videos(folder: Path, tag: str) -> dict[int, list[np.ndarray]]:
    """step -> the RGB frames of the animated image (GIF) logged under `tag` at that step."""
    found = {}
    for event in events(folder):
        for value in event.summary.value:
            if value.tag == tag and value.HasField("image"):
                with Image.open(io.BytesIO(value.image.encoded_image_string)) as gif:
                    assert gif.format == "GIF"
                    found[event.step] = [np.asarray(f.convert("RGB")) for f in ImageSequence.Iterator(gif)]
    return found


def test_tensorboard_gets_every_step(capsys: pytest.CaptureFixture[str], tmp_path: Path, one_clip: Path,
                                     weights: Path, identity_run: Path, plain_run: Path) -> None:
    log = ckpt.read_log(identity_run)
    events = scalars(identity_run / tracking.DIR)
    for tag in ("loss", "lr", "grad_norm", "clips_per_s"):
        assert sorted(events[tag]) == [1, 2], tag
    for record in log:
        assert events["loss"][record["step"]] == pytest.approx(record["loss"], rel=1e-6)
        assert events["grad_norm"][record["step"]] == pytest.approx(record["grad_norm"], rel=1e-6)
        assert events["clips_per_s"][record["step"]] == pytest.approx(1 / record["seconds"], rel=1e-6)

    assert [r["step"] for r in ckpt.read_log(plain_run)] == [1, 2] and not (plain_run / tracking.DIR).exists()
    code, err = run_cli(capsys, "train", "--data", str(one_clip), "--weights", str(weights), "--stage", "identity",
                        "-o", str(tmp_path / "bad"), "--log-with", "tensorbored")
    assert code == 2 and len(err.strip().splitlines()) == 1 and "unknown tracker tensorbored" in err


def test_tensorboard_gets_the_validation_videos(validated_run: Path) -> None:
    logged = videos(validated_run / tracking.DIR, tracking.SAMPLE_TAG)
    validations = ckpt.read_log(validated_run, ckpt.VALIDATION)
    assert sorted(logged) == [v["step"] for v in validations] == [1, 2]
    assert scalars(validated_run / tracking.DIR)["val_loss"] == {v["step"]: pytest.approx(v["val_loss"])
                                                                  for v in validations}
    for record in validations:
        frames = logged[record["step"]]
        # H.264: a few levels off the frames it was made from
        with open_video(validated_run / record["sample"]) as video:
            written = list(video.frames())
        assert len(frames) == len(written) == WINDOW and frames[0].shape == (HEIGHT, 2 * WIDTH, 3)
        # GIF palette vs H.264 of the same frames: each GIF frame is nearest its own written frame (measured mean
        # difference 8.3-9.5 levels on the tiny model's noisy output, 13-29 to any other frame).
        distance = np.array([[np.abs(g.astype(int) - w).mean() for w in written] for g in frames])
        assert list(distance.argmin(axis=1)) == list(range(WINDOW)) and distance.diagonal().max() < 12
        # [generated | ground truth]: the truth's frames move, so the GIF is no still image
        assert np.abs(frames[-1][:, WIDTH:].astype(int) - frames[1][:, WIDTH:]).mean() > 1


def wandb_history(run: Path) -> dict[int, dict]:
    """step -> the values logged at that step, from an offline W&B run folder's record log (run-<id>.wandb)."""
    from wandb.proto import wandb_internal_pb2
    from wandb.sdk.internal import datastore

    store = datastore.DataStore()
    store.open_for_scan(str(next(run.glob("run-*.wandb"))))
    rows = {}
    while (data := store.scan_data()) is not None:
        record = wandb_internal_pb2.Record.FromString(data)
        if record.WhichOneof("record_type") == "history":
            row = {item.key or "/".join(item.nested_key): json.loads(item.value_json) for item in record.history.item}
            rows[row["_step"]] = row
    return rows


def test_wandb_gets_the_scalars_and_validation_videos(validated_run: Path) -> None:
    """`--log-with tensorboard,wandb` (offline in the tests): W&B's run under RUN_DIR/trackers/wandb logs each
    step's loss, lr and grad norm as log.jsonl has them, the validation loss, and each validation's sample video,
    byte for byte the .mp4 in RUN_DIR/samples."""
    runs = list((validated_run / tracking.DIR / "wandb").glob("offline-run-*"))
    assert len(runs) == 1
    rows = wandb_history(runs[0])
    log, validations = ckpt.read_log(validated_run), ckpt.read_log(validated_run, ckpt.VALIDATION)
    assert sorted(rows) == [r["step"] for r in log] == [v["step"] for v in validations] == [1, 2]
    for record, validation in zip(log, validations):
        row = rows[record["step"]]
        for key in ("loss", "lr", "grad_norm"):
            assert row[key] == pytest.approx(record[key], rel=1e-6), key
        assert row["val_loss"] == pytest.approx(validation["val_loss"], rel=1e-6)
        assert row[f"{tracking.SAMPLE_TAG}/_type"] == "video-file"
        logged = runs[0] / "files" / row[f"{tracking.SAMPLE_TAG}/path"]
        assert logged.read_bytes() == (validated_run / validation["sample"]).read_bytes()


def mlflow_runs(run_dir: Path) -> list[Path]:
    """The run folders of the MLflow file store RUN_DIR/trackers/mlruns (<experiment>/<run>/meta.yaml)."""
    return [meta.parent for meta in (run_dir / tracking.DIR / tracking.MLRUNS).glob("*/*/meta.yaml")]


def mlflow_metric(run: Path, name: str) -> dict[int, float]:
    """step -> value of metric `name` in an MLflow file-store run folder (metrics/<name>: 'timestamp value step'
    lines)."""
    rows = [line.split() for line in (run / "metrics" / name).read_text().splitlines()]
    return {int(step): float(value) for _, value, step in rows}


def test_mlflow_gets_the_scalars_and_validation_videos(validated_run: Path) -> None:
    """`--log-with ...,mlflow` with no MLFLOW_TRACKING_URI: one run named 'train' in the file store
    RUN_DIR/trackers/mlruns with each step's loss, lr and grad norm as log.jsonl has them, the validation loss,
    the run settings as parameters, and each validation's sample video as an artifact, byte for byte the .mp4 in
    RUN_DIR/samples."""
    runs = mlflow_runs(validated_run)
    assert len(runs) == 1 and (runs[0] / "tags" / "mlflow.runName").read_text() == tracking.RUN_NAME
    log, validations = ckpt.read_log(validated_run), ckpt.read_log(validated_run, ckpt.VALIDATION)
    for key in ("loss", "lr", "grad_norm"):
        assert mlflow_metric(runs[0], key) == {r["step"]: pytest.approx(r[key], rel=1e-6) for r in log}, key
    assert mlflow_metric(runs[0], "val_loss") == {v["step"]: pytest.approx(v["val_loss"], rel=1e-6)
                                                  for v in validations}
    assert (runs[0] / "params" / "stage").read_text() == "identity"
    samples = runs[0] / "artifacts" / tracking.SAMPLE_TAG
    assert sorted(p.name for p in samples.iterdir()) == sorted(Path(v["sample"]).name for v in validations)
    for validation in validations:
        sample = validated_run / validation["sample"]
        assert (samples / sample.name).read_bytes() == sample.read_bytes()


def test_two_trainings_of_one_process_log_to_their_own_mlflow_stores(identity_run: Path,
                                                                      validated_run: Path) -> None:
    """Two `--log-with ...,mlflow` trainings in one process (the Python API, a test session; before, the second
    logged into the first one's store, where the first had left MLFLOW_TRACKING_URI, and failed there): one run
    each in its own store, and the process's MLflow settings put back after each."""
    for run_dir, dropout in ((identity_run, "0.0"), (validated_run, "0.5")):
        runs = mlflow_runs(run_dir)
        assert len(runs) == 1 and (runs[0] / "params" / "face_dropout").read_text() == dropout, run_dir
    assert "MLFLOW_TRACKING_URI" not in os.environ and "MLFLOW_ALLOW_FILE_STORE" not in os.environ


def test_a_failed_training_ends_its_mlflow_run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, one_clip: Path,
                                               weights: Path) -> None:
    """A training that raises after its MLflow run started: the run ends as FAILED (left active, the next training
    of the process could not start its own)."""
    import mlflow
    from mlflow.entities import RunStatus

    def stopped(self: Trainer) -> int:
        raise RuntimeError("stopped")

    monkeypatch.setattr(Trainer, "run", stopped)
    opts = TrainOptions(data=one_clip, weights=weights, stage="identity", output=tmp_path / "run", warmup=0,
                        workers=0, log_with="mlflow")
    with pytest.raises(RuntimeError, match="stopped"):
        train(opts, lambda _: None)
    assert mlflow.active_run() is None
    runs = mlflow_runs(opts.output)
    assert len(runs) == 1
    assert yaml.safe_load((runs[0] / "meta.yaml").read_text())["status"] == RunStatus.FAILED
    assert "MLFLOW_TRACKING_URI" not in os.environ


@pytest.mark.parametrize("name", ["wandb", "mlflow"])
def test_tracker_missing_says_how_to_install(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.setattr(tracking, f"is_{name}_available", lambda: False)  # as without the [trackers] extra
    with pytest.raises(InputError, match=rf"--log-with {name} needs {name}: pip install 'facereel\[trackers\]'"):
        tracking.parse(f"tensorboard,{name}")
    assert tracking.parse("tensorboard") == ("tensorboard",)
