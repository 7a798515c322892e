"""Running the job list on a Ray cluster (`facereel batch --ray [ADDRESS]`; `ray.init()` on this machine when no
address is given).

One actor per GPU runs the a1 jobs (`num_gpus=1`, Ray sets its CUDA_VISIBLE_DEVICES) and one actor per CPU the
mesh jobs; an actor keeps its engine loaded from job to job (worker.run_job). Each actor holds at most one job at a
time and the others wait here (back-pressure: the list is not pushed into the cluster at once). A job whose actor
died (its machine lost, the process killed) runs again on the restarted actor, up to RETRIES times, after the
partial temporary file of the dead attempt is removed; outputs are atomic, so nothing partial is ever at an
output's name. Results come back to this process as they finish, into the same report and resume as the local
pool (`pool.run_jobs`).

The scheduling is generic (`run_units_ray`: any list of work units and a function run on each in an actor);
`prepare-data --ray` and `eval --ray` run one unit per video through it (train.prepare_units, eval.units).
"""

from __future__ import annotations

import functools
import os
import socket
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from facereel.batch.jobs import BatchJob
from facereel.batch.pool import OnResult, remove_partial
from facereel.batch.report import JobResult
from facereel.batch.worker import run_job
from facereel.errors import error_line
from facereel.ray_cluster import cluster_size, join_cluster

RETRIES = 2  # runs of a unit whose actor died, after the first

Unit = TypeVar("Unit")
Result = TypeVar("Result")
Work = Callable[[Unit, str], Result]
"""(unit, the actor's label `ray:<host>:<pid>`) -> result: a module-level function (or a functools.partial of
one), run inside an actor; it should turn its unit's errors into a result, not raise."""


class UnitActor:
    """A Ray actor's state: its label for reports (`ray:<host>:<pid>`). The same actor runs unit after unit, so
    whatever `work` keeps loaded in the process (the a1 engine) stays loaded."""

    def __init__(self) -> None:
        self.label = f"ray:{socket.gethostname()}:{os.getpid()}"

    def run(self, work: Work, unit: Unit) -> Result:
        return work(unit, self.label)


def run_jobs_ray(jobs: Sequence[BatchJob], out_dir: Path, address: str | None, on_result: OnResult) -> None:
    """Run `jobs` into `out_dir` on the Ray cluster at `address` (None: start or join a local one); `on_result`
    is called here as each finishes."""

    def lost(job: BatchJob, error: str) -> JobResult:
        remove_partial(out_dir / job.output)
        return JobResult(job.output, "failed", device="ray", error=error)

    run_units_ray(jobs, functools.partial(_run_job, out_dir=out_dir), address, on_result, lost,
                  needs_gpu=lambda job: job.options.engine == "a1")


def _run_job(job: BatchJob, label: str, out_dir: Path) -> JobResult:
    remove_partial(out_dir / job.output)  # left by an attempt whose actor died
    return run_job(job, out_dir, label)


def run_units_ray(units: Sequence[Unit], work: Work, address: str | None, on_result: Callable[[Unit, Result], None],
                  lost: Callable[[Unit, str], Result], needs_gpu: Callable[[Unit], bool] = lambda unit: False) -> None:
    """Run `work` on each of `units` on the Ray cluster at `address` (None: start or join a local one): units
    that `needs_gpu` on GPU actors when the cluster has GPUs, the others on CPU actors. `on_result(unit,
    result)` is called here as each finishes; a unit whose actor died more than RETRIES times gets
    `lost(unit, one-line error)` as its result."""
    ray = join_cluster(address)
    gpus, cpus = cluster_size(ray)
    remote = ray.remote(max_restarts=-1, max_task_retries=RETRIES)(UnitActor)
    queues: dict[str, list[Unit]] = {"gpu": [], "cpu": []}
    for unit in units:
        queues["gpu" if gpus and needs_gpu(unit) else "cpu"].append(unit)
    actors = {"gpu": [remote.options(num_gpus=1, num_cpus=0).remote() for _ in range(min(gpus, len(queues["gpu"])))],
              "cpu": [remote.options(num_cpus=1).remote() for _ in range(min(cpus, len(queues["cpu"])))]}
    free = {kind: list(found) for kind, found in actors.items()}
    running: dict[object, tuple[Unit, str, object]] = {}  # task -> (unit, kind, actor)
    try:
        while any(queues.values()) or running:
            for kind, waiting in queues.items():
                while waiting and free[kind]:
                    unit, actor = waiting.pop(0), free[kind].pop()
                    running[actor.run.remote(work, unit)] = (unit, kind, actor)
            [task], _ = ray.wait(list(running), num_returns=1)
            unit, kind, actor = running.pop(task)
            try:
                result = ray.get(task)
            except ray.exceptions.RayError as exc:  # the actor died more than RETRIES times, or Ray failed
                result = lost(unit, error_line(exc))
            on_result(unit, result)
            free[kind].append(actor)
    finally:
        for found in actors.values():
            for actor in found:
                ray.kill(actor)
