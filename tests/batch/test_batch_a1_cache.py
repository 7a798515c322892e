"""The a1 engine is built once per process and reused by later jobs with the same settings (batch, app)."""

from __future__ import annotations

import pytest

from facereel.animate import run_a1 as a1_run
from facereel.engines.a1.engine import A1Engine
from facereel.engines.a1.options import A1Options


def test_engine_is_loaded_once_for_jobs_with_the_same_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    loads = []

    def fake_load(cls, weights, device="cpu", dtype=None, options=None):
        loads.append((weights, options))
        return object()

    monkeypatch.setattr(A1Engine, "from_pretrained", classmethod(fake_load))  # restored after the test
    a1_run.loaded_engine.cache_clear()
    try:
        first = a1_run.loaded_engine("w", "cuda", A1Options(seed=1))
        assert a1_run.loaded_engine("w", "cuda", A1Options(seed=1)) is first
        assert len(loads) == 1
        other = a1_run.loaded_engine("w", "cuda", A1Options(seed=2))  # replaces the kept one
        assert other is not first and len(loads) == 2
    finally:
        a1_run.loaded_engine.cache_clear()
