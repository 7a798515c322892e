"""Clip planning: windows, skipping faceless-heavy clips, reference choice (fixed seed, per video and clip)."""

from __future__ import annotations

import numpy as np
import pytest

from facereel.errors import InputError
from facereel.train.plan import ClipOptions, plan_clips


def test_windows_skips_and_outside_reference() -> None:
    valid = np.ones(30, bool)
    valid[[2, 9, 10]] = False  # clip [0, 8) loses 1 frame, clip [8, 16) loses 2
    plans, skipped = plan_clips(valid, "v", ClipOptions(clip_frames=8, max_lost=0.15))
    assert [p.start for p in plans] == [0, 16] and [(s.start, s.lost) for s in skipped] == [(8, 2)]
    assert plans[0].lost == 1 and all(not p.reference_in_clip and valid[p.reference] for p in plans)
    again, _ = plan_clips(valid, "v", ClipOptions(clip_frames=8, max_lost=0.15))
    assert again == plans  # a rerun picks the same references
    seeded = [ClipOptions(clip_frames=8, max_lost=0.15, seed=s) for s in range(8)]
    others = [plan_clips(valid, "v", options)[0][0].reference for options in seeded]
    assert len(set(others)) > 1  # the seed matters


def test_stride_inside_reference_and_single_clip_fallback() -> None:
    valid = np.ones(20, bool)
    plans, _ = plan_clips(valid, "v", ClipOptions(clip_frames=8, stride=4, reference="inside"))
    assert [p.start for p in plans] == [0, 4, 8, 12] and all(p.reference_in_clip for p in plans)
    only, _ = plan_clips(np.ones(8, bool), "v", ClipOptions(clip_frames=8))
    assert len(only) == 1 and only[0].reference_in_clip  # no frame outside: the clip's own
    assert plan_clips(np.ones(7, bool), "v", ClipOptions(clip_frames=8)) == ([], [])


@pytest.mark.parametrize("kwargs", [{"clip_frames": 6}, {"clip_frames": 0}, {"stride": 0}, {"max_lost": 1.0},
                                    {"reference": "first"}])
def test_bad_options(kwargs: dict) -> None:
    with pytest.raises(InputError):
        ClipOptions(**kwargs)
