"""Real public-domain faces and their landmarks for the mesh-engine tests."""

from __future__ import annotations

import numpy as np
import pytest
from mesh_faces import landmarks


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
