"""Experiment trackers through accelerate (`--log-with`, TensorBoard by default; Weights & Biases and MLflow with
`pip install 'facereel[trackers]'`): what each optimizer step and validation reports besides log.jsonl /
validation.jsonl. Events go to RUN_DIR/trackers/<tracker files> (W&B: RUN_DIR/trackers/wandb/, then synced as
its WANDB_MODE says; MLflow: the file store RUN_DIR/trackers/mlruns/ unless MLFLOW_TRACKING_URI names a server)."""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np
import torch
from accelerate.tracking import GeneralTracker
from accelerate.utils import LoggerType, is_mlflow_available, is_tensorboard_available, is_wandb_available
from PIL import Image

from facereel.errors import InputError

DIR = "trackers"  # inside the run folder
MLRUNS = "mlruns"  # MLflow's file store inside DIR when MLFLOW_TRACKING_URI is not set
RUN_NAME = "train"
SAMPLE_TAG = "validation/sample"  # the sample video of each validation
CHOICES = tuple(t.value for t in LoggerType if t.value != "all")


def parse(text: str) -> tuple[str, ...]:
    """`--log-with` value (comma-separated tracker names, or `none`) -> names; InputError when unknown or when
    TensorBoard's writer (tensorboardX) is not installed."""
    names = tuple(n.strip() for n in text.split(",") if n.strip())
    if names in ((), ("none",)):
        return ()
    unknown = [n for n in names if n not in CHOICES]
    if unknown:
        raise InputError(f"--log-with: unknown tracker {', '.join(unknown)} (choose from none, {', '.join(CHOICES)})")
    if "tensorboard" in names and not is_tensorboard_available():
        raise InputError("--log-with tensorboard needs tensorboardX: pip install tensorboardX==2.6.5 "
                         "(or --log-with none)")
    for name, available in (("wandb", is_wandb_available), ("mlflow", is_mlflow_available)):
        if name in names and not available():
            raise InputError(f"--log-with {name} needs {name}: pip install 'facereel[trackers]' (or --log-with none)")
    return names


def init_kwargs(run_dir: Path, names: Iterable[str]) -> dict[str, dict]:
    """Per-tracker arguments of `Accelerator.init_trackers` for trackers `names`: W&B keeps its files in the run
    folder; MLflow names its run RUN_NAME (where it logs: `mlflow_store`)."""
    kwargs: dict[str, dict] = {}
    if "wandb" in names:
        (run_dir / DIR).mkdir(parents=True, exist_ok=True)
        kwargs["wandb"] = {"dir": str(run_dir / DIR)}
    if "mlflow" in names:
        kwargs["mlflow"] = {"run_name": RUN_NAME}
    return kwargs


@contextlib.contextmanager
def mlflow_store(run_dir: Path, names: Iterable[str]) -> Iterator[None]:
    """While the block runs (one training), MLflow logs to the file store RUN_DIR/trackers/mlruns when `names` has
    mlflow and MLFLOW_TRACKING_URI does not say where (a server, a database). MLflow 3 keeps that store in
    maintenance mode and refuses it unless MLFLOW_ALLOW_FILE_STORE is set, and its database store needs the full
    `mlflow` package (SQLAlchemy), so both are set, process-wide, and put back afterwards: `mlflow.set_tracking_uri`
    exports MLFLOW_TRACKING_URI, and left set it sent the next training of this process (the Python API, a test
    session) to this run's store. A run the block leaves active (the training raised) ends as FAILED, so that the
    next one can start."""
    if "mlflow" not in names:
        yield
        return
    import mlflow

    own_store = "MLFLOW_TRACKING_URI" not in os.environ
    outer_run = mlflow.active_run()  # the caller's (accelerate's start then refuses to start one beside it)
    allow = os.environ.get("MLFLOW_ALLOW_FILE_STORE")
    if own_store:
        os.environ.setdefault("MLFLOW_ALLOW_FILE_STORE", "true")
        mlflow.set_tracking_uri((run_dir / DIR / MLRUNS).resolve().as_uri())
    try:
        yield
    finally:
        if outer_run is None and mlflow.active_run() is not None:
            mlflow.end_run("FAILED")
        if own_store:
            mlflow.set_tracking_uri(None)  # type: ignore[arg-type]  # None: no URI set, MLFLOW_TRACKING_URI unset
            if allow is None:
                os.environ.pop("MLFLOW_ALLOW_FILE_STORE", None)


def hyperparameters(settings: dict) -> dict[str, str | int | float | bool]:
    """run.json settings as tracker hyperparameters (scalars; lists joined, None as 'default')."""
    def scalar(value: object) -> str | int | float | bool:
        if isinstance(value, (list, tuple)):
            return ",".join(map(str, value))
        return "default" if value is None else value
    return {k: scalar(v) for k, v in settings.items()}


def step_metrics(record: dict, device: torch.device) -> dict[str, float]:
    """A step's log record -> the scalars tracked: loss, lr, grad_norm, clips_per_s, and on CUDA this process's
    peak allocated memory in GiB."""
    metrics = {"loss": record["loss"], "lr": record["lr"], "grad_norm": record["grad_norm"],
               "clips_per_s": len(record["clips"]) / record["seconds"]}
    if device.type == "cuda":
        metrics["gpu_peak_gib"] = torch.cuda.max_memory_allocated(device) / 2**30
    return metrics


def gif(frames: np.ndarray, fps: float) -> bytes:
    """(T, H, W, 3) uint8 frames -> an animated GIF (looping; 256 colours per frame), what TensorBoard plays in its
    images tab (tensorboardX's add_video makes the same, through moviepy)."""
    images = [Image.fromarray(frame) for frame in frames]
    buffer = io.BytesIO()
    images[0].save(buffer, format="GIF", save_all=True, append_images=images[1:], duration=round(1000 / fps), loop=0)
    return buffer.getvalue()


def log_video(trackers: Iterable[GeneralTracker], frames: np.ndarray, fps: float, step: int, path: Path) -> None:
    """The validation sample video under SAMPLE_TAG at `step`: to TensorBoard its frames (T, H, W, 3) uint8 as an
    animated GIF, to W&B the H.264 file `path` (RUN_DIR/samples/...) itself, to MLflow that file as an artifact
    under SAMPLE_TAG (its name carries the step); other trackers get none."""
    for tracker in trackers:
        if tracker.name == "mlflow":
            tracker.log_artifact(str(path), artifact_path=SAMPLE_TAG)
        elif tracker.name == "wandb":
            import wandb

            tracker.log({SAMPLE_TAG: wandb.Video(str(path), format="mp4")}, step=step)
        elif tracker.name == "tensorboard":
            from tensorboardX.proto.summary_pb2 import Summary

            image = Summary.Image(height=frames.shape[1], width=frames.shape[2], colorspace=3,
                                  encoded_image_string=gif(frames, fps))
            writer = tracker.writer._get_file_writer()  # noqa: SLF001 (what its own add_image writes through)
            writer.add_summary(Summary(value=[Summary.Value(tag=SAMPLE_TAG, image=image)]), step)
            tracker.writer.flush()
