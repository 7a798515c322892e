"""mediapipe, imported lazily, and a guard that hides its native start-up logging.

mediapipe's C++ side (absl logging) writes INFO/WARNING lines straight to file descriptor 2 when a graph
starts and runs its first frame; no environment variable silences them, so the graph start and first
frame run with fd 2 pointed at /dev/null. Later frames log nothing.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Iterator
from types import ModuleType
from typing import Any

_lock = threading.Lock()
_depth = 0
_saved_fd: int | None = None


def mediapipe() -> ModuleType:
    """The mediapipe module (imported on first use: ~1 s, and unneeded by e.g. `--help`)."""
    import mediapipe as mp

    return mp


@contextlib.contextmanager
def native_logs_hidden() -> Iterator[None]:
    """Point fd 2 at /dev/null for the block (re-entrant and thread-safe: restored when the last exits)."""
    global _depth, _saved_fd
    with _lock:
        if _depth == 0:
            sys.stderr.flush()
            _saved_fd = os.dup(2)
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 2)
            os.close(devnull)
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _saved_fd is not None:
                os.dup2(_saved_fd, 2)
                os.close(_saved_fd)
                _saved_fd = None


class QuietGraph:
    """A mediapipe solution (FaceMesh, Pose, ...) whose first `process` runs with native logs hidden:
    the first frame starts the graph, which is when it logs."""

    def __init__(self, solution: Any) -> None:
        self.solution = solution
        self._started = False

    def process(self, image: Any) -> Any:
        if self._started:
            return self.solution.process(image)
        with native_logs_hidden():
            result = self.solution.process(image)
        self._started = True
        return result

    def close(self) -> None:
        self.solution.close()
