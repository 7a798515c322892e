"""The job queue: jobs by id, persisted in the workdir, run one at a time in submission order on a
background worker thread (the engines use every core); cancel, delete and age-based removal."""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path
from typing import Any

from facereel.app.job import CANCELLED, DONE, FAILED, FINISHED, INTERRUPTED, QUEUED, RUNNING, AppJob
from facereel.app.spec import JobSpec, run_spec
from facereel.app.store import JobStore
from facereel.errors import Cancelled, InputError

log = logging.getLogger("facereel.app")


class UnknownJob(LookupError):
    """No job has this id (answered with 404)."""


class JobConflict(Exception):
    """The job's state does not allow the request, e.g. deleting a running job (answered with 409)."""


class JobQueue:
    """Jobs of `workdir`/jobs. On start, earlier jobs are listed again: finished ones as they were, queued
    ones queued again in their order, one that was running marked failed (interrupted)."""

    def __init__(self, workdir: Path) -> None:
        self.store = JobStore(Path(workdir) / "jobs")
        self._jobs: dict[str, AppJob] = {}
        self._waiting: list[AppJob] = []
        self._running: AppJob | None = None
        self._closing = False
        self._lock = threading.Condition()
        self._restore()
        self._next_number = max((job.number for job in self._jobs.values()), default=0) + 1
        self._worker = threading.Thread(target=self._work, name="facereel-app-worker", daemon=True)
        self._worker.start()

    def _restore(self) -> None:
        for job in self.store.load():
            if job.status == RUNNING:
                self.store.discard_partial(job.folder)
                job.finish(FAILED, INTERRUPTED)
                self.store.save(job)
            elif job.status == QUEUED:
                self._waiting.append(job)
            self._jobs[job.id] = job

    def new_folder(self) -> tuple[str, Path]:
        """A fresh job id and its (created) folder, for the uploads."""
        return self.store.new_folder()

    def submit(self, job_id: str, folder: Path, spec: JobSpec) -> AppJob:
        """Queue a job; it runs after those submitted before it."""
        with self._lock:
            job = self._add(job_id, folder, spec)
            self.store.save(job)
            self._waiting.append(job)
            self._lock.notify_all()
        return job

    def reject(self, job_id: str, folder: Path, spec: JobSpec, message: str) -> AppJob:
        """Record a job that failed before it was queued (e.g. a portrait without a face)."""
        with self._lock:
            job = self._add(job_id, folder, spec)
            job.finish(FAILED, message)
            self.store.save(job)
        return job

    def _add(self, job_id: str, folder: Path, spec: JobSpec) -> AppJob:
        job = AppJob(id=job_id, folder=folder, spec=spec, number=self._next_number, created=time.time())
        self._next_number += 1
        self._jobs[job_id] = job
        return job

    def get(self, job_id: str) -> AppJob:
        """The job with this id; UnknownJob when there is none."""
        job = self._jobs.get(job_id)
        if job is None:
            raise UnknownJob(f"no job {job_id}")
        return job

    def view(self, job: AppJob) -> dict[str, Any]:
        """`job.to_json` with its current place in the queue."""
        with self._lock:
            return job.to_json(self._waiting.index(job) if job in self._waiting else None)

    def views(self) -> list[dict[str, Any]]:
        """Every job's view, newest first."""
        with self._lock:
            places = {job.id: place for place, job in enumerate(self._waiting)}
            jobs = sorted(self._jobs.values(), key=lambda job: job.number, reverse=True)
            return [job.to_json(places.get(job.id)) for job in jobs]

    def cancel(self, job_id: str) -> AppJob:
        """A queued job is cancelled at once; a running one stops at its next frame (its result is never
        written). JobConflict for a finished job."""
        with self._lock:
            job = self.get(job_id)
            if job.status == QUEUED:
                self._waiting.remove(job)
                job.finish(CANCELLED)
                self.store.save(job)
            elif job.status == RUNNING:
                job.cancelling = True
                job.stop.set()
            else:
                raise JobConflict(f"job {job_id} is already {job.status}: nothing to cancel")
        return job

    def delete(self, job_id: str) -> None:
        """Forget a finished job and delete its folder. JobConflict for a queued or running one."""
        with self._lock:
            job = self.get(job_id)
            if job.status not in FINISHED:
                raise JobConflict(f"job {job_id} is {job.status}: cancel it first")
            del self._jobs[job_id]
        self.store.remove(job.folder)

    def remove_older_than(self, seconds: float) -> list[str]:
        """Delete finished jobs that finished more than `seconds` ago, and job folders without a readable
        job.json last changed that long ago. Returns the removed folders' names."""
        cutoff = time.time() - seconds
        with self._lock:
            orphans = self.store.unlisted(self._jobs, cutoff)
            expired = [job for job in self._jobs.values() if job.status in FINISHED and (job.finished or 0) < cutoff]
            for job in expired:
                del self._jobs[job.id]
        folders = orphans + [job.folder for job in expired]
        for folder in folders:
            self.store.remove(folder)
        return [folder.name for folder in folders]

    def close(self, timeout: float = 10.0) -> None:
        """Stop the worker: the running job stops at its next frame and stays `running` in job.json (the
        next start marks it interrupted); queued jobs stay queued for the next start."""
        with self._lock:
            self._closing = True
            if self._running is not None:
                self._running.stop.set()
            self._lock.notify_all()
        self._worker.join(timeout)

    def _work(self) -> None:
        while True:
            with self._lock:
                while not self._waiting and not self._closing:
                    self._lock.wait()
                if self._closing:
                    return
                job = self._running = self._waiting.pop(0)
                job.status = RUNNING
                self.store.save(job)
            self._run(job)

    def _run(self, job: AppJob) -> None:
        def progress(n: int) -> None:
            job.done += n

        def total(n: int) -> None:
            job.total = n

        status, error = DONE, None
        try:
            job.frames = run_spec(job.spec, job.result, progress, job.notes.append, job.stop.is_set, total)
        except Cancelled:
            status = CANCELLED
        except InputError as exc:
            status, error = FAILED, job.spec.public(str(exc))
        except Exception as exc:
            log.exception("job %s failed", job.id)
            status, error = FAILED, f"internal error ({type(exc).__name__}); see the server log"
        with self._lock:
            self._running = None
            if status == CANCELLED and not job.cancelling:
                return  # stopped by close(): left `running` on disk
            job.finish(status, error)
            self.store.save(job)
