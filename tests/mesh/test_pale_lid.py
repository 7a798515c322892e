"""A lowered lid in the photo's own tone: a shut lid's light is kept from a pale lid highlight (`eyes._no_lighter`),
scored by `figures.pale_lid` (the lid band's median L* less the skin round the eye's)."""

from __future__ import annotations

import numpy as np
import pytest
from mesh_faces import portrait, shared_animator
from mesh_target_edits import close_eye

from facereel.engines.mesh.eye.eyes import _skin_light
from facereel.engines.mesh.figures.pale_lid import pale_lids
from facereel.engines.mesh.geometry.mesh_topology import LEFT_EYE_UPPER, RIGHT_EYE_UPPER


def nearly_shut(lm: np.ndarray) -> np.ndarray:
    """Both upper lids lowered to a fifth of their gap above the lower lids (lp_d3 100-140 looking down)."""
    return close_eye(close_eye(lm, "right", keep=0.2), "left", keep=0.2)


@pytest.mark.parametrize("name, most", [("lp_s12", 10.0), ("sr_8", 6.0)])
def test_a_lowered_lid_is_no_paler_than_the_skin_round_it(name, most):
    """lp_s12 (an old colourised photo: a pale highlight on its lid in a dark socket) and sr_8 (a cyan-lit lid),
    both upper lids lowered to a fifth of their gap: the lowered lid eased to the lid highlight's light was a pale
    band in the dark socket, read as a white eye (`pale_lid` right / left lp_s12 17.3 / 1.3, sr_8 0.2 / 7.5 L*;
    the source's own open lid 4.9 / -15.5, -9.4 / -5.8). Kept to the ring's median above its 75th percentile:
    6.4 / 1.3 and 0.2 / 3.5. sr_4's window-lit lid (no paler than a quarter of its ring) and lp_s1 keep theirs."""
    image, lm = portrait(name)
    target = nearly_shut(lm)
    out = shared_animator(name).render(target)
    assert max(pale_lids(image, lm, out, target)) < most


@pytest.mark.parametrize("name", ["sr_4", "lp_s1"])
def test_a_lit_lid_keeps_its_light(name):
    """sr_4 (its left lid lit by a window, lighter than the skin round it: 10.1 L* lowered) and lp_s1: their lid's
    light is no highlight paler than 3/4 of the skin round the eye, so a shut lid eases to it as before."""
    image, lm = portrait(name)
    for eye, upper in zip(shared_animator(name).eyes, (RIGHT_EYE_UPPER, LEFT_EYE_UPPER)):
        light = _skin_light(image, lm[list(upper), :2].astype(np.float32), eye.src_corners)
        np.testing.assert_allclose(eye.skin, light, rtol=1e-6)
