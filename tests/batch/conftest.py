"""Inputs of the batch tests: real portraits, a faceless photo and driving videos, in folders as a user has them."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from facereel.media.image import write_image


@pytest.fixture(scope="session")
def portraits(tmp_path_factory: pytest.TempPathFactory, astronaut: np.ndarray, grace_hopper: np.ndarray) -> Path:
    folder = tmp_path_factory.mktemp("portraits")
    write_image(folder / "astronaut.png", astronaut)
    write_image(folder / "grace_hopper.png", grace_hopper)
    return folder


@pytest.fixture(scope="session")
def faceless(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from skimage import data

    path = tmp_path_factory.mktemp("faceless") / "coffee.png"
    write_image(path, data.coffee())
    return path


@pytest.fixture(scope="session")
def drivers(tmp_path_factory: pytest.TempPathFactory, astronaut_video: Path) -> Path:
    folder = tmp_path_factory.mktemp("drivers")
    shutil.copy(astronaut_video, folder / astronaut_video.name)
    return folder
