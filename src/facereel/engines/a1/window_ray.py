"""A long video's windows over Ray actors: one actor per GPU (`num_gpus=1`), or one per CPU on a cluster
without GPUs, each keeping its engine loaded; the overlap caches go through a small threaded coordinator actor
(overlap_exchange.OverlapExchange plus a log of finished steps), so window k's blend steps wait for window
k-1's cache as with local threads and the frames equal the one-engine run's.

The driver (this process) hands the windows out in ascending order as actors free up, keeps the resume folder
and assembles the frames; it needs no model. The weights folder must be readable on every Ray node.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import torch

from facereel.engines.a1.engine import A1Engine, VideoInputs
from facereel.engines.a1.long_video import Finished, OnStep, WindowTask
from facereel.engines.a1.options import A1Options
from facereel.engines.a1.overlap_exchange import Cancelled, OverlapExchange
from facereel.engines.a1.windows import job_key
from facereel.errors import WorkerLost, error_line
from facereel.ray_cluster import cluster_size, join_cluster

POLL_S = 0.2  # how often the driver collects step progress while windows run
RETRIES = 2  # restarts of an actor that died (its window runs again there)


class StepExchange(OverlapExchange):
    """The coordinator actor: overlap caches plus the steps the workers finished, for the driver's progress."""

    def __init__(self) -> None:
        super().__init__()
        self._steps: list[tuple[int, int]] = []

    def step(self, window: int, steps_done: int) -> bool:
        """Note a finished step; True when the run was cancelled (the worker then stops)."""
        self._steps.append((window, steps_done))
        return self.cancelled

    def take_steps(self) -> list[tuple[int, int]]:
        """The (window, steps done) noted since the last call."""
        steps, self._steps = self._steps, []
        return steps


class WindowActor:
    """A Ray actor with one A1 engine, loaded once, generating the windows it is given."""

    def __init__(self, weights: str, device: str, dtype: str, options: A1Options, threads: int) -> None:
        torch.set_num_threads(threads)  # as the driver, so CPU kernels split their work alike
        self.engine = A1Engine.from_pretrained(weights, device, getattr(torch, dtype), options)
        self.inputs_for: str | None = None
        self.inputs: VideoInputs | None = None

    def describe(self) -> tuple[A1Options, tuple[int, int], dict]:
        """(resolved options, pixel size (height, width), resume-key settings) of the engine."""
        return self.engine.options, self.engine.pixel_size, self.engine.settings()

    def run(self, reference: np.ndarray, face_crop: np.ndarray, task: WindowTask, exchange) -> Finished:  # noqa: ANN001
        import ray

        key = job_key({"reference": reference, "face_crop": face_crop}, {})
        if key != self.inputs_for:  # the same video's later windows reuse the encodings
            self.inputs, self.inputs_for = VideoInputs(self.engine, reference, face_crop), key

        def previous(blend_index: int) -> torch.Tensor:
            return ray.get(exchange.get.remote(task.index - 1, blend_index))

        def after_step(steps_done: int) -> None:
            if ray.get(exchange.step.remote(task.index, steps_done)):
                raise Cancelled

        frames, cache = self.engine.run_window(
            task, self.inputs.of(task), previous if task.index > 0 else None,
            lambda blend_index, latents: exchange.put.remote(task.index, blend_index, latents), after_step)
        return task.index, frames, cache


def _finished(ray, ref) -> Finished:  # noqa: ANN001 - the ray module and an object ref
    """The finished window behind `ref`; WorkerLost (one line) when its actor died more than RETRIES times."""
    try:
        return ray.get(ref)
    except ray.exceptions.ActorDiedError as exc:
        raise WorkerLost(f"a Ray worker died more than {RETRIES} times ({error_line(exc)}); with --resume-dir a "
                         "rerun starts from the windows finished so far") from None


class RayRunner:
    """Windows on `workers` Ray actors (default: one per GPU of the cluster, else one per CPU), joining the
    cluster at `address` (None: the running session, else a new local one)."""

    def __init__(self, weights: str | Path, options: A1Options, dtype: torch.dtype = torch.bfloat16,
                 workers: int | None = None, address: str | None = None) -> None:
        ray = join_cluster(address, flag="--workers ray")
        gpus, cpus = cluster_size(ray)
        count = workers or gpus or cpus
        placement = {"num_gpus": 1, "num_cpus": 0} if gpus else {"num_cpus": 1}
        remote = ray.remote(max_restarts=RETRIES, max_task_retries=RETRIES)(WindowActor)
        self.actors = [remote.options(**placement).remote(str(weights), "cuda" if gpus else "cpu",
                                                          str(dtype).removeprefix("torch."), options,
                                                          torch.get_num_threads())
                       for _ in range(count)]
        self.options, self.pixel_size, self._settings = ray.get(self.actors[0].describe.remote())
        self._ray = ray

    def settings(self) -> dict:
        return self._settings

    def close(self) -> None:
        """End the actors (their engines are unloaded)."""
        for actor in self.actors:
            self._ray.kill(actor)

    def run(self, reference: np.ndarray, face_crop: np.ndarray, tasks: Iterator[WindowTask],
            caches: dict[int, torch.Tensor | None], on_step: OnStep) -> Iterator[Finished]:
        ray = self._ray
        # Threaded: every waiting worker holds one of its threads while the others put and take.
        exchange = ray.remote(num_cpus=0, max_concurrency=4 * len(self.actors) + 8)(StepExchange).remote()
        for index, cache in caches.items():
            exchange.put_cache.remote(index, cache)
        reference_ref, face_ref = ray.put(reference), ray.put(face_crop)
        free, running = list(self.actors), {}
        try:
            while True:
                while free and (task := next(tasks, None)) is not None:
                    actor = free.pop(0)
                    running[actor.run.remote(reference_ref, face_ref, task, exchange)] = actor
                if not running:
                    return
                done, _ = ray.wait(list(running), num_returns=1, timeout=POLL_S)
                for window, steps_done in ray.get(exchange.take_steps.remote()):
                    on_step(window, steps_done)
                for ref in done:
                    free.append(running.pop(ref))
                    index, frames, cache = _finished(ray, ref)
                    exchange.discard.remote(index - 1)
                    yield index, frames, cache
        finally:
            ray.get(exchange.cancel.remote())  # waiting workers stop; running ones after their current step
            if running:
                ray.wait(list(running), num_returns=len(running), timeout=60)
            ray.kill(exchange)
