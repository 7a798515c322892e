"""Fixtures for the web app tests: real portraits on disk and a client whose worker stops afterwards."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image
from starlette.testclient import TestClient

from facereel.app.server import create_app

TERMINAL = ("done", "failed")


@pytest.fixture(scope="session")
def astronaut_png(tmp_path_factory: pytest.TempPathFactory, astronaut: np.ndarray) -> Path:
    path = tmp_path_factory.mktemp("portraits") / "astronaut.png"
    Image.fromarray(astronaut).save(path)
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
    with TestClient(create_app(tmp_path / "work", max_upload_bytes=2 * 2**20)) as test_client:
        yield test_client


@pytest.fixture
def wait_for(client: TestClient) -> Callable[[str], dict[str, Any]]:
    """wait_for(job_id): poll GET /api/jobs/{id} until the job is done or failed (60 s at most)."""

    def wait(job_id: str, timeout: float = 60.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            job = client.get(f"/api/jobs/{job_id}").json()
            if job["status"] in TERMINAL:
                return job
            time.sleep(0.1)
        raise AssertionError(f"job {job_id} did not finish in {timeout} s: {job}")

    return wait
