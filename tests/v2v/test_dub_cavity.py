"""Dubbing (`--regions lips`) by sr_1, whose cavity is black by its own dim skin's light: on a pale clip's
closed-mouth frames (lp_d18 frames 52-58) the carried cavity reads dark red, not a flat black oval
(`mouth_driver.throat_floor`, `figures/black_slot.py`)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from v2v_clips import decoded, write_clip

from facereel import PortraitAnimator
from facereel.engines.mesh.figures.black_slot import black_slot
from facereel.face.tracking import track_frames

pytestmark = pytest.mark.slow  # out of the README's suite by its measured time: .ci/run's third step

COUNT = 60  # both from frame 0 (sr_1's reference); lp_d18 shut-mouthed over 52-58, sr_1 speaking
SIZE = 256  # px: the clips' (from 44 the black oval is not drawn: the reference frame is part of the case)


def _near_black(frames: list[np.ndarray]) -> np.ndarray:
    """(n,) `black_slot` of the frames whose face tracks."""
    track = track_frames(frames, 30.0)
    return np.array([black_slot(f, lm) for f, lm, ok in zip(frames, track.landmarks, track.valid) if ok])


@pytest.fixture(scope="module")
def dubbed(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """(clip frames, output frames as rendered): lp_d18's first `COUNT` frames at `SIZE` px dubbed by sr_1's, lips
    only. The rendered frames, not a file's: x264's mbtree writes heap-dependent bytes (`VideoWriter`)."""
    folder = tmp_path_factory.mktemp("dub_cavity")
    clip = write_clip(folder / "clip.mp4", shared_data / "driving" / "lp_d18.mp4", 0, COUNT, size=SIZE)
    driver = write_clip(folder / "driver.mp4", shared_data / "driving" / "sr_1.mp4", 0, COUNT, size=SIZE)
    return decoded(clip), PortraitAnimator("mesh", regions="lips")(clip, driver).frames


def test_the_dubbed_cavity_is_not_a_black_oval(dubbed):
    """No frame's opening is over 0.15 near black (the clip's own at most 0.006 over 3 s; the output at `SIZE` 0.05
    at most, without the throat floor 0.72 on the shut-mouthed frames (0.43 on frame 8), a flat black oval)."""
    clip, out = dubbed
    own, made = _near_black(clip), _near_black(out)
    assert len(made) and own.max() < 0.05, own.round(3)
    assert made.max() < 0.15, made.round(3)
