"""No pale band inside the lips round a wide-open mouth (`figures/lip_band.py`): lp_s1 (lipstick lit well above its
body) driven by lp_d12's wide-open frame 124 (`--mouth driver`), whose own lips darken towards the opening."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from mesh_faces import portrait
from test_mouth_options import _driver, _targets
from test_mouth_teeth import _shrunk

from facereel.engines.mesh import MeshAnimator, MeshOptions
from facereel.engines.mesh.figures.lip_band import BAND_PX, corner_band, lip_band
from facereel.engines.mesh.geometry.mesh_topology import INNER_LIP_CONTOUR
from facereel.engines.mesh.open_mouth.mouth import DriverFrame
from facereel.face.tracking import track_image

WIDE = (118, 121, 124, 127)  # lp_d12 frames: the mouth wide open (tongue, lower teeth)


@pytest.fixture(scope="module")
def lp_s1_wide():
    """(lp_s1 at 512 px, its landmarks tracked there as `animate --size 512` does, lp_d12's frames 0 and `WIDE`, their
    landmarks, the retargeted targets)."""
    image = _shrunk(*portrait("lp_s1"))[0]
    lm = track_image(image).landmarks[0]
    frames, driver_lm = _driver("lp_d12", (0,) + WIDE)
    return image, lm, frames, driver_lm, _targets(lm, driver_lm)


def test_real_open_mouth_darkens_towards_the_opening(lp_s1_wide):
    """The driver's own lips read well below 0 (-0.14 over lp_d12's frames 118-129)."""
    _, _, frames, driver_lm, _ = lp_s1_wide
    assert lip_band(frames[3], driver_lm[3]) < -0.08


def test_figure_catches_a_pale_band(lp_s1_wide):
    """The driver's frame with its lips' inner band lifted halfway to white reads over 0.1 higher."""
    _, _, frames, driver_lm, _ = lp_s1_wide
    frame, lm = frames[3], driver_lm[3]
    opening = np.zeros(frame.shape[:2], np.uint8)
    cv2.fillPoly(opening, [np.round(lm[INNER_LIP_CONTOUR, :2]).astype(np.int32)], 1)
    near = (cv2.distanceTransform(1 - opening, cv2.DIST_L2, 5) <= BAND_PX) & (opening == 0)
    pale = frame.copy()
    pale[near] = 255 - (255 - frame[near]) // 2
    assert lip_band(pale, lm) > lip_band(frame, lm) + 0.1


def _rendered(lp_s1_wide) -> list[tuple[np.ndarray, np.ndarray]]:
    """(frame, target) of lp_s1 rendered at each of lp_d12's `WIDE` frames, the driver's mouth carried."""
    image, lm, frames, driver_lm, targets = lp_s1_wide
    animator = MeshAnimator(image, lm, MeshOptions(eyes=False))
    return [(animator.render(t, driver=DriverFrame(f, d)), t)
            for t, f, d in zip(targets[1:], frames[1:], driver_lm[1:])]


def test_lp_s1s_opened_lips_stay_darker_at_the_opening(lp_s1_wide):
    """lp_s1's opened lips darken towards the carried interior, under -0.03 on average over the four frames (-0.058):
    the lip edge's lift stops at the lower lip's body's grey level (`lip_edge.BODY`); lifted to its lit colour they
    read -0.013, a salmon ring between the red lips and the interior (the driver's own lips -0.14)."""
    assert np.mean([lip_band(frame, t) for frame, t in _rendered(lp_s1_wide)]) < -0.03


def test_lp_s1s_opened_corners_darken_into_the_corner(lp_s1_wide):
    """lp_s1's opened corners read as lip in shade, under -0.095 on average over the four frames (-0.112): the corners'
    lift targets the lips' colour in shade (`lip_corners.SHADE`); to the lips' median they read -0.078, a salmon band
    at the corners (the driver's own corners -0.24 on frames 112-130, the source repeated +0.13)."""
    assert np.mean([corner_band(frame, t) for frame, t in _rendered(lp_s1_wide)]) < -0.095


def test_real_open_mouth_darkens_into_the_corners(lp_s1_wide):
    """The driver's own corners read well below 0, darker than its lips' band round the whole opening."""
    _, _, frames, driver_lm, _ = lp_s1_wide
    assert corner_band(frames[3], driver_lm[3]) < lip_band(frames[3], driver_lm[3]) < -0.08
