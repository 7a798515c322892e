"""A driver's teeth carried into a much smaller opening without streaks (`figures/teeth_streaks.py`,
`open_mouth/minified.py`): sr_8 (../shared/data; skipped when absent) at 320 px driven by lp_d19's grin (frames
120-160 of it, the first the reference as a clip cut there), whose 96 px mouth lands in a 37 px opening."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from mesh_faces import portrait
from test_mouth_options import _driver, _targets
from test_mouth_teeth import _shrunk

from facereel.engines.mesh import MeshAnimator, MeshOptions
from facereel.engines.mesh.figures.teeth_streaks import at_width, fine_share, streaks
from facereel.engines.mesh.open_mouth.minified import MINIFIED, minified
from facereel.engines.mesh.open_mouth.mouth import DriverFrame
from facereel.engines.mesh.open_mouth.mouth_shape import mouth_gap

GRIN = (120, 157, 158, 159)  # lp_d19: the clip's first frame (the reference), its grin with the upper teeth


@pytest.fixture(scope="module")
def sr_8_grin():
    """(sr_8 at 320 px, its landmarks, lp_d19's `GRIN` frames, their landmarks, the retargeted landmarks)."""
    image, lm = _shrunk(*portrait("sr_8"), 320)
    frames, driver_lm = _driver("lp_d19", GRIN)
    return image, lm, frames, driver_lm, _targets(lm, driver_lm)


def test_figure_reads_an_aliased_copy_of_the_drivers_mouth(sr_8_grin):
    """lp_d19's grin shrunk to sr_8's 37 px mouth: by area (every pixel's share) it reads as itself (`streaks` 1.01: read again at that width),
    by nearest pixel (every 2.6th column) over 1.3 of it."""
    _, _, frames, driver_lm, targets = sr_8_grin
    frame, lm = frames[2], driver_lm[2]
    width = mouth_gap(targets[2])[1]
    small, small_lm = at_width(frame, lm, width)
    s = small.shape[1] / frame.shape[1]
    picked = cv2.resize(frame, (small.shape[1], small.shape[0]), interpolation=cv2.INTER_NEAREST)
    assert streaks(small, small_lm, frame, lm) == pytest.approx(1.0, abs=0.05)
    assert streaks(picked, small_lm, frame, lm) > 1.3
    assert 0.3 < s < 0.45


def test_sr_8s_carried_teeth_at_320_px_hold_no_streaks(sr_8_grin):
    """Frames 37-39 of the clip: the opening's 1-px steps along its rows no more than the driver's own mouth at that
    width holds (`streaks` under 1: 0.83 / 0.78 / 0.75; h35-fresh's find (5), the bilinear map reading every 2.6th
    column of the teeth: 2.01 / 1.69 / 1.65, a smeared block of vertical streaks; the source repeated 0.47 / 0.42 /
    0.38, its own slit of teeth)."""
    image, lm, frames, driver_lm, targets = sr_8_grin
    animator = MeshAnimator(image, lm, MeshOptions(eyes=False))
    for k in (1, 2, 3):
        out = animator.render(targets[k], driver=DriverFrame(frames[k], driver_lm[k]))
        assert streaks(out, targets[k], frames[k], driver_lm[k]) < 1.0


def test_a_map_that_shrinks_little_reads_the_layer_as_given():
    """`minified` leaves the layer of a map at `MINIFIED`'s first scale or more as it is (lp_s1 at 512 x lp_d18, the
    magnified pairs: drawn bit for bit); at half scale 1-px light and dark columns (a 2 px step skips one of each
    pair) come back as their mean, where a third of the way into the ramp they keep two thirds of their swing."""
    columns = np.tile(np.array([0.0, 1.0], np.float32), 16)[None, :, None] * np.ones((12, 1, 2), np.float32)
    for scale in (MINIFIED[0], 0.9, 1.7):
        assert minified(columns, scale) is columns
    flat = minified(columns, MINIFIED[1])
    assert flat.shape == columns.shape
    assert np.allclose(flat[:, 2:-2], 0.5, atol=1e-5)
    part = minified(columns, MINIFIED[0] - (MINIFIED[0] - MINIFIED[1]) / 3)
    swing = part[:, 3:-3, 0].max() - part[:, 3:-3, 0].min()
    assert 0.6 < swing < 0.75


def test_fine_share_reads_none_on_a_closed_mouth(sr_8_grin):
    """The reference frame's closed mouth holds no opening to read."""
    _, _, frames, driver_lm, _ = sr_8_grin
    assert fine_share(frames[0], driver_lm[0]) is None
