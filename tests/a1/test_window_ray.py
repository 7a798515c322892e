"""A long video's windows over Ray actors on the tests' local 2-CPU cluster (`ray_cluster`, its two actors kept
for every test of this file): the frames equal the one-engine run's bit for bit, also when an actor is killed mid-window (its
window runs again on the restarted actor), when the run is interrupted and finished from the resume folder, and
when each window has its own reference (a video source). Skipped only when Ray is not installed (it is in the
`test` extra)."""

from __future__ import annotations

import functools
import os
import signal

import numpy as np
import pytest
import torch

from .conftest import SMALL, Interrupted, interrupted_then_resumed, recomputed

ray = pytest.importorskip("ray")

from facereel.engines.a1.options import A1Options  # noqa: E402
from facereel.engines.a1.window_ray import RayRunner  # noqa: E402


@pytest.fixture(scope="module")
def runner(tiny_weights, ray_cluster):
    runner = RayRunner(tiny_weights, A1Options(**SMALL), dtype=torch.float32, workers=2)
    yield runner
    runner.close()


def test_window_references_go_through_the_actors(engine, runner, referenced):
    args, references, expected = referenced  # 2 windows, each with its own reference
    assert np.array_equal(engine.generate(*args, references=references, runner=runner), expected)


def test_killed_actor_interrupted_run_and_resume_give_the_one_engine_frames(engine, runner, long_inputs, expected,
                                                                           tmp_path):
    """4 windows on 2 actors: the actor running window 1 is killed (SIGKILL) at its first step; Ray restarts it
    and window 1 begins again there, where the run is interrupted; a rerun finishes the video from the resume
    folder (a saved window's caches handed to its successor) without recomputing saved windows. (Windows 2 and 3
    may finish on the other actor meanwhile: window 1's killed run had published its blend-step caches.)"""
    pids = ray.get([actor.__ray_call__.remote(lambda actor: os.getpid()) for actor in runner.actors])
    seen: list[tuple[int, int]] = []

    def kill_then_stop(window: int, windows: int, step: int, steps: int) -> None:
        seen.append((window, step))
        if (window, step) == (1, 1):
            if seen.count((1, 1)) == 1:
                os.kill(pids[1], signal.SIGKILL)  # windows go out in order: window 0 to the first actor, 1 to the second
            else:  # window 1 began again after its actor died
                raise Interrupted

    generate = functools.partial(engine.generate, *long_inputs, runner=runner)
    saved, resumed, steps_run = interrupted_then_resumed(generate, tmp_path, stop_window=None, also=kill_then_stop)
    assert seen.count((1, 1)) == 2 and "window_0001.npz" not in saved
    assert np.array_equal(resumed, expected)
    assert not recomputed(saved, steps_run) and (1, 1) in steps_run
    assert len(list(tmp_path.glob("window_*.npz"))) == 4

