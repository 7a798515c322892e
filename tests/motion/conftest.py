"""Fixtures of the motion tests: real public-domain faces' landmarks."""

from __future__ import annotations

import numpy as np
import pytest

from facereel.face.tracking import track_image


@pytest.fixture(scope="module")
def source(astronaut: np.ndarray) -> np.ndarray:
    """(478, 3) px landmarks of skimage's astronaut (the portrait)."""
    return track_image(astronaut).landmarks[0]


@pytest.fixture(scope="module")
def driver(grace_hopper: np.ndarray) -> np.ndarray:
    """(478, 3) px landmarks of matplotlib's grace_hopper (the driver)."""
    return track_image(grace_hopper).landmarks[0]
