"""Each window with its own reference (`A1Engine.generate(references=...)`, used by a video source): window k
is conditioned on references[k], neighbours still blend; tiny random weights on the CPU."""

from __future__ import annotations

import numpy as np
import pytest

from facereel.engines.a1.engine import WindowReference
from facereel.errors import InputError


def _reference(rng: np.random.Generator, shape: tuple[int, ...]) -> WindowReference:
    return WindowReference(rng.integers(0, 256, shape, dtype=np.uint8), rng.integers(0, 256, shape, dtype=np.uint8),
                           rng.integers(0, 256, (512, 512, 3), dtype=np.uint8))


def test_each_window_is_conditioned_on_its_own_reference(engine, inputs) -> None:
    _, condition, _ = inputs  # 13 frames: windows over driving frames 0-7 and 4-11
    rng = np.random.default_rng(3)
    first, second = _reference(rng, condition.shape[1:]), _reference(rng, condition.shape[1:])
    windows = engine.plan(len(condition))
    assert len(windows) == 2
    condition = condition.copy()
    condition[0] = first.drawing
    plain = engine.generate(first.image, condition, first.face_crop)
    same = engine.generate(first.image, condition, first.face_crop, references=[first, first])
    assert np.array_equal(same, plain)  # one reference given per window = the single-reference path
    switched = engine.generate(first.image, condition, first.face_crop, references=[first, second])
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
    rng = np.random.default_rng(5)
    first, second = WindowReference(reference, condition[0], face), _reference(rng, condition.shape[1:])
    engine.generate(reference, condition, face, resume_dir=tmp_path, references=[first, second])
    with pytest.raises(InputError, match="different job"):
        engine.generate(reference, condition, face, resume_dir=tmp_path, references=[first, first])
