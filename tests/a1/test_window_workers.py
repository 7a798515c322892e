"""A long video's windows spread over several local workers (one thread per engine): the frames equal the
one-engine run's bit for bit, the workers share the windows, a resume folder works across workers, and a failing
worker stops the others."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from facereel.engines.a1.window_threads import ThreadedRunner

from .conftest import make_engine


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


def test_windows_without_the_hand_off_differ(tiny_weights, long_inputs, expected):
    """The equality above needs the per-step hand-off: windows blended with nothing give other frames."""
    engine = make_engine(tiny_weights)
    run_window = engine.run_window
    engine.run_window = lambda task, encoded, previous, *rest, **named: run_window(task, encoded, None, *rest, **named)
    video = engine.generate(*long_inputs)
    first = 9  # window 0's frames (0..8) have no previous window
    assert np.array_equal(video[:first], expected[:first]) and not np.array_equal(video[first:], expected[first:])


def test_resume_across_workers(tiny_weights, long_inputs, expected, tmp_path):
    class Interrupted(Exception):
        pass

    def stop_after_second_window(window, windows, step, steps):
        if window == 1 and step == steps:
            raise Interrupted

    runner = ThreadedRunner([make_engine(tiny_weights) for _ in range(2)])
    with pytest.raises(Interrupted):
        make_engine(tiny_weights).generate(*long_inputs, resume_dir=tmp_path, progress=stop_after_second_window,
                                           runner=runner)
    saved = sorted(p.name for p in tmp_path.glob("window_*.npz"))
    assert "window_0001.npz" in saved and "window_0003.npz" not in saved

    steps_run = []
    resumed = make_engine(tiny_weights).generate(*long_inputs, resume_dir=tmp_path, runner=runner,
                                                 progress=lambda w, n, s, t: steps_run.append((w, s)))
    assert np.array_equal(resumed, expected)
    assert not {(int(name[7:11]), 1) for name in saved} & set(steps_run)  # finished windows were not rerun
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
