"""A long video's windows over Ray actors on a local 2-CPU cluster: the frames equal the one-engine run's bit for
bit, and a resume folder written by an interrupted Ray run is finished by a rerun without recomputing its
windows. Skipped only when Ray is not installed (it is in the `test` extra)."""

from __future__ import annotations

import functools

import numpy as np
import pytest
import torch

from .conftest import SMALL, interrupted_then_resumed, recomputed

ray = pytest.importorskip("ray")

from facereel.engines.a1.options import A1Options  # noqa: E402
from facereel.engines.a1.window_ray import RayRunner  # noqa: E402


@pytest.fixture(scope="module")
def runner(tiny_weights):
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    runner = RayRunner(tiny_weights, A1Options(**SMALL), dtype=torch.float32, workers=2)
    yield runner
    runner.close()
    ray.shutdown()


def test_two_ray_actors_equal_one_engine(engine, runner, long_inputs, expected):
    assert np.array_equal(engine.generate(*long_inputs, runner=runner), expected)


def test_resume_after_interrupted_ray_run(engine, runner, long_inputs, expected, tmp_path):
    generate = functools.partial(engine.generate, *long_inputs, runner=runner)
    saved, resumed, steps_run = interrupted_then_resumed(generate, tmp_path, stop_window=0)
    assert "window_0000.npz" in saved and len(saved) < 4
    assert np.array_equal(resumed, expected)
    assert not recomputed(saved, steps_run)  # finished windows were not rerun
    assert len(list(tmp_path.glob("window_*.npz"))) == 4
