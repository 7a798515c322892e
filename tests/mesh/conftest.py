"""Real public-domain faces and their landmarks for the mesh-engine tests."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from facereel.errors import InputError
from facereel.face.tracking import track_image

PORTRAITS = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "portraits"


def landmarks(image: np.ndarray) -> np.ndarray | None:
    """(478, 3) float32 landmarks of the face in `image` (image px), or None when none is found."""
    try:
        return track_image(image).landmarks[0]
    except InputError:
        return None


def _astronaut() -> np.ndarray:
    import skimage.data

    return np.ascontiguousarray(skimage.data.astronaut())


def _grace_hopper() -> np.ndarray:
    import imageio.v3 as iio
    from matplotlib import cbook

    return np.ascontiguousarray(iio.imread(cbook.get_sample_data("grace_hopper.jpg", asfileobj=False))[..., :3])


@pytest.fixture(scope="session", params=["astronaut", "grace_hopper"])
def face(request) -> tuple[np.ndarray, np.ndarray]:
    """(image (H, W, 3) uint8 RGB, landmarks (478, 3) px) of a built-in public-domain portrait."""
    image = {"astronaut": _astronaut, "grace_hopper": _grace_hopper}[request.param]()
    lm = landmarks(image)
    assert lm is not None
    return image, lm


def portrait(name: str) -> tuple[np.ndarray, np.ndarray]:
    """A shared test portrait and its landmarks; skips when the data set is absent."""
    import imageio.v3 as iio

    path = next(iter(sorted(PORTRAITS.glob(f"{name}.*"))), None) if PORTRAITS.is_dir() else None
    if path is None:
        pytest.skip(f"{PORTRAITS}/{name}.* not present")
    image = np.ascontiguousarray(iio.imread(path)[..., :3])
    lm = landmarks(image)
    if lm is None:
        pytest.skip(f"no face found in {path}")
    return image, lm
