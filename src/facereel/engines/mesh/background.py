"""Run a producer or a consumer on a worker thread with a bounded queue, so the stages of a pipeline
(decode, track + retarget, render, encode) overlap while memory stays bounded (mediapipe, FFmpeg, x264 and
OpenCV release the GIL for most of their work; docs/benchmarks.md measures how much).

Items keep their order. Errors raised on a worker are re-raised in the calling thread; leaving early (an
error, Ctrl-C, a cancel) stops the worker after its current item. `cpu`, when given, gets each worker's
CPU seconds (its thread's own time: OpenCV's and x264's helper threads not included) under its `name`.
`opencv_pool_off` turns OpenCV's own worker pool off while a pipeline runs.
"""

from __future__ import annotations

import contextlib
import queue
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from types import TracebackType
from typing import Generic, TypeVar

import cv2

T = TypeVar("T")

_DONE = object()  # end-of-stream marker
_POLL_S = 0.1  # how often a blocked worker checks whether it should stop
_pool_lock = threading.Lock()
_pool_users = [0, 0]  # pipelines inside `opencv_pool_off` now, OpenCV's thread count before the first


def _put(q: queue.Queue, item: object, stop: threading.Event) -> bool:
    """Put unless `stop` is set first; returns whether the item went in."""
    while not stop.is_set():
        try:
            q.put(item, timeout=_POLL_S)
            return True
        except queue.Full:
            continue
    return False


@contextlib.contextmanager
def opencv_pool_off() -> Iterator[None]:
    """OpenCV runs on the calling thread only (cv2.setNumThreads(1)) inside the block, and as before once the
    last block open leaves. For a pipeline whose stages already keep the cores busy: OpenCV's pool then only
    adds CPU (its threads wait for work spinning; 1.0-1.4 ms a 512 px frame of `animate`, and the draw stage
    took no less of its own: docs/benchmarks.md, bench/thread_cpu.py); its results do not depend on the
    number of threads. The setting is process-wide."""
    with _pool_lock:
        if _pool_users[0] == 0:
            _pool_users[1] = cv2.getNumThreads()
            cv2.setNumThreads(1)
        _pool_users[0] += 1
    try:
        yield
    finally:
        with _pool_lock:
            _pool_users[0] -= 1
            if _pool_users[0] == 0:
                cv2.setNumThreads(_pool_users[1])


def prefetch(items: Iterable[T], depth: int = 8, name: str = "prefetch",
             cpu: dict[str, float] | None = None) -> Iterator[T]:
    """Iterate `items` on a worker thread, at most `depth` items ahead of the caller.

    The iterable is consumed only on the worker (create thread-bound resources such as a mediapipe graph
    inside it). Closing the returned generator early stops the worker after its current item. Chained
    (`prefetch(stage(prefetch(...)))`), each stage runs on its own thread.
    """
    q: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def work() -> None:
        start = time.thread_time()
        try:
            for item in items:
                if not _put(q, (item, None), stop):
                    return
            _put(q, (_DONE, None), stop)
        except BaseException as error:  # noqa: BLE001 - handed to the consumer, which re-raises it
            _put(q, (_DONE, error), stop)
        finally:
            close = getattr(items, "close", None)
            if close is not None:
                close()
            if cpu is not None:
                cpu[name] = time.thread_time() - start

    worker = threading.Thread(target=work, name=f"facereel-{name}", daemon=True)
    worker.start()
    try:
        while True:
            item, error = q.get()
            if error is not None:
                raise error
            if item is _DONE:
                return
            yield item
    finally:
        stop.set()
        worker.join()


class BackgroundSink(Generic[T]):
    """Context manager calling `consume(item)` for every `put(item)` on a worker thread, in order.

    At most `depth` items wait. A consumer error is re-raised by the next `put` or at exit. On a normal
    exit every item has been consumed; on an exception the waiting items are dropped. `cpu`: the worker's
    CPU seconds go in under `name` (module docstring).
    """

    def __init__(self, consume: Callable[[T], None], depth: int = 8, name: str = "sink",
                 cpu: dict[str, float] | None = None) -> None:
        self._consume = consume
        self._queue: queue.Queue = queue.Queue(maxsize=depth)
        self._error: BaseException | None = None
        self._name, self._cpu = name, cpu
        self._worker = threading.Thread(target=self._work, name=f"facereel-{name}", daemon=True)

    def _work(self) -> None:
        start = time.thread_time()
        while True:
            item = self._queue.get()
            if item is _DONE or self._error is not None:
                if item is _DONE:
                    break
                continue  # drain after a failure, so `put` never blocks on a dead consumer
            try:
                self._consume(item)
            except BaseException as error:  # noqa: BLE001 - re-raised in the producing thread
                self._error = error
        if self._cpu is not None:
            self._cpu[self._name] = time.thread_time() - start

    def _raise_if_failed(self) -> None:
        if self._error is not None:
            raise self._error

    def put(self, item: T) -> None:
        self._raise_if_failed()
        self._queue.put(item)

    def __enter__(self) -> BackgroundSink[T]:
        self._worker.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if exc_type is not None:
            self._error = self._error or exc  # the worker skips what is still queued
        self._queue.put(_DONE)
        self._worker.join()
        if exc_type is None:
            self._raise_if_failed()
