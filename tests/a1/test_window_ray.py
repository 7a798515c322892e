"""A long video's windows over Ray actors on a local 2-CPU cluster: the frames equal the one-engine run's bit for
bit, and a resume folder written by an interrupted Ray run is finished by a rerun without recomputing its
windows. Skipped only when Ray is not installed (it is in the `test` extra)."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from .conftest import SMALL

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
    class Interrupted(Exception):
        pass

    def stop_after_first_window(window, windows, step, steps):
        if window == 0 and step == steps:
            raise Interrupted

    with pytest.raises(Interrupted):
        engine.generate(*long_inputs, resume_dir=tmp_path, progress=stop_after_first_window, runner=runner)
    saved = sorted(p.name for p in tmp_path.glob("window_*.npz"))
    assert "window_0000.npz" in saved and len(saved) < 4

    steps_run = []
    resumed = engine.generate(*long_inputs, resume_dir=tmp_path, runner=runner,
                              progress=lambda w, n, s, t: steps_run.append((w, s)))
    assert np.array_equal(resumed, expected)
    assert not {(int(name[7:11]), 1) for name in saved} & set(steps_run)  # finished windows were not rerun
    assert len(list(tmp_path.glob("window_*.npz"))) == 4
