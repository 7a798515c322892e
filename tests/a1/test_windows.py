"""Long video: window coverage, output length, overlap blending, resume after an interruption."""

from __future__ import annotations

import functools
import numpy as np
import pytest
import torch

from facereel.engines.a1 import constants as C
from facereel.engines.a1.windows import OverlapBlender, plan_windows, window_condition
from facereel.errors import InputError

from .conftest import interrupted_then_resumed, make_engine, recomputed


@pytest.mark.parametrize("window_frames, overlap", [(C.WINDOW_FRAMES, C.WINDOW_OVERLAP), (9, 4), (9, 0), (13, 8)])
def test_windows_cover_every_frame_once(window_frames, overlap):
    for driving in range(0, 260):
        windows = plan_windows(driving, window_frames, overlap)
        covered = [i for w in windows for i in w.output_indices()]
        assert sorted(covered) == list(range(1, driving + 1))  # each driving frame once, in order
        assert len(covered) == len(set(covered))
        for w in windows:
            assert w.keep_to <= window_frames - 1
            if w.index > 0:  # consecutive windows share exactly `overlap` driving frames
                assert w.start == windows[w.index - 1].start + window_frames - 1 - overlap


def test_published_window_plan():
    windows = plan_windows(48 + 40 + 10, C.WINDOW_FRAMES, C.WINDOW_OVERLAP)
    assert [(w.start, w.keep_from, w.keep_to) for w in windows] == [(0, 0, 48), (40, 8, 48), (80, 8, 18)]


def test_window_condition_starts_with_reference_and_pads():
    condition = np.arange(11)[:, None, None, None].repeat(2, 1).astype(np.uint8)  # frame i filled with i
    last = plan_windows(10, 9, 4)[-1]
    frames = window_condition(condition, last, 9)[:, 0, 0, 0]
    assert frames.tolist() == [0, 5, 6, 7, 8, 9, 10, 10, 10]


@pytest.mark.parametrize("length", [1, pytest.param(2, marks=pytest.mark.slow), 9,
                                    pytest.param(11, marks=pytest.mark.slow), pytest.param(13, marks=pytest.mark.slow)])
def test_output_length_equals_condition_length(engine, inputs, length):
    reference, condition, face = inputs
    video = engine.generate(reference, condition[:length], face)
    assert video.shape == (length, *condition.shape[1:]) and video.dtype == np.uint8


def test_blender_pulls_overlap_to_previous_window():
    previous = torch.full((2, 2, 16, 2, 3), 5.0)  # 2 blend steps, 2 overlapping latent frames
    blender = OverlapBlender(overlap=8, blend_steps=(1, 2), previous=previous.__getitem__)
    latents = torch.zeros(1, 5, 16, 2, 3)
    assert torch.equal(blender(0, latents), latents)  # outside the blend steps: untouched
    out = blender(1, latents)
    assert torch.equal(out[:, 1], previous[0, 0][None])  # first shared latent: the previous window's
    assert torch.allclose(out[:, 2], torch.full_like(out[:, 2], 2.5))  # then a linear ramp
    assert torch.count_nonzero(out[:, 0]) == 0 and torch.count_nonzero(out[:, 3:]) == 0
    blender(2, latents)
    assert blender.cache().shape == (2, 2, 16, 2, 3)


def test_resume_after_interruption_matches_uninterrupted_run(tiny_weights, inputs, tmp_path):
    reference, condition, face = inputs
    expected = make_engine(tiny_weights).generate(reference, condition, face)
    saved, resumed, steps_run = interrupted_then_resumed(
        functools.partial(make_engine(tiny_weights).generate, reference, condition, face), tmp_path, stop_window=0)
    assert saved == ["window_0000.npz"]
    assert np.array_equal(resumed, expected)
    assert not recomputed(saved, steps_run)  # window 0 came from the resume folder, not from the model
    assert len(list(tmp_path.glob("window_*.npz"))) == 2


def test_resume_folder_of_another_job_refused(engine, inputs, tmp_path):
    reference, condition, face = inputs
    engine.generate(reference, condition[:5], face, resume_dir=tmp_path)
    with pytest.raises(InputError, match="different job"):
        engine.generate(reference, condition[:9], face, resume_dir=tmp_path)
