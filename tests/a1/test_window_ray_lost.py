"""A long video's windows over Ray actors when an actor is gone for good (killed without restart, or dead
more than RETRIES times): the run ends with one line, not Ray's traceback. In a file of its own so that its
one-actor runner gets a CPU of the session cluster (tests/a1/test_window_ray.py's runner holds both while
that module runs). Skipped only when Ray is not installed (it is in the `test` extra)."""

from __future__ import annotations

import pytest
import torch

from .conftest import SMALL

ray = pytest.importorskip("ray")

from facereel.engines.a1.options import A1Options  # noqa: E402
from facereel.engines.a1.window_ray import RETRIES, RayRunner  # noqa: E402
from facereel.errors import WorkerLost  # noqa: E402


def test_an_actor_gone_for_good_ends_the_run_with_one_line(engine, long_inputs, tiny_weights, tmp_path,
                                                          ray_cluster):
    """A one-actor runner whose actor is killed with no restart left at window 0's first step: the run ends with
    WorkerLost (the CLI prints it as one line, exit code 1), not a Ray traceback; nothing is saved as finished.
    The window has 40 steps: the step reports reach this process after the actor has gone on, and at 4 steps
    of the 32x48 model window 0 was finished (and saved) before the kill landed. The run ends at the kill, so
    the steps cost nothing."""
    lone = RayRunner(tiny_weights, A1Options(**{**SMALL, "steps": 40}), dtype=torch.float32, workers=1)

    def kill(window: int, windows: int, step: int, steps: int) -> None:
        if (window, step) == (0, 1):
            ray.kill(lone.actors[0], no_restart=True)

    try:
        with pytest.raises(WorkerLost, match=f"^a Ray worker died more than {RETRIES} times .*--resume-dir") as lost:
            engine.generate(*long_inputs, resume_dir=tmp_path, progress=kill, runner=lone)
    finally:
        lone.close()
    assert "\n" not in str(lost.value) and not list(tmp_path.glob("window_*.npz"))
