"""Requests the app tests share: submit a job through the form, wait for a job to reach a state."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from starlette.testclient import TestClient

FINISHED = ("done", "failed", "cancelled")


class AppClient(TestClient):
    """A client as the app's own page is one: on http://127.0.0.1, sending the CSRF token from /api/session
    (read once the client is entered) with every request."""

    def __init__(self, app: Any, **kwargs: Any) -> None:
        super().__init__(app, base_url="http://127.0.0.1", **kwargs)

    def __enter__(self) -> AppClient:
        super().__enter__()
        self.headers["X-CSRF-Token"] = self.get("/api/session").json()["csrf"]
        return self
Job = dict[str, Any]


def submit(client: TestClient, portrait: Path, driving: Path | None = None, **fields: str) -> Job:
    """POST /api/jobs with `portrait` and either a motion template `driving` or preset talk; 201 expected."""
    files = {"portrait": (portrait.name, portrait.read_bytes(), "application/octet-stream")}
    data = {"driving_kind": "preset", "preset": "talk", **fields}
    if driving is not None:
        files["driving"] = (driving.name, driving.read_bytes(), "application/octet-stream")
        data["driving_kind"] = "template"
    response = client.post("/api/jobs", data=data, files=files)
    assert response.status_code == 201, response.text
    return response.json()


def wait_job(client: TestClient, job_id: str, ready: Callable[[Job], bool] = lambda job: job["status"] in FINISHED,
             timeout: float = 60.0) -> Job:
    """Poll GET /api/jobs/{id} until `ready(job)` (default: the job has finished)."""
    deadline = time.monotonic() + timeout
    while True:
        job = client.get(f"/api/jobs/{job_id}").json()
        if ready(job):
            return job
        assert time.monotonic() < deadline, f"job {job_id} not ready in {timeout} s: {job}"
        time.sleep(0.05)


def rendering(job: Job) -> bool:
    """The job is running and has written frames (it is inside the engine's frame loop)."""
    return job["status"] == "running" and job["done"] > 0
