"""The photo's jaw side traced in the neck's tone under a raised chin (issue #9): the jaw band colouring the tone
is averaged along it (`neck_tone.along_band`); `figures.tone_trace.side_step` reads the trace."""

from __future__ import annotations

import numpy as np
import pytest
from mesh_faces import portrait

from facereel.engines.mesh import MeshAnimator
from facereel.engines.mesh.composite import face_size
from facereel.engines.mesh.figures.tone_trace import side_step
from facereel.engines.mesh.neck_layer import neck
from facereel.engines.mesh.neck_layer.neck_tone import along_band
from facereel.face import landmark_ids as ids
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

RAISED = range(10, 25, 2)
"""preset:turn (4 s) frames with lp_s12's chin raised and turned."""


def test_a_feature_inside_the_band_is_spread_along_it_and_nothing_else_changes():
    """`along_band`: a dark spot inside the band is averaged with the band round it; pixels off the band keep their
    colours; a band of one colour stays that colour."""
    colour = np.full((30, 80, 3), 150.0, np.float32)
    band = np.zeros((30, 80), bool)
    band[10:16] = True
    colour[10:16, 40:43] = 20.0  # the shadow under an ear, inside the band
    colour[20:, :] = 90.0  # off the band
    out = along_band(colour, band, face_px=100.0)
    assert out[12, 41, 0] > 120.0, out[12, 41]
    np.testing.assert_array_equal(out[~band], colour[~band])
    plain = np.where(band[..., None], 150.0, colour).astype(np.float32)
    np.testing.assert_allclose(along_band(plain, band, 100.0)[band], 150.0, atol=1e-3)


def _side_steps(image: np.ndarray, lm: np.ndarray) -> tuple[float, list[float]]:
    """`side_step` of lp_s12 at its own size: on the source repeated, then on `RAISED` frames of preset:turn."""
    animator = MeshAnimator(image, lm)
    (x0, y0), (h, w) = animator.origin.astype(int), animator.layer.alpha.shape
    photo, chin, face = animator.layer.plate_alpha, float(lm[ids.CHIN, 1] - y0), face_size(lm)
    targets = retarget(lm, preset_motion("turn"), RetargetOptions().for_engine("mesh"))
    reads = []
    for k in RAISED:
        frame = animator.render(targets[k])[y0:y0 + h, x0:x0 + w]
        reads.append(side_step(frame, animator.drawn_alpha(), photo, chin, face))
    return side_step(image[y0:y0 + h, x0:x0 + w], photo, photo, chin, face), reads


def test_lp_s12s_raised_chin_leaves_no_trace_of_his_jaw_side_in_the_tone(monkeypatch: pytest.MonkeyPatch):
    """lp_s12 x preset:turn 10-24: with the band averaged the uncovered band's steepest side steps read lower than the
    engine before's, whose tone copied the shadow under his ear as a dark stroke down the block's right edge
    (measured mean 3.84 -> 3.37 L per px, frame 20 6.06 -> 4.43; source repeated 0; crops source | before | after at
    4x, x 180-280 y 180-250)."""
    image, lm = portrait("lp_s12")
    still, now = _side_steps(image, lm)
    with monkeypatch.context() as patch:
        patch.setattr(neck, "along_band", lambda colour, band, face_px: colour)
        _, before = _side_steps(image, lm)
    assert still == 0.0
    assert np.mean(now) < 0.92 * np.mean(before), (now, before)
