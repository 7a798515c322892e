"""What happened to each job: `OUT_DIR/batch-report.jsonl` (one JSON line per finished job, appended, so the
lines of a resumed run follow those of the interrupted one) and the run's one-line summary."""

from __future__ import annotations

import json
import os
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal

REPORT_NAME = "batch-report.jsonl"

Status = Literal["done", "skipped", "failed"]


@dataclass(frozen=True)
class JobResult:
    """`output`: the job's output name. `error`: one line, for failed jobs. `device`: where it ran. `notes`: the
    one-line notes the job said (`facereel animate`'s wording: a driver without a face, faces holding their last
    pose, the engine chosen), in order."""

    output: str
    status: Status
    frames: int = 0
    seconds: float = 0.0
    device: str = ""
    error: str | None = None
    notes: tuple[str, ...] = ()


def append_report(out_dir: Path, result: JobResult, origin: str) -> None:
    """One line for `result` (and the job's `origin`) at the end of the report, in a single write (appends from
    several processes or machines on a local file system do not interleave)."""
    line = json.dumps({**asdict(result), "origin": origin, "time": time.strftime("%Y-%m-%dT%H:%M:%S")}) + "\n"
    fd = os.open(out_dir / REPORT_NAME, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o666)
    try:
        os.write(fd, line.encode())
    finally:
        os.close(fd)


@dataclass
class Summary:
    """Counts and frames of a run, for its last line."""

    total: int
    started: float = field(default_factory=time.monotonic)
    counts: dict[str, int] = field(default_factory=lambda: {"done": 0, "skipped": 0, "failed": 0})
    frames: int = 0

    def add(self, result: JobResult) -> None:
        self.counts[result.status] += 1
        self.frames += result.frames

    @property
    def finished(self) -> int:
        return sum(self.counts.values())

    def line(self) -> str:
        """`batch: 3 done, 1 skipped, 1 failed of 5 in 12.3 s (40.1 frames/s)`."""
        seconds = time.monotonic() - self.started
        done, skipped, failed = (self.counts[k] for k in ("done", "skipped", "failed"))
        return (f"batch: {done} done, {skipped} skipped, {failed} failed of {self.total} in {seconds:.1f} s "
                f"({self.frames / max(seconds, 1e-9):.1f} frames/s)")
