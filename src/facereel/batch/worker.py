"""Running jobs: one job (`run_job`), and the loop of a worker process (`worker_main`) that takes jobs from a
queue until it gets None.

The a1 engine is loaded once per process, not once per job (`facereel.animate.run_a1.loaded_engine` keeps the
last one loaded; a job with other a1 settings replaces it).
"""

from __future__ import annotations

import multiprocessing as mp
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from facereel.animate.options import AnimateOptions
from facereel.batch.jobs import BatchJob
from facereel.batch.report import JobResult
from facereel.errors import error_line, unwrapped_interrupts


def run_job(job: BatchJob, out_dir: Path, device: str) -> JobResult:
    """Animate `job` into `out_dir` (atomically: nothing at the output's name unless it succeeded) on `device`
    (a label for the report). The notes it says (`on_note`) go into the result. Any error becomes a failed result
    with a one-line message; KeyboardInterrupt propagates."""
    options = job.options
    if options.resume_dir is not None:  # each job keeps its own a1 windows
        options = replace(options, resume_dir=options.resume_dir / Path(job.output).stem)
    start = time.monotonic()
    notes: list[str] = []
    try:
        with unwrapped_interrupts():
            frames = _animate(job, options, out_dir / job.output, notes.append)
    except Exception as exc:  # noqa: BLE001 - one failed job is recorded and the batch goes on
        return JobResult(job.output, "failed", seconds=time.monotonic() - start, device=device, error=error_line(exc),
                         notes=tuple(notes))
    return JobResult(job.output, "done", frames, time.monotonic() - start, device, notes=tuple(notes))


def _animate(job: BatchJob, options: AnimateOptions, output: Path, on_note: Callable[[str], None]) -> int:
    """Write `job`'s still edit or animation to `output`, its notes to `on_note`; its frame count."""
    from facereel.animate import PortraitAnimator
    from facereel.animate.driver_texts import drivers_from_text

    if job.still_edit:
        from facereel.animate.edit import write_still_edit

        return write_still_edit(PortraitAnimator(options=options), job.source, job.driving, output, on_note)
    return PortraitAnimator(options=options).to_file(job.source, drivers_from_text(job.driving), output,
                                                     on_note=on_note)


def worker_main(number: int, device: str, out_dir: Path, jobs: mp.Queue, messages: mp.Queue) -> None:
    """Worker process `number`: for each `(index, job)` from `jobs` until None, send `("start", number, index)`
    then `("result", number, index, JobResult)` on `messages`. Ctrl-C ends it quietly (the atomic writer
    removes the output it was writing)."""
    try:
        while (item := jobs.get()) is not None:
            index, job = item
            messages.put(("start", number, index))
            messages.put(("result", number, index, run_job(job, out_dir, f"{device}#{number}")))
    except KeyboardInterrupt:
        messages.cancel_join_thread()
