"""Shared fixtures: real public-domain faces that ship in installed packages, and ../shared/data when present."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
from synthetic_video import moving_head_frames

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("GLOG_minloglevel", "2")

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


@pytest.fixture(scope="session")
def astronaut() -> np.ndarray:
    from skimage import data

    return data.astronaut()


@pytest.fixture(scope="session")
def grace_hopper() -> np.ndarray:
    import matplotlib.cbook
    from PIL import Image

    return np.asarray(Image.open(matplotlib.cbook.get_sample_data("grace_hopper.jpg")).convert("RGB"))


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is not present")
    return SHARED_DATA


@pytest.fixture(scope="session")
def astronaut_video(tmp_path_factory: pytest.TempPathFactory, astronaut: np.ndarray) -> Path:
    """An always-available 25 fps driving video (12 frames) made from the astronaut photo."""
    from facereel.media.writer import VideoWriter

    path = tmp_path_factory.mktemp("video") / "astronaut_moving.mp4"
    with VideoWriter(path, fps=25) as writer:
        for frame in moving_head_frames(astronaut, 12):
            writer.write(frame)
    return path
