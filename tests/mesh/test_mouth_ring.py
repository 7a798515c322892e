"""No pale ring just inside the lips round a driven open mouth (`figures/mouth_ring.py`): sr_4 (a turned face, its
mouth about 19 px wide at 512 px) driven by lp_d18's wide-open frames (`--mouth driver`)."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from mesh_faces import portrait
from test_mouth_options import _driver, _targets
from test_mouth_teeth import _shrunk

from facereel.engines.mesh import MeshAnimator, MeshOptions
from facereel.engines.mesh.figures.mouth_ring import mouth_ring
from facereel.engines.mesh.geometry.mesh_topology import INNER_LIP_CONTOUR
from facereel.engines.mesh.open_mouth.mouth import DriverFrame
from facereel.face.tracking import track_image

WIDE = (70, 78, 86)  # lp_d18 frames: the mouth wide open (tongue, cavity)


@pytest.fixture(scope="module")
def sr_4_wide():
    """(sr_4 at 512 px, its landmarks tracked there as `animate --size 512` does, lp_d18's frames 0 and `WIDE`, their
    landmarks, the retargeted targets)."""
    image = _shrunk(*portrait("sr_4"))[0]
    lm = track_image(image).landmarks[0]
    frames, driver_lm = _driver("lp_d18", (0,) + WIDE)
    return image, lm, frames, driver_lm, _targets(lm, driver_lm)


def test_real_open_mouth_has_no_ring(sr_4_wide):
    """The driver's own mouth goes from its lips straight into the mouth's shade: under 0.004."""
    _, _, frames, driver_lm, _ = sr_4_wide
    assert np.mean([mouth_ring(f, d) for f, d in zip(frames[1:], driver_lm[1:])]) < 0.004


def test_figure_catches_a_pale_ring(sr_4_wide):
    """The driver's frame with the opening's outermost pixels lifted halfway to white reads over 0.02 higher."""
    _, _, frames, driver_lm, _ = sr_4_wide
    frame, lm = frames[2], driver_lm[2]
    opening = np.zeros(frame.shape[:2], np.uint8)
    cv2.fillPoly(opening, [np.round(lm[INNER_LIP_CONTOUR, :2]).astype(np.int32)], 1)
    edge = (opening > 0) & (cv2.erode(opening, np.ones((3, 3), np.uint8)) == 0)
    pale = frame.copy()
    pale[edge] = 255 - (255 - frame[edge]) // 2
    assert mouth_ring(pale, lm) > mouth_ring(frame, lm) + 0.02


def test_sr_4s_turned_opening_has_no_pale_ring(sr_4_wide):
    """sr_4's driven opening reads under 0.007 on average over the three frames (0.001): the driver's interior
    reaches the whole target opening (`mouth_driver.driver_interior` carries its edge out where the contours' affine
    map falls short of the turned mouth's contour). Before, the synthetic interior showed there, its lip rolled into
    the mouth a pale 1-px line (0.013 on these frames; 0.016 over lp_d18's frames 66-94, the driver's own 0.001)."""
    image, lm, frames, driver_lm, targets = sr_4_wide
    animator = MeshAnimator(image, lm, MeshOptions(eyes=False))
    rings = [mouth_ring(animator.render(t, driver=DriverFrame(f, d)), t)
             for t, f, d in zip(targets[1:], frames[1:], driver_lm[1:])]
    assert np.mean(rings) < 0.007
