"""Each window with its own reference (`A1Engine.generate(references=...)`, used by a video source): window k
is conditioned on references[k], neighbours still blend; tiny random weights on the CPU."""

from __future__ import annotations

import numpy as np
import pytest

from facereel.engines.a1.engine import WindowReference
from facereel.errors import InputError

from .conftest import random_reference


def test_each_window_is_conditioned_on_its_own_reference(engine, referenced) -> None:
    args, (first, second), switched = referenced  # 13 frames: windows over driving frames 0-7 and 4-11
    windows = engine.plan(len(args[1]))
    assert len(windows) == 2
    plain = engine.generate(*args)
    same = engine.generate(*args, references=[first, first])
    assert np.array_equal(same, plain)  # one reference given per window = the single-reference path
    kept_by_first = [0, *windows[0].output_indices()]
    kept_by_second = list(windows[1].output_indices())
    assert np.array_equal(switched[kept_by_first], plain[kept_by_first])  # window 0 never sees window 1's
    assert np.abs(switched[kept_by_second].astype(int) - plain[kept_by_second]).mean() > 1.0


def test_reference_count_must_match_the_windows(engine, inputs) -> None:
    reference, condition, face = inputs
    one = WindowReference(reference, condition[0], face)
    with pytest.raises(InputError, match="1 window references for 2 windows"):
        engine.generate(reference, condition, face, references=[one])


def test_resume_folder_tells_jobs_with_other_window_references_apart(engine, inputs, tmp_path) -> None:
    reference, condition, face = inputs
    first, second = WindowReference(reference, condition[0], face), random_reference(np.random.default_rng(5))
    engine.generate(reference, condition, face, resume_dir=tmp_path, references=[first, second])
    with pytest.raises(InputError, match="different job"):
        engine.generate(reference, condition, face, resume_dir=tmp_path, references=[first, first])
