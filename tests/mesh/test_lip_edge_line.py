"""No pale line round the driven opening's lower half (`--mouth driver`, issue #9 item 3): lp_s12's closed mouth opened
by lp_d18's wide frames had its lower lip's edge lifted (`lip_edge.py`, the photo's lip seam carried down) to its
photo's lip body's grey level (120), lighter than the drawn lip under it (stretched, its crease's shade: 85-95), a
thin pale line round the opening. The lift now stops at the drawn lip under it, column by column
(`lip_edge.drawn_body`); `figures/lip_band.lower_band` reads the lower lip's band against its body."""

from __future__ import annotations

import numpy as np
import pytest
from test_mouth_teeth import WIDE, _driven

from facereel.engines.mesh import MeshAnimator, MeshOptions
from facereel.engines.mesh.figures.lip_band import lower_band
from facereel.engines.mesh.open_mouth.lip_edge import drawn_body
from facereel.engines.mesh.open_mouth.mouth import DriverFrame


@pytest.fixture(scope="module")
def lp_s12_wide():
    """(frame, target landmarks) of lp_s12 at 512 px driven to lp_d18's wide-open frame `WIDE` (`--mouth driver`)."""
    image, lm, frames, driver_lm, targets = _driven("lp_d18", WIDE, "lp_s12")
    out = MeshAnimator(image, lm, MeshOptions(eyes=False)).render(targets[1],
                                                                  driver=DriverFrame(frames[1], driver_lm[1]))
    return out, targets[1]


def test_lower_lip_darkens_towards_the_opening(lp_s12_wide):
    """The lower lip's band (2 px round the opening) darker than its body: `lower_band` below 0 (a pale line reads
    above). Lifted to the photo's lip body (the engine before): +0.046; now -0.041; the driver's own -0.017; over
    lp_d18 64-100 (step 4) the mean +0.001 -> -0.086 (driver -0.041). Looked at 4x (driver | before | now, frames
    64, 72, 85, 96): the pale line round the lower half gone, lip-coloured down to the dark opening."""
    out, target = lp_s12_wide
    assert lower_band(out, target) < 0


def test_drawn_body_is_each_columns_median():
    """`drawn_body`: each column's median grey level over the pixels it is given; inf in a column with none."""
    box = np.zeros((4, 3, 3), np.uint8)
    box[:, 0] = [[10] * 3, [20] * 3, [200] * 3, [30] * 3]
    box[:, 1] = 50
    below = np.array([[1, 1, 0], [1, 1, 0], [1, 0, 0], [0, 0, 0]], bool)
    assert drawn_body(box, below) == pytest.approx([20.0, 50.0, np.inf])
