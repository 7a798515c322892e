"""Real public-domain faces and their landmarks for the mesh-engine tests; lp_s1 driven by lp_d18 (a
wide-open laugh) where ../shared/data is present."""

from __future__ import annotations

from pathlib import Path

import imageio.v3 as iio
import numpy as np
import pytest
from mesh_faces import landmarks

from facereel.face.tracking import track_frames, track_image
from facereel.media.video import open_video
from facereel.motion.extract import extract_motion
from facereel.motion.retarget import RetargetOptions, retarget


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


@pytest.fixture(scope="session")
def lp_s1_laughing(shared_data: Path) -> tuple[np.ndarray, np.ndarray, list[np.ndarray]]:
    """lp_s1 (image, landmarks (478, 3) px) and its targets retargeted from lp_d18's first 155 frames."""
    image = np.ascontiguousarray(iio.imread(shared_data / "portraits" / "lp_s1.jpg")[..., :3])
    lm = track_image(image).landmarks[0]
    with open_video(shared_data / "driving" / "lp_d18.mp4") as video:
        fps = video.fps
        frames = [f for _, f in zip(range(155), video.frames())]
    return image, lm, retarget(lm, extract_motion(track_frames(iter(frames), fps)), RetargetOptions().for_engine("mesh"))
