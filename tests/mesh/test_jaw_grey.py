"""The grey drawn along a turned photo's far jaw when a turn opens its edge-on lower cheek (`figures.jaw_grey`; issue #9
item 2, sr_4 x preset:turn 86; mended by `pose_limit.raised_pitch_share`: docs/status.md h31-jaw86)."""

from __future__ import annotations

import numpy as np
import pytest
from mesh_faces import portrait
from skimage.draw import polygon

from facereel.engines.mesh import MeshAnimator
from facereel.engines.mesh.figures.jaw_grey import RIGHT_CHEEK, jaw_grey
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

SMEAR_RGB = (110, 83, 60)
"""sr_4 x preset:turn 86's grey patch at the far jaw angle (its median colour)."""


def test_the_figure_reads_grey_painted_on_the_far_cheek_and_little_of_the_photo():
    """sr_4's photo (his far cheek, subject's right, with the moustache's tail) reads 0.021; with the lower half of the
    cheek's polygon (below its centre row) painted the smear's grey, at least that half's share more."""
    image, lm = portrait("sr_4")
    assert jaw_grey(image, lm, right=True) < 0.04
    points = lm[list(RIGHT_CHEEK), :2]
    rows, cols = polygon(points[:, 1], points[:, 0], image.shape[:2])
    lower = rows > np.median(rows)
    painted = image.copy()
    painted[rows[lower], cols[lower]] = SMEAR_RGB
    assert jaw_grey(painted, lm, right=True) >= lower.mean()


@pytest.mark.heavy
def test_sr_4s_far_jaw_is_not_drawn_out_grey_on_a_raised_chin_turned_back():
    """sr_4 (own size) x preset:turn frame 86, as `bench/warp_health.py` renders it (turned back 15 deg, chin raised
    25 deg): the far lower cheek the photo shows edge-on was opened ~3x (0.27 -> 0.84 mouth widths from mouth corner
    to jaw) from the photo's silhouette, a grey fan to the jaw angle: `jaw_grey` 0.121 before (the photo 0.021); with
    the raised chin's pitch limited (`raised_pitch_share`) 0.029."""
    image, lm = portrait("sr_4")
    animator = MeshAnimator(image, lm)
    target = retarget(lm, preset_motion("turn", 4.0), RetargetOptions(smoothing=None, translate=True))[86]
    frame = animator.render(target)
    drawn = animator.vertices[:len(lm), :2] + animator.origin
    assert jaw_grey(image, lm, right=True) < 0.04
    assert jaw_grey(frame, drawn, right=True) < 0.05
