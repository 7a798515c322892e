"""No stripes across a driven talking mouth (`figures/mouth_stripes.py`): sr_4 (../shared/data; skipped when absent)
at 512 px driven by sr_1, which speaks with its mouth open from its first frame (the reference), so its openings are
carried into flatter target openings; the driver's interior keeps its height for its width there
(`mouth_driver.unsqueezed_map`) instead of being pressed into 1-px rows of teeth and shadow."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from mesh_faces import portrait
from test_mouth_options import _driver, _targets
from test_mouth_teeth import _shrunk

from facereel.engines.mesh import MeshAnimator, MeshOptions
from facereel.engines.mesh.figures.mouth_stripes import mouth_stripes
from facereel.engines.mesh.open_mouth.mouth import DriverFrame
from facereel.face import landmark_ids as ids

TALKING = (10, 15, 20, 68, 76)  # sr_1 frames: small target openings (sr_4 x sr_1 at 512 drew a white slash in each)
WIDE = 40  # sr_1 frame: its mouth wide open


@pytest.fixture(scope="module")
def sr_4_on_sr_1():
    """(sr_4 at 512 px with its landmarks scaled, sr_1's frames 0, `TALKING` and `WIDE`, their landmarks, the
    retargeted targets: frame 0 the reference)."""
    image, lm = _shrunk(*portrait("sr_4"))
    frames, driver_lm = _driver("sr_1", (0,) + TALKING + (WIDE,))
    return image, lm, frames, driver_lm, _targets(lm, driver_lm)


def test_real_mouths_read_no_stripes(sr_4_on_sr_1):
    """sr_1's own mouth, talking or wide open, reads 0 on every frame looked at."""
    _, _, frames, driver_lm, _ = sr_4_on_sr_1
    assert all(mouth_stripes(f, lm) == 0.0 for f, lm in zip(frames[1:], driver_lm[1:]))


def test_figure_catches_a_thin_line(sr_4_on_sr_1):
    """sr_1's wide-open frame with a 1-px white line drawn across its opening, corner to corner, reads over 0.5
    mouth widths."""
    _, _, frames, driver_lm, _ = sr_4_on_sr_1
    frame, lm = frames[-1].copy(), driver_lm[-1]
    mid = 0.5 * (lm[13, :2] + lm[14, :2])
    left, right = lm[ids.INNER_UPPER_LIP[0], :2], lm[ids.INNER_UPPER_LIP[-1], :2]
    cv2.line(frame, tuple(np.round(left + mid - 0.5 * (left + right)).astype(int)),
             tuple(np.round(right + mid - 0.5 * (left + right)).astype(int)), (255, 255, 255), 1)
    assert mouth_stripes(frame, lm) > 0.5


def test_sr_4s_talking_mouth_on_sr_1_shows_no_stripes(sr_4_on_sr_1):
    """Over the talking frames the mean stays under 0.1 mouth widths (measured 0: a dark opening, the teeth's soft
    edge at frames 10 and 15; the contours' affine map alone, the engine before: 0.349, a white slash outlined in
    black in four of the five); the photo read at the targets' openings (the source repeated) reads 0."""
    image, lm, frames, driver_lm, targets = sr_4_on_sr_1
    animator = MeshAnimator(image, lm, MeshOptions(eyes=False))
    picked = range(1, 1 + len(TALKING))
    stripes = [mouth_stripes(animator.render(targets[k], driver=DriverFrame(frames[k], driver_lm[k])), targets[k])
               for k in picked]
    assert all(mouth_stripes(image, targets[k]) == 0.0 for k in picked)
    assert np.mean(stripes) < 0.1, np.round(stripes, 3)
