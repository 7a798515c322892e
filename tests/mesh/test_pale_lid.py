"""A lowered lid in the photo's own tone: a shut lid's light is kept to the socket's skin (`eyes._no_lighter`),
scored by `figures.pale_lid` (the lid band's median L* less the skin round the eye's)."""

from __future__ import annotations

import numpy as np
import pytest
from mesh_faces import portrait, shared_animator
from mesh_target_edits import close_eye

from facereel.engines.mesh.composite import LUMA
from facereel.engines.mesh.eye.eyes import _skin_light, ring_pixels
from facereel.engines.mesh.figures.pale_lid import pale_lids
from facereel.engines.mesh.geometry.mesh_topology import LEFT_EYE_UPPER, RIGHT_EYE_UPPER


def nearly_shut(lm: np.ndarray) -> np.ndarray:
    """Both upper lids lowered to a fifth of their gap above the lower lids (lp_d3 100-140 looking down)."""
    return close_eye(close_eye(lm, "right", keep=0.2), "left", keep=0.2)


@pytest.mark.parametrize("name, most", [("lp_s12", (3.0, -4.0)), ("sr_8", (3.0, 6.0))])
def test_a_lowered_lid_is_no_paler_than_the_skin_round_it(name, most):
    """lp_s12 (an old colourised photo: pale highlights on his lids in dark sockets) and sr_8 (a cyan-lit lid), both
    upper lids lowered to a fifth of their gap: the lowered lid eased to the lid highlight's light was a pale band
    in the dark socket, read as a white eye. `pale_lid` right / left (image-left / image-right), L*: the source's
    own open lids lp_s12 4.9 / -15.5, sr_8 -9.4 / -5.8; before h29 17.3 / 1.3 and 0.2 / 7.5; h29's rank of the whole
    ring (the image-right lid, 157 grey under its pale ring's 75th percentile, kept) 6.4 / 1.3 and 0.2 / 3.5; kept
    to the socket's skin (the ring above the eye: 59 / 129 grey) 0.2 / -8.1 and -1.5 / 2.8."""
    image, lm = portrait(name)
    target = nearly_shut(lm)
    out = shared_animator(name).render(target)
    assert np.all(np.array(pale_lids(image, lm, out, target)) < most)


@pytest.mark.parametrize("name", ["lp_s5", "lp_s0"])
def test_a_lid_no_paler_than_its_socket_keeps_its_light(name):
    """lp_s5 and lp_s0 (her painted socket, whose crease shadow is not brought onto the lid: `_skin_light`): their
    lid's light (78 / 77, 122 / 90 grey) is no paler than the socket's median (84 / 78, 123 / 91), so a shut lid
    eases to it as before (the frames bit for bit; here within float32 rounding of the landmarks it is fitted on)."""
    image, lm = portrait(name)
    for eye, upper in zip(shared_animator(name).eyes, (RIGHT_EYE_UPPER, LEFT_EYE_UPPER)):
        light = _skin_light(image, lm[list(upper), :2].astype(np.float32), eye.src_corners)
        np.testing.assert_allclose(eye.skin, light, rtol=1e-6)


def test_a_window_lit_lid_takes_the_socket_colour():
    """sr_4's image-right lid, lit by a window (its light 152 grey, a whitish highlight; the socket's median 87): kept
    to the socket's skin, no paler than its median and in its colour (red over blue within 10 % of the socket's
    median skin), not the highlight's darkened (a grey patch over the shut eye). Before: the light as it was."""
    image, _ = portrait("sr_4")
    eye = shared_animator("sr_4").eyes[1]
    socket = ring_pixels(image, eye.src_contour, eye.eye_width, eye._lid_frame[4:]).astype(np.float32)
    grey = socket @ LUMA
    skin = np.median(socket[np.abs(grey - np.median(grey)) <= 5], axis=0)
    assert eye.skin[0] @ LUMA <= 1.05 * np.median(grey)
    assert eye.skin[0][0] / eye.skin[0][2] == pytest.approx(skin[0] / skin[2], rel=0.1)
