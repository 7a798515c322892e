"""Running the job list on a Ray cluster (`facereel batch --ray [ADDRESS]`; `ray.init()` on this machine when no
address is given).

One actor per GPU runs the a1 jobs (`num_gpus=1`, Ray sets its CUDA_VISIBLE_DEVICES) and one actor per CPU the
mesh jobs; an actor keeps its engine loaded from job to job (worker.run_job). Each actor holds at most one job at a
time and the others wait here (back-pressure: the list is not pushed into the cluster at once). A job whose actor
died (its machine lost, the process killed) runs again on the restarted actor, up to RETRIES times, after the
partial temporary file of the dead attempt is removed; outputs are atomic, so nothing partial is ever at an
output's name. Results come back to this process as they finish, into the same report and resume as the local
pool (`pool.run_jobs`).
"""

from __future__ import annotations

import os
import socket
from collections.abc import Sequence
from pathlib import Path

from facereel.batch.jobs import BatchJob
from facereel.batch.pool import OnResult, remove_partial
from facereel.batch.report import JobResult
from facereel.batch.worker import error_line, run_job
from facereel.errors import InputError

INSTALL = "--ray needs Ray: pip install 'facereel[ray]' (ray==2.60.0)"
RETRIES = 2  # runs of a job whose actor died, after the first


class JobActor:
    """A Ray actor's state: its label for the report (`ray:<host>:<pid>`)."""

    def __init__(self) -> None:
        self.label = f"ray:{socket.gethostname()}:{os.getpid()}"

    def run(self, job: BatchJob, out_dir: Path) -> JobResult:
        remove_partial(out_dir / job.output)  # left by an attempt whose actor died
        return run_job(job, out_dir, self.label)


def _import_ray():  # noqa: ANN202 - the ray module
    try:
        import ray
    except ImportError:
        raise InputError(INSTALL) from None
    return ray


def run_jobs_ray(jobs: Sequence[BatchJob], out_dir: Path, address: str | None, on_result: OnResult) -> None:
    """Run `jobs` into `out_dir` on the Ray cluster at `address` (None: start or join a local one); `on_result`
    is called here as each finishes."""
    ray = _import_ray()
    if not ray.is_initialized():
        ray.init(address=address, include_dashboard=False, log_to_driver=False)
    resources = ray.cluster_resources()
    gpus, cpus = int(resources.get("GPU", 0)), max(1, int(resources.get("CPU", 1)))
    remote = ray.remote(max_restarts=-1, max_task_retries=RETRIES)(JobActor)
    queues: dict[str, list[BatchJob]] = {"gpu": [], "cpu": []}
    for job in jobs:
        queues["gpu" if job.options.engine == "a1" and gpus else "cpu"].append(job)
    actors = {"gpu": [remote.options(num_gpus=1, num_cpus=0).remote() for _ in range(min(gpus, len(queues["gpu"])))],
              "cpu": [remote.options(num_cpus=1).remote() for _ in range(min(cpus, len(queues["cpu"])))]}
    free = {kind: list(found) for kind, found in actors.items()}
    running: dict[object, tuple[BatchJob, str, object]] = {}  # task -> (job, kind, actor)
    try:
        while any(queues.values()) or running:
            for kind, waiting in queues.items():
                while waiting and free[kind]:
                    job, actor = waiting.pop(0), free[kind].pop()
                    running[actor.run.remote(job, out_dir)] = (job, kind, actor)
            [task], _ = ray.wait(list(running), num_returns=1)
            job, kind, actor = running.pop(task)
            try:
                result = ray.get(task)
            except ray.exceptions.RayError as exc:  # the actor died more than RETRIES times, or Ray failed
                remove_partial(out_dir / job.output)
                result = JobResult(job.output, "failed", device="ray", error=error_line(exc))
            on_result(job, result)
            free[kind].append(actor)
    finally:
        for found in actors.values():
            for actor in found:
                ray.kill(actor)
