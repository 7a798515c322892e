"""One job: what it animates, its state and progress; its record (job.json) and its view in the API."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from facereel.app.spec import RESULT_NAME, JobSpec

QUEUED, RUNNING, DONE, FAILED, CANCELLED = "queued", "running", "done", "failed", "cancelled"
FINISHED = (DONE, FAILED, CANCELLED)
INTERRUPTED = "interrupted: the server stopped while this job ran; start it again"


@dataclass(eq=False)  # a job is itself: compared by identity
class AppJob:
    """One animation request. `number` orders submissions (the queue, newest first in lists); `created`
    and `finished` are Unix times. `done` counts frames done; `total` is the count the run reports when it
    opens its output (`PortraitAnimator`'s `on_total`, either engine; None before that); `error` is a one-line
    message; `notes` are the engine's remarks. `stop` asks a running job to stop at its next frame;
    `cancelling` says the user asked (else the server is shutting down)."""

    id: str
    folder: Path
    spec: JobSpec
    number: int
    created: float
    status: str = QUEUED
    finished: float | None = None
    done: int = 0
    total: int | None = None
    frames: int | None = None
    error: str | None = None
    notes: list[str] = field(default_factory=list)
    cancelling: bool = False
    stop: threading.Event = field(default_factory=threading.Event, repr=False)

    @property
    def result(self) -> Path:
        return self.folder / RESULT_NAME

    def finish(self, status: str, error: str | None = None) -> None:
        """Enter a finished state (done, failed or cancelled) now."""
        self.status, self.error, self.finished = status, error, time.time()

    def to_record(self) -> dict[str, Any]:
        """What job.json holds (the folder name is the id)."""
        return {"number": self.number, "status": self.status, "created": self.created, "finished": self.finished,
                "done": self.done, "total": self.total, "frames": self.frames, "error": self.error,
                "notes": list(self.notes), "spec": self.spec.to_record()}

    @classmethod
    def from_record(cls, record: dict[str, Any], folder: Path) -> AppJob:
        """The job `to_record` saved in `folder` (KeyError / TypeError / ValueError / InputError when bad)."""
        status = record["status"]
        if status not in (QUEUED, RUNNING, *FINISHED):
            raise ValueError(f"unknown status {status!r}")
        return cls(id=folder.name, folder=folder, spec=JobSpec.from_record(record["spec"], folder),
                   number=int(record["number"]), created=float(record["created"]), status=status,
                   finished=record["finished"], done=int(record["done"]), total=record["total"],
                   frames=record["frames"], error=record["error"], notes=list(record["notes"]))

    def to_json(self, position: int | None) -> dict[str, Any]:
        """The API's view of the job (`position`: jobs ahead of it in the queue, while queued)."""
        return {
            "id": self.id, "title": self.spec.title, "status": self.status, "cancelling": self.cancelling,
            "created": self.created, "finished": self.finished, "done": self.done, "total": self.total,
            "frames": self.frames, "error": self.error, "notes": list(self.notes), "queue_position": position,
            "video": f"/api/jobs/{self.id}/video" if self.status == DONE else None,
        }
