"""The jobs folder on disk: `<workdir>/jobs/<id>/` holds a job's uploads, its result and its state in
job.json (replaced atomically, so a crash leaves the old state or the new one, never half a file)."""

from __future__ import annotations

import json
import logging
import shutil
import uuid
from collections.abc import Container
from pathlib import Path

from facereel.app.job import AppJob
from facereel.errors import InputError
from facereel.media.atomic import atomic_path

log = logging.getLogger("facereel.app")

RECORD_NAME = "job.json"


class JobStore:
    """One folder per job under `folder`; the id is the folder's name."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)

    def new_folder(self) -> tuple[str, Path]:
        """A fresh job id and its (created) folder."""
        job_id = uuid.uuid4().hex[:12]
        folder = self.folder / job_id
        folder.mkdir()
        return job_id, folder

    def folders(self) -> list[Path]:
        """Every job folder, with or without a job.json."""
        return [path for path in self.folder.iterdir() if path.is_dir()]

    def unlisted(self, known: Container[str], cutoff: float) -> list[Path]:
        """Folders whose name is not in `known` (no readable job.json) last changed before `cutoff` (Unix time)."""
        found = []
        for folder in self.folders():
            try:
                if folder.name not in known and folder.stat().st_mtime < cutoff:
                    found.append(folder)
            except FileNotFoundError:  # removed meanwhile
                continue
        return found

    def save(self, job: AppJob) -> None:
        """Write the job's record to its job.json atomically."""
        with atomic_path(job.folder / RECORD_NAME) as tmp:
            tmp.write_text(json.dumps(job.to_record(), indent=1))

    def load(self) -> list[AppJob]:
        """The jobs with a readable job.json, in submission order. Folders without one (an upload cut
        short, a damaged file) are logged and left alone (`--keep-days` removes them once old)."""
        jobs = []
        for folder in self.folders():
            try:
                jobs.append(AppJob.from_record(json.loads((folder / RECORD_NAME).read_text()), folder))
            except (OSError, ValueError, KeyError, TypeError, AttributeError, InputError) as exc:
                log.warning("skipping %s: no readable %s (%s)", folder, RECORD_NAME, exc)
        return sorted(jobs, key=lambda job: job.number)

    @staticmethod
    def remove(folder: Path) -> None:
        """Delete a job's folder and everything in it."""
        shutil.rmtree(folder, ignore_errors=True)

    @staticmethod
    def discard_partial(folder: Path) -> None:
        """Remove the hidden temporaries (`.result.*.mp4`, a1 scratch folders) that a process killed while
        writing leaves beside the result: atomic writes name them with a leading dot."""
        for path in folder.glob(".*"):
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
