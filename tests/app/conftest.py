"""Fixtures for the web app tests: real portraits on disk and a client whose worker stops afterwards."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from app_requests import AppClient, wait_job
from group_photo import side_by_side
from PIL import Image
from starlette.testclient import TestClient

from facereel.app.server import create_app
from facereel.motion.presets import preset_motion


PORTRAIT_SIDE = 256
"""px: the app tests' astronaut (half of scikit-image's 512: a job takes half the time, the face still ~110 px)."""


@pytest.fixture(scope="session")
def astronaut_png(tmp_path_factory: pytest.TempPathFactory, astronaut: np.ndarray) -> Path:
    """scikit-image's astronaut, PORTRAIT_SIDE px square, as astronaut.png."""
    path = tmp_path_factory.mktemp("portraits") / "astronaut.png"
    Image.fromarray(astronaut).resize((PORTRAIT_SIDE, PORTRAIT_SIDE), Image.Resampling.LANCZOS).save(path)
    return path


@pytest.fixture(scope="session")
def pair_png(tmp_path_factory: pytest.TempPathFactory, astronaut: np.ndarray, grace_hopper: np.ndarray) -> Path:
    """A real two-person picture: the astronaut (face 0, left) and Grace Hopper (face 1) side by side, 256 px high."""
    path = tmp_path_factory.mktemp("portraits") / "pair.png"
    Image.fromarray(side_by_side([astronaut, grace_hopper], 256)).save(path)
    return path


@pytest.fixture(scope="session")
def faceless_png(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real image file without a face: a smooth colour gradient."""
    path = tmp_path_factory.mktemp("portraits") / "gradient.png"
    ramp = np.linspace(0, 255, 256, dtype=np.uint8)
    Image.fromarray(np.dstack([np.tile(ramp, (256, 1)), np.tile(ramp[:, None], (1, 256)), np.full((256, 256), 90, np.uint8)])).save(path)
    return path


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with AppClient(create_app(tmp_path / "work", max_upload_bytes=2 * 2**20)) as test_client:
        yield test_client


@pytest.fixture
def wait_for(client: TestClient) -> Callable[[str], dict[str, Any]]:
    """wait_for(job_id): poll GET /api/jobs/{id} until the job has finished (60 s at most)."""
    return lambda job_id: wait_job(client, job_id)


@pytest.fixture(scope="session")
def long_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A motion template of 1500 frames (a minute of preset talk): a job that runs long enough to cancel."""
    path = tmp_path_factory.mktemp("templates") / "talk_60s.npz"
    preset_motion("talk", seconds=60).save(path)
    return path


@pytest.fixture(scope="session")
def short_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A motion template of 10 frames (preset blink): a job that finishes in a moment."""
    path = tmp_path_factory.mktemp("templates") / "blink_10.npz"
    preset_motion("blink", seconds=0.4).save(path)
    return path
