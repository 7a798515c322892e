"""Spreading jobs over this machine's devices: one spawned worker process per device (`cuda:N`, or `cpu`),
each seeing only its own GPU (CUDA_VISIBLE_DEVICES) and taking the next job from a shared queue as soon as
it is free; or, without devices, one job after another in this process. Results name where a job ran:
`DEVICE#WORKER` (`cuda:1#1`, `cpu#0`) or `in-process`.

Ctrl-C (KeyboardInterrupt) stops the workers; the outputs they were writing are removed, finished ones
stay, and the interrupt is re-raised. A worker that dies fails the job it was running; the others go on.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import queue
import re
import signal
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.process import BaseProcess
from pathlib import Path

from facereel.batch.jobs import BatchJob
from facereel.batch.report import JobResult
from facereel.batch.worker import run_job, worker_main
from facereel.errors import InputError
from facereel.media.atomic import TEMP_PREFIX

IN_PROCESS = "in-process"  # the device label of jobs run without --devices
POLL_S = 1.0  # how often a dead worker is noticed
GRACE_S = 10.0  # how long interrupted workers get to clean up before they are killed

OnResult = Callable[[BatchJob, JobResult], None]


def parse_devices(text: str) -> list[str]:
    """`cuda:0,cuda:1` or `cpu,cpu` (or a mix) -> one entry per worker process."""
    devices = [item.strip() for item in text.split(",") if item.strip()]
    bad = [d for d in devices if d != "cpu" and not re.fullmatch(r"cuda:\d+", d)]
    if bad or not devices:
        raise InputError(f"--devices takes a comma-separated list of cuda:N and cpu (got {text!r})")
    return devices


def run_jobs(jobs: Sequence[BatchJob], out_dir: Path, devices: Sequence[str] | None, on_result: OnResult) -> None:
    """Run `jobs` into `out_dir`; `on_result(job, result)` is called here, in this process, as each finishes.
    `devices` None: in this process, one job after another."""
    if devices is None:
        for job in jobs:
            on_result(job, run_job(job, out_dir, IN_PROCESS))
        return
    _Pool(jobs, out_dir, devices, on_result).run()


class _Pool:
    """Worker processes fed from one queue; messages back: ("start", worker, job) and ("result", worker, job,
    JobResult)."""

    def __init__(self, jobs: Sequence[BatchJob], out_dir: Path, devices: Sequence[str], on_result: OnResult) -> None:
        self.jobs, self.out_dir, self.devices, self.on_result = jobs, out_dir, devices, on_result
        context = mp.get_context("spawn")  # no fork: CUDA and mediapipe threads do not survive it
        self.queue, self.messages = context.Queue(), context.Queue()
        for item in enumerate(jobs):
            self.queue.put(item)
        for _ in devices:
            self.queue.put(None)
        self.pending = set(range(len(jobs)))
        self.running: dict[int, int] = {}  # worker -> job index
        self.workers: list[BaseProcess] = []
        for number, device in enumerate(devices):
            with _environment(CUDA_VISIBLE_DEVICES="" if device == "cpu" else device.split(":")[1]):
                worker = context.Process(target=worker_main, args=(number, device, out_dir, self.queue, self.messages),
                                         name=f"facereel-batch-{number}-{device}", daemon=True)
                worker.start()
            self.workers.append(worker)

    def run(self) -> None:
        try:
            while self.pending:
                try:
                    message = self.messages.get(timeout=POLL_S)
                except queue.Empty:
                    self._fail_dead()
                    continue
                kind, number, index = message[:3]
                if kind == "start":
                    self.running[number] = index
                else:
                    self.running.pop(number, None)
                    self._finish(index, message[3])
            for worker in self.workers:
                worker.join()
        except KeyboardInterrupt:
            self._stop()
            raise

    def _finish(self, index: int, result: JobResult) -> None:
        self.pending.discard(index)
        self.on_result(self.jobs[index], result)

    def _fail_dead(self) -> None:
        """Fail the job of each worker that died; with no worker left, fail the jobs nobody started."""
        for number, worker in enumerate(self.workers):
            if not worker.is_alive() and number in self.running:
                index = self.running.pop(number)
                output = self.jobs[index].output
                remove_partial(self.out_dir / output)
                self._finish(index, JobResult(output, "failed", device=f"{self.devices[number]}#{number}",
                                              error=f"worker process died (exit code {worker.exitcode})"))
        if not any(worker.is_alive() for worker in self.workers):
            for index in sorted(self.pending):
                self._finish(index, JobResult(self.jobs[index].output, "failed",
                                              error="not run: every worker process died"))

    def _stop(self) -> None:
        """Interrupt the workers (Ctrl-C in a terminal reached them already), kill those that hang on, and
        remove the outputs they were writing."""
        self.queue.cancel_join_thread()
        for worker in self.workers:
            worker.join(timeout=1.0)
            if worker.is_alive() and worker.pid is not None:
                os.kill(worker.pid, signal.SIGINT)
        for worker in self.workers:
            worker.join(timeout=GRACE_S)
            if worker.is_alive():
                worker.kill()
                worker.join()
        for index in self.running.values():
            remove_partial(self.out_dir / self.jobs[index].output)


def remove_partial(output: Path) -> None:
    """Remove the temporary files that `facereel.media.atomic.atomic_path` makes for `output`
    (`<TEMP_PREFIX><stem>.<8 random characters><suffix>` beside it) and that a killed process left behind."""
    pattern = re.compile(rf"{re.escape(TEMP_PREFIX)}{re.escape(output.stem)}\.[a-z0-9_]{{8}}{re.escape(output.suffix)}")
    for path in output.parent.glob(f"{TEMP_PREFIX}{output.stem}.*"):
        if pattern.fullmatch(path.name):
            path.unlink(missing_ok=True)


@contextlib.contextmanager
def _environment(**values: str) -> Iterator[None]:
    """Environment variables set for the block (inherited by processes started in it)."""
    old = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in old.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
