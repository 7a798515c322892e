"""A long video's windows over this machine's devices: one thread per engine (`cuda:0`, `cuda:1`, or several
on the CPU), each taking the next window when it is free.

Window k's blend steps wait for window k-1's cache of the same step (overlap_exchange.OverlapExchange), so two
workers run neighbouring windows about one denoising step apart and the frames equal the one-engine run's.
torch releases the GIL inside its kernels, so threads keep several GPUs busy from one process.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator, Sequence

import numpy as np
import torch

from facereel.engines.a1.engine import A1Engine, VideoInputs
from facereel.engines.a1.long_video import Finished, OnStep, WindowTask
from facereel.engines.a1.overlap_exchange import Cancelled, OverlapExchange
from facereel.errors import InputError


class ThreadedRunner:
    """Runs windows on `engines` (same weights and sampling settings, one per device), one thread each."""

    def __init__(self, engines: Sequence[A1Engine]) -> None:
        if not engines:
            raise ValueError("ThreadedRunner needs at least one engine")
        settings = engines[0].settings()
        if any(engine.settings() != settings for engine in engines[1:]):
            raise InputError("the workers' a1 engines differ in weights or sampling settings")
        self.engines = list(engines)
        self.options = engines[0].options
        self.pixel_size = engines[0].pixel_size

    def settings(self) -> dict:
        return self.engines[0].settings()

    def run(self, reference: np.ndarray, face_crop: np.ndarray, tasks: Iterator[WindowTask],
            caches: dict[int, torch.Tensor | None], on_step: OnStep) -> Iterator[Finished]:
        exchange = OverlapExchange()
        for index, cache in caches.items():
            exchange.put_cache(index, cache)
        events: queue.Queue[tuple] = queue.Queue()
        take = threading.Lock()  # windows leave `tasks` in ascending order, one at a time

        def next_task() -> WindowTask | None:
            with take:
                return None if exchange.cancelled else next(tasks, None)

        def work(engine: A1Engine) -> None:
            try:
                if engine.pipeline.device.type == "cuda":  # kernels that use the current device use this one's
                    torch.cuda.set_device(engine.pipeline.device)
                inputs = VideoInputs(engine, reference, face_crop)
                while (task := next_task()) is not None:

                    def after_step(steps_done: int, index: int = task.index) -> None:
                        if exchange.cancelled:
                            raise Cancelled
                        events.put(("step", index, steps_done))

                    frames, cache = engine.run_window(task, inputs.of(task), exchange.previous_of(task.index),
                                                      exchange.publisher(task.index), after_step)
                    events.put(("done", task.index, frames, cache))
            except Cancelled:
                pass
            except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread, which raises it
                events.put(("error", exc))
            finally:
                events.put(("exit",))

        threads = [threading.Thread(target=work, args=(engine,), name=f"facereel-a1-window-{number}", daemon=True)
                   for number, engine in enumerate(self.engines)]
        for thread in threads:
            thread.start()
        try:
            running = len(threads)
            while running:
                event = events.get()
                if event[0] == "exit":
                    running -= 1
                elif event[0] == "error":
                    raise event[1]
                elif event[0] == "step":
                    on_step(event[1], event[2])
                else:
                    exchange.discard(event[1] - 1)  # window k-1's caches: no one waits for them any more
                    yield event[1], event[2], event[3]
        finally:
            exchange.cancel()  # wakes waiting workers; running ones stop after their current step
            for thread in threads:
                thread.join()
