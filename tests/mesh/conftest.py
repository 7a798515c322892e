"""Real public-domain faces and their landmarks for the mesh-engine tests; lp_s1 driven by lp_d18 (a
wide-open laugh) where ../shared/data is present."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import cv2
import imageio.v3 as iio
import numpy as np
import pytest
from mesh_faces import forget_set_ups, landmarks, portrait

from facereel.engines.mesh.animator import MeshAnimator, MeshOptions
from facereel.engines.mesh.figures.teeth_band import TALKING, teeth_band_reads
from facereel.face.tracking import track_frames, track_image
from facereel.media.image import read_image
from facereel.media.video import open_video
from facereel.motion.extract import extract_motion
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget


def _astronaut() -> np.ndarray:
    import skimage.data

    return np.ascontiguousarray(skimage.data.astronaut())


def _grace_hopper() -> np.ndarray:
    import imageio.v3 as iio
    from matplotlib import cbook

    return np.ascontiguousarray(iio.imread(cbook.get_sample_data("grace_hopper.jpg", asfileobj=False))[..., :3])


@pytest.fixture(scope="module", autouse=True)
def _set_ups_per_file() -> None:
    """Each test file starts with no shared set-up (`mesh_faces.set_up_copy`), so a file reads the same run alone
    as beside whichever files share its worker."""
    forget_set_ups()


@pytest.fixture(scope="module")
def lp_s1_512() -> tuple[np.ndarray, np.ndarray]:
    """lp_s1 resized to 512 x 512 as bench/animate_speed.py has it, and its landmarks."""
    image, _ = portrait("lp_s1")
    image = cv2.resize(image, (512, 512), interpolation=cv2.INTER_AREA)
    lm = landmarks(image)
    assert lm is not None
    return image, lm


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


@pytest.fixture(scope="session")
def laughing(shared_data: Path) -> Callable[[str], list[tuple[np.ndarray, np.ndarray]]]:
    """A function of a portrait's name (../shared/data/portraits/<name>.jpg) giving (frame, target landmarks) of
    preset:laugh's open frames (every 6th, from `TALKING` mouth widths) at 512 px (as `animate --size 512`),
    synthetic interior; each portrait rendered once per session."""
    rendered: dict[str, list[tuple[np.ndarray, np.ndarray]]] = {}

    def frames(name: str) -> list[tuple[np.ndarray, np.ndarray]]:
        if name not in rendered:
            image = read_image(shared_data / "portraits" / f"{name}.jpg")
            scale = 512 / max(image.shape[:2])
            image = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
            lm = track_image(image).landmarks[0]
            targets = retarget(lm, preset_motion("laugh", 4.0), RetargetOptions().for_engine("mesh"))[::6]
            animator = MeshAnimator(image, lm, MeshOptions(mouth_interior="synthetic"))
            rendered[name] = [(animator.render(t), t) for t in targets if teeth_band_reads(t, TALKING)]
        return rendered[name]

    return frames
