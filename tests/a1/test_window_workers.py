"""A long video's windows spread over several local workers (one thread per engine): the frames equal the
one-engine run's bit for bit, the workers share the windows, a resume folder works across workers, and a failing
worker stops the others."""

from __future__ import annotations

import functools
import threading

import numpy as np
import pytest

from facereel.engines.a1.window_threads import ThreadedRunner

from .conftest import Interrupted, interrupted_then_resumed, make_engine, recomputed


def _recording(engine, ran: dict[int, str]):
    """`engine` whose run_window notes which thread ran each window."""
    run_window = engine.run_window

    def recorded(task, *args, **kwargs):
        ran[task.index] = threading.current_thread().name
        return run_window(task, *args, **kwargs)

    engine.run_window = recorded
    return engine


def test_two_workers_equal_one(tiny_weights, long_inputs, expected):
    ran: dict[int, str] = {}
    runner = ThreadedRunner([_recording(make_engine(tiny_weights), ran) for _ in range(2)])
    video = make_engine(tiny_weights).generate(*long_inputs, runner=runner)
    assert np.array_equal(video, expected)
    assert sorted(ran) == [0, 1, 2, 3] and len(set(ran.values())) == 2  # both workers generated windows


@pytest.mark.slow
def test_windows_without_the_hand_off_differ(tiny_weights, long_inputs, expected):
    """The equality above needs the per-step hand-off: windows blended with nothing give other frames."""
    engine = make_engine(tiny_weights)
    run_window = engine.run_window
    engine.run_window = lambda task, encoded, previous, *rest, **named: run_window(task, encoded, None, *rest, **named)
    video = engine.generate(*long_inputs)
    first = 9  # window 0's frames (0..8) have no previous window
    assert np.array_equal(video[:first], expected[:first]) and not np.array_equal(video[first:], expected[first:])


def test_resume_across_workers(tiny_weights, long_inputs, expected, tmp_path):
    """Interrupted at window 2's first step: a worker freed from window 0 or 1 started it, so that window was saved,
    and window 3 (which waits for window 2's caches) cannot have finished, however the threads were scheduled."""

    def stop_in_window_2(window: int, windows: int, step: int, steps: int) -> None:
        if window == 2 and 0 < step < steps:
            raise Interrupted

    runner = ThreadedRunner([make_engine(tiny_weights) for _ in range(2)])
    generate = functools.partial(make_engine(tiny_weights).generate, *long_inputs, runner=runner)
    saved, resumed, steps_run = interrupted_then_resumed(generate, tmp_path, stop_window=None, also=stop_in_window_2)
    assert saved and set(saved) <= {"window_0000.npz", "window_0001.npz"}
    assert np.array_equal(resumed, expected)
    assert not recomputed(saved, steps_run)  # finished windows were not rerun
    assert len(list(tmp_path.glob("window_*.npz"))) == 4


def test_failing_worker_stops_the_others(tiny_weights, long_inputs):
    broken = make_engine(tiny_weights)

    def fail(task, *args, **kwargs):
        raise RuntimeError("device lost")

    broken.run_window = fail
    runner = ThreadedRunner([make_engine(tiny_weights), broken])
    with pytest.raises(RuntimeError, match="device lost"):
        make_engine(tiny_weights).generate(*long_inputs, runner=runner)
    assert not [t for t in threading.enumerate() if t.name.startswith("facereel-a1-window")]
