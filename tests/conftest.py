"""Shared fixtures: real public-domain faces that ship in installed packages, and ../shared/data when present."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from synthetic_video import moving_head_frames
from xdist.remote import Producer
from xdist_units import FolderUnits, make_scheduler

from facereel.face.face_track import FaceTrack
from facereel.train.wandb_first import import_wandb

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("GLOG_minloglevel", "2")
os.environ["WANDB_MODE"] = "offline"  # `train --log-with wandb` writes its run folder only, never the network
os.environ.setdefault("WANDB_SILENT", "true")

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


RAY_FIXTURE = "ray_cluster"
TRAIN_TESTS = Path(__file__).resolve().parent / "train"


def pytest_configure(config: pytest.Config) -> None:
    """A run that collects tests/train imports wandb now, before the collection imports the other folders' test
    modules (see facereel/train/wandb_first.py)."""
    paths = [(config.invocation_params.dir / arg.split("::")[0]).resolve() for arg in config.args]
    if any(TRAIN_TESTS.is_relative_to(path) or path.is_relative_to(TRAIN_TESTS) for path in paths):
        import_wandb()


@pytest.hookimpl(optionalhook=True)  # without xdist (`-p no:xdist`) the hook is unknown and left alone
def pytest_xdist_make_scheduler(config: pytest.Config, log: Producer) -> FolderUnits | None:
    """`-n N --dist loadfile`: whole folders as units where their fixtures are costly (xdist_units.py)."""
    return make_scheduler(config, log)


@pytest.hookimpl(tryfirst=True)  # before `-m` selects: the marker added here counts
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The tests that use `ray_cluster` are `heavy` (a local cluster's start and its actors: ~3 min of the
    README's suite; `.ci/run`'s second step runs them), and their files run last, one after another (each file's
    order kept), so that the one cluster starts once and is not left idle through the rest of the run (its
    processes cost CPU while idle)."""
    ray_files = set()
    for item in items:
        if RAY_FIXTURE in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.heavy)
            ray_files.add(item.path)
    items.sort(key=lambda item: item.path in ray_files)  # stable: the order within each group is kept


@pytest.fixture(scope="session")
def ray_cluster() -> Iterator[str]:
    """One local Ray cluster (2 CPUs, like this machine) for every test that uses Ray, started once: this process
    joins it as a driver, and a subprocess given `RAY_ADDRESS=<the yielded address>` in its environment joins it
    with `--ray` (no address), as `ray.init()` does. Actors killed by a test are restarted by Ray as in a cluster
    of its own; each CLI run's actors end with its driver."""
    import ray

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray.get_runtime_context().gcs_address
    ray.shutdown()


@pytest.fixture(scope="session")
def astronaut() -> np.ndarray:
    from skimage import data

    return data.astronaut()


@pytest.fixture(scope="session")
def grace_hopper() -> np.ndarray:
    import matplotlib.cbook
    from PIL import Image

    return np.asarray(Image.open(matplotlib.cbook.get_sample_data("grace_hopper.jpg")).convert("RGB"))


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is not present")
    return SHARED_DATA


@pytest.fixture(scope="session")
def shared_track(shared_data: Path) -> Callable[[str], FaceTrack]:
    """`shared_track(name) -> FaceTrack` of ../shared/data/driving/NAME.mp4 (`track_video`, the video's own rate),
    tracked once per session (a copy per call): several motion tests read the same drivers (lp_d18, sr_1)."""
    from facereel.face.tracking import track_video

    @functools.cache
    def tracked(name: str) -> FaceTrack:
        return track_video(shared_data / "driving" / f"{name}.mp4")

    def track(name: str) -> FaceTrack:
        once = tracked(name)
        return replace(once, landmarks=once.landmarks.copy(), valid=once.valid.copy(),
                       confidence=once.confidence.copy())

    return track


@pytest.fixture(scope="session")
def astronaut_video(tmp_path_factory: pytest.TempPathFactory, astronaut: np.ndarray) -> Path:
    """An always-available 25 fps driving video (12 frames) made from the astronaut photo."""
    from facereel.media.writer import VideoWriter

    path = tmp_path_factory.mktemp("video") / "astronaut_moving.mp4"
    with VideoWriter(path, fps=25, repeatable=True) as writer:
        for frame in moving_head_frames(astronaut, 12):
            writer.write(frame)
    return path
