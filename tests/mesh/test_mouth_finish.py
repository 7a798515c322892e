"""The painted opening finished to the portrait's own look (`open_mouth/mouth_finish.py`), on real faces: sr_4 in
greyscale (R = G = B) gets a grey mouth, synthetic (preset:laugh) and the driver's (lp_d18's wide frame 85); lp_s5
shrunk to 256 px and given at 1024 gets the driver's interior as soft as its face (`figures/mouth_focus`); the
../shared/data photos at their own size read sharp (their openings as before)."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from mesh_faces import landmarks, portrait
from test_mouth_options import _driver, _targets

from facereel.engines.mesh import MeshAnimator, MeshOptions
from facereel.engines.mesh.figures.mouth_chroma import interior_chroma
from facereel.engines.mesh.figures.mouth_focus import opening_focus
from facereel.engines.mesh.open_mouth.mouth import DriverFrame
from facereel.engines.mesh.open_mouth.mouth_finish import softness
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

WIDE = 85  # lp_d18 frame: the mouth wide open
LAUGH = 25  # preset:laugh frame: the mouth wide open


def _grey(image: np.ndarray) -> np.ndarray:
    """(H, W, 3) uint8: an RGB photo in black and white (its luma in every channel), as PIL's mode L given as RGB."""
    return np.repeat(cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)[..., None], 3, axis=2)


def _magnified(image: np.ndarray, small: int = 256, size: int = 1024) -> np.ndarray:
    """(size, size, 3) uint8: a square photo shrunk to `small` px and given at `size` (a low-resolution photo)."""
    shrunk = cv2.resize(image, (small, small), interpolation=cv2.INTER_AREA)
    return cv2.resize(shrunk, (size, size), interpolation=cv2.INTER_CUBIC)


def _driven(image: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(frame, its target landmarks): `image` driven by lp_d18's wide frame 85 (`--mouth driver`)."""
    lm = landmarks(image)
    assert lm is not None
    frames, driver_lm = _driver("lp_d18", (0, WIDE))
    target = _targets(lm, driver_lm)[1]
    out = MeshAnimator(image, lm, MeshOptions(mouth_interior="driver")).render(
        target, driver=DriverFrame(frames[1], driver_lm[1]))
    return out, target


@pytest.mark.slow
def test_a_grey_photo_gets_a_grey_synthetic_mouth():
    """sr_4 in black and white x preset:laugh at its widest: the opening's mean CIELAB chroma (`interior_chroma` over
    a colourless skin: its chroma floor 1) under 0.5 (0.06). It was 3.0, up to 7.8: a maroon-brown cavity and
    warm teeth in a grey photo."""
    image = _grey(portrait("sr_4")[0])
    lm = landmarks(image)
    target = retarget(lm, preset_motion("laugh"), RetargetOptions().for_engine("mesh"))[LAUGH]
    out = MeshAnimator(image, lm, MeshOptions(mouth_interior="synthetic")).render(target)
    assert interior_chroma(out, target)[1] < 0.5


@pytest.mark.slow
def test_a_grey_photo_gets_a_grey_driver_mouth():
    """sr_4 in black and white x lp_d18's wide frame: the carried interior's mean chroma under 0.5 (0.11); it kept
    the driver's red cavity (15.6)."""
    out, target = _driven(_grey(portrait("sr_4")[0]))
    assert interior_chroma(out, target)[1] < 0.5


def test_a_magnified_photo_gets_an_opening_as_soft_as_its_face():
    """lp_s5 shrunk to 256 px and given at 1024 x lp_d18's wide frame: the opening's fine detail share over the
    face's round it (`opening_focus`) under 1.5 (about 1.2): the driver's interior, magnified and unsharp-masked,
    with its polygon's outline, read 3-4.7 (lp_d18 60-90 frames 6-24), crisp in the blurred face."""
    out, target = _driven(_magnified(portrait("lp_s5")[0]))
    assert opening_focus(out, target) < 1.5


@pytest.mark.parametrize("name", ["lp_s0", "lp_s1", "lp_s12", "lp_s5", "sr_18", "sr_4", "sr_8"])
def test_photos_at_their_own_size_read_sharp(name):
    """The ../shared/data photos at their own size are not softer than their pixels (`softness` 0; their shares
    0.010-0.057 against the magnified lp_s5's 0.003): their openings are drawn as before."""
    assert softness(*portrait(name)) == 0
