"""Fixtures of the video-to-video tests: short real clips (v2v_clips.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from v2v_clips import write_clip


@pytest.fixture(scope="session")
def source_clip(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """sr_1's first 12 frames (23.976 fps, a talking presenter with the face small at the top right, so
    most of the frame is background), frames 5 and 6 without a face."""
    return write_clip(tmp_path_factory.mktemp("v2v") / "source.mp4", shared_data / "driving" / "sr_1.mp4", 0, 12,
                      size=320, faceless=(5, 6))


@pytest.fixture(scope="session")
def talking_clip(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """lp_d18's frames 52-69 (30 fps): the mouth stays shut for a quarter second, then opens wide (while the
    source's own mouth opens and closes: their openings correlate by -0.16)."""
    return write_clip(tmp_path_factory.mktemp("v2v") / "driver.mp4", shared_data / "driving" / "lp_d18.mp4", 52, 18)
