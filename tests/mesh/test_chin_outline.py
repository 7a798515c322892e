"""The chin's lower outline over the neck (issue #9): lp_s1's chin landmarks lie nearly in a line under
its round chin, and the head mask followed those chords: a dropped jaw carried a straight horizontal cut
over the pearl necklace (lp_s1 x lp_d18). `chin_outline.round_jaw` rounds the jaw line of the mask;
`chin_outline.chin_kinks` reads the corners of the drawn outline under the chin."""

from __future__ import annotations

import numpy as np
import pytest
from mesh_faces import portrait

from facereel.engines.mesh import MeshAnimator, head_proxy
from facereel.engines.mesh.chin_outline import chin_kinks, round_jaw
from facereel.engines.mesh.composite import face_size
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

LAUGH_FRAMES = (12, 25)  # preset:laugh (2 s), the mouth open


def test_round_jaw_rounds_a_corner_and_keeps_the_jaw_angles():
    jaw = np.array([[0.0, 0.0], [50.0, 100.0], [100.0, 0.0]])  # a V: a chin's corner at (50, 100)
    out = round_jaw(jaw, 200.0)
    assert np.allclose(out[0], jaw[0]) and np.allclose(out[-1], jaw[-1])
    assert len(out) > 100  # resampled about every px
    assert out[:, 1].max() < 95.0  # the corner pulled in towards the inside
    line = round_jaw(np.array([[0.0, 0.0], [50.0, 0.0], [100.0, 0.0]]), 200.0)
    assert np.abs(line[:, 1]).max() < 1e-6  # a straight jaw stays straight


def _kinks(image: np.ndarray, lm: np.ndarray) -> list[float]:
    """The sharpest bend (px) of the chin's outline: at rest, then on preset:laugh's open mouths."""
    animator = MeshAnimator(image, lm)
    targets = retarget(lm, preset_motion("laugh", 2.0), RetargetOptions().for_engine("mesh"))
    out = [chin_kinks(animator.drawn_alpha(), lm[152, :2] - animator.origin, face_size(lm))]
    for k in LAUGH_FRAMES:
        animator.render(targets[k])
        out.append(chin_kinks(animator.drawn_alpha(), targets[k][152, :2] - animator.origin, face_size(targets[k])))
    return out


@pytest.mark.parametrize("name", ["lp_s1"])
def test_the_chin_outline_has_no_corners(name, monkeypatch):
    image, lm = portrait(name)
    now = _kinks(image, lm)
    with monkeypatch.context() as patch:
        patch.setattr(head_proxy, "round_jaw", lambda jaw, face_px: np.asarray(jaw, np.float32))
        chords = _kinks(image, lm)
    assert now[0] < 0.8 * chords[0], (now, chords)  # at rest: the mask's own outline
    assert np.mean(now[1:]) < 0.9 * np.mean(chords[1:]), (now, chords)  # the open mouths
