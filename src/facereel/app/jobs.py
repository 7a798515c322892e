"""Jobs and the queue that runs them one at a time on a background worker thread."""

from __future__ import annotations

import logging
import queue
import threading
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from facereel.app.spec import RESULT_NAME, JobSpec, expected_frames, run_spec
from facereel.errors import InputError

log = logging.getLogger("facereel.app")

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"


@dataclass
class Job:
    """One animation request and its progress. `done` counts frames written; `total` is the expected
    count (None when unknown); `error` is a one-line message; `notes` are the engine's remarks."""

    id: str
    folder: Path
    spec: JobSpec
    status: str = QUEUED
    done: int = 0
    total: int | None = None
    frames: int | None = None
    error: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def result(self) -> Path:
        return self.folder / RESULT_NAME

    def to_json(self, position: int | None) -> dict[str, Any]:
        """The API's view of the job (`position`: jobs ahead of it in the queue, while queued)."""
        return {
            "id": self.id, "status": self.status, "done": self.done, "total": self.total, "frames": self.frames,
            "error": self.error, "notes": list(self.notes), "queue_position": position,
            "video": f"/api/jobs/{self.id}/video" if self.status == DONE else None,
        }


class JobQueue:
    """Jobs by id, run in submission order by one daemon worker thread (the engines use every core)."""

    def __init__(self, workdir: Path) -> None:
        self.folder = Path(workdir) / "jobs"
        self.folder.mkdir(parents=True, exist_ok=True)
        self._jobs: dict[str, Job] = {}
        self._waiting: list[str] = []
        self._lock = threading.Lock()
        self._pending: queue.Queue[str | None] = queue.Queue()
        self._worker = threading.Thread(target=self._work, name="facereel-app-worker", daemon=True)
        self._worker.start()

    def new_folder(self) -> tuple[str, Path]:
        """A fresh job id and its (created) folder under the workdir."""
        job_id = uuid.uuid4().hex[:12]
        folder = self.folder / job_id
        folder.mkdir()
        return job_id, folder

    def submit(self, job_id: str, folder: Path, spec: JobSpec) -> Job:
        """Queue a job; it runs after those submitted before it."""
        job = Job(id=job_id, folder=folder, spec=spec)
        with self._lock:
            self._jobs[job_id] = job
            self._waiting.append(job_id)
        self._pending.put(job_id)
        return job

    def reject(self, job_id: str, folder: Path, spec: JobSpec, message: str) -> Job:
        """Record a job that failed before it was queued (e.g. a portrait without a face)."""
        job = Job(id=job_id, folder=folder, spec=spec, status=FAILED, error=message)
        with self._lock:
            self._jobs[job_id] = job
        return job

    def get(self, job_id: str) -> Job | None:
        return self._jobs.get(job_id)

    def view(self, job: Job) -> dict[str, Any]:
        """`job.to_json` with its current place in the queue."""
        with self._lock:
            position = self._waiting.index(job.id) if job.id in self._waiting else None
        return job.to_json(position)

    def close(self, timeout: float = 5.0) -> None:
        """Stop the worker after the running job (queued jobs are dropped)."""
        self._pending.put(None)
        self._worker.join(timeout)

    def _work(self) -> None:
        while (job_id := self._pending.get()) is not None:
            with self._lock:
                self._waiting.remove(job_id)
            self._run(self._jobs[job_id])

    def _run(self, job: Job) -> None:
        job.status = RUNNING

        def progress(n: int) -> None:
            job.done += n

        try:
            job.total = expected_frames(job.spec)
            job.frames = run_spec(job.spec, job.result, progress, job.notes.append)
            job.status = DONE
        except InputError as exc:
            job.error, job.status = job.spec.public(str(exc)), FAILED
        except Exception as exc:
            log.exception("job %s failed", job.id)
            job.error, job.status = f"internal error ({type(exc).__name__}); see the server log", FAILED
