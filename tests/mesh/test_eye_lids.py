"""Closed lids stay on the eye: `EyeRenderer.settle`, scored by `eye_smear.lash_smear`."""

from __future__ import annotations

import numpy as np
import pytest
from mesh_faces import portrait, shared_animator
from mesh_target_edits import close_eye, eye_width

from facereel.engines.mesh.eye.eye_smear import lash_smear, lid_offsets
from facereel.engines.mesh.eye.eyes import LID_DROP
from facereel.face import landmark_ids as ids


def sagging_blink(lm: np.ndarray) -> np.ndarray:
    """Both eyes closed with their lids bent into a V 0.4 eye widths deep (a retargeted blink gone wrong)."""
    lm = close_eye(close_eye(lm, "right"), "left")
    for corners, lids in ((ids.RIGHT_EYE_CORNERS, ids.RIGHT_UPPER_LID + ids.RIGHT_LOWER_LID),
                          (ids.LEFT_EYE_CORNERS, ids.LEFT_UPPER_LID + ids.LEFT_LOWER_LID)):
        a, b = lm[corners[0], 0], lm[corners[1], 0]
        u = np.clip((lm[list(lids), 0] - a) / (b - a), 0, 1)
        lm[list(lids), 1] += 0.4 * eye_width(lm, corners) * (1 - np.abs(2 * u - 1))
    return lm


@pytest.mark.parametrize("face", [pytest.param("lp_s1", marks=pytest.mark.slow), "lp_s5"])
def test_source_repeated_has_no_smear_and_is_left_alone(face):
    image, lm = portrait(face)
    animator = shared_animator(face)
    for eye, smear in zip(animator.eyes, lash_smear(image, lm)):
        assert smear(image, lm) < 0.02
        np.testing.assert_allclose(eye.settle(lm), lm, atol=1e-3)


@pytest.mark.parametrize("face", ["lp_s1", "lp_s5"])
def test_sagging_closed_lids_stay_on_the_eye(face):
    image, lm = portrait(face)
    animator = shared_animator(face)
    target = sagging_blink(lm)
    settled = target
    for eye in animator.eyes:
        settled = eye.settle(settled)
        for lids in eye.lids:
            assert (lid_offsets(settled, eye.corners, lids, eye.down) <= eye.src_lower + LID_DROP + 1e-4).all()
        assert (lid_offsets(target, eye.corners, eye.lids[1], eye.down) > eye.src_lower + 0.2).any()
    out = animator.render(target)
    assert max(smear(out, target) for smear in lash_smear(image, lm)) < 0.05  # 0.37 (lp_s1), 0.26 (lp_s5) before lids were settled


@pytest.mark.parametrize("face", ["lp_s1", "lp_s5"])
def test_a_narrower_turned_eye_is_not_taken_for_a_sagging_lid(face):
    image, lm = portrait(face)
    animator = shared_animator(face)
    turned = lm.copy()
    centre = lm[:, 0].mean()
    turned[:, 0] = centre + 0.75 * (lm[:, 0] - centre)  # the face foreshortened as by a ~40 degree turn
    for eye in animator.eyes:
        np.testing.assert_allclose(eye.settle(turned), turned, atol=1e-3)
