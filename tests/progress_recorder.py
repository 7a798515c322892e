"""A progress / on_total callback pair that logs its calls, and the check that a run's frame total is honest:
reported once, before the first frame, equal to the frames done and written (tests/animate, tests/a1)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class Recorder:
    """progress and on_total callbacks that log their calls in order: ("total", n) and ("done", n)."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, int]] = []

    def progress(self, n: int) -> None:
        self.calls.append(("done", n))

    def on_total(self, n: int) -> None:
        self.calls.append(("total", n))

    def check(self, written: int) -> None:
        """One total, reported before the first frame, equal to the frames done and to `written`."""
        totals = [i for i, (kind, _) in enumerate(self.calls) if kind == "total"]
        assert len(totals) == 1, self.calls
        first_frame = next(i for i, (kind, n) in enumerate(self.calls) if kind == "done" and n > 0)
        assert totals[0] < first_frame, self.calls
        done = sum(n for kind, n in self.calls if kind == "done")
        assert self.calls[totals[0]][1] == done == written, (self.calls[totals[0]], done, written)


def run_recorded(call: Callable[..., Any], *args: Any, **kwargs: Any) -> Recorder:
    """`call(*args, **kwargs)` with a Recorder's callbacks, checked against what it returned (a frame count, or
    something with a length)."""
    recorder = Recorder()
    result = call(*args, progress=recorder.progress, on_total=recorder.on_total, **kwargs)
    recorder.check(result if isinstance(result, int) else len(result))
    return recorder
