"""A lowered lid in the photo's own tone: a shut lid's light is kept from a pale lid highlight (`eyes._no_lighter`)
and from a pale fold above the lashes (`eyes._no_fold_light`), scored by `figures.pale_lid` (the lid band's median L*
less the skin round the eye's)."""

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


@pytest.mark.parametrize("name, most", [("lp_s12", 10.0), pytest.param("sr_8", 6.0, marks=pytest.mark.slow)])
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


def test_a_pale_fold_is_not_a_lowered_lids_light():
    """lp_s12's image-right (left) lid, lowered to a fifth of its gap: its light (157 grey) is the photo's pale fold
    above the lashes under a dark crease (22 grey levels paler half-way up the carried lid than at its top), as pale
    as the skin round the eye mostly is (1.02 of its median, under the 75th percentile `_no_lighter` looks at), and
    was a pale band between the socket and the lash line, read as a white eye (`pale_lid` left 1.3 L*; the source's
    own open lid -15.5). Brought to the lid's top (122 grey): -10.6."""
    image, lm = portrait("lp_s12")
    target = nearly_shut(lm)
    out = shared_animator("lp_s12").render(target)
    assert pale_lids(image, lm, out, target)[1] < -5.0


@pytest.mark.parametrize("name", ["sr_4", pytest.param("lp_s1", marks=pytest.mark.slow),
                                  pytest.param("sr_18", marks=pytest.mark.slow)])
def test_a_lit_lid_keeps_its_light(name):
    """sr_4 (its left lid lit by a window, lighter than the skin round it: 10.1 L* lowered), lp_s1 and sr_18 (a pale
    fold above its lashes in a shaded socket: its light 0.87 / 0.95 of the ring's median): their lid's light is no
    highlight paler than 3/4 of the skin round the eye nor a fold as pale as that skin, so a shut lid eases to it as
    before."""
    image, lm = portrait(name)
    for eye, upper in zip(shared_animator(name).eyes, (RIGHT_EYE_UPPER, LEFT_EYE_UPPER)):
        light = _skin_light(image, lm[list(upper), :2].astype(np.float32), eye.src_corners)
        np.testing.assert_allclose(eye.skin, light, rtol=1e-6)
