"""A wide-open mouth's corners show lip, not the photo's slit shadow drawn large (`lip_corners.py`): the few
px between lp_s1's inner and outer lip corners opened into a dark crease beside the mouth (lp_d18 frames 95,
115-145); grace_hopper's corners did the same with her mouth opened."""

from __future__ import annotations

import copy

import numpy as np
import pytest
from mesh_target_edits import open_mouth

from facereel.engines.mesh.animator import MeshAnimator, MeshOptions
from facereel.engines.mesh.figures.corner_shadow import corner_shadow
from facereel.engines.mesh.open_mouth.lip_corners import LipCorners
from facereel.engines.mesh.open_mouth.mouth_shape import lip_colour


def _shadows(image: np.ndarray, lm: np.ndarray, targets: list[np.ndarray]) -> dict[bool, list[float]]:
    """`corner_shadow` of each target drawn without (False) and with (True) the corners' lift: one set-up, a deep copy
    per side (frames equal a fresh animator's: tests/mesh/test_shared_animator.py)."""
    set_up = MeshAnimator(image, lm, MeshOptions(eyes=False))
    shadows = {}
    for lifted in (False, True):
        animator = copy.deepcopy(set_up)
        if not lifted:
            animator.mouth.corners.render = lambda *_: None  # the engine without the change
        shadows[lifted] = []
        for target in targets:
            frame = animator.render(target)
            shadows[lifted].append(corner_shadow(frame, animator.vertices[:len(lm)] + animator.origin, image, lm))
    return shadows


def test_the_photo_is_left_as_it_is(face):
    image, lm = face
    assert corner_shadow(image, lm, image, lm) == 0.0
    crop = image.copy()
    LipCorners(lm, lip_colour(image, lm)).render(crop, np.zeros(2, np.float32), lm)
    assert np.array_equal(crop, image)


def test_opened_corners_have_no_dark_crease(face):
    image, lm = face
    shadows = _shadows(image, lm, [open_mouth(lm, amount) for amount in (0.5, 0.8)])
    assert max(shadows[True]) < 0.002
    assert all(a <= b for a, b in zip(shadows[True], shadows[False]))


@pytest.mark.slow
def test_laughing_real_driver_corners_have_no_dark_crease(lp_s1_laughing):
    image, lm, targets = lp_s1_laughing
    shadows = _shadows(image, lm, [targets[k] for k in (95, 130, 140)])
    assert min(shadows[False]) > 0.008  # the slit's shadow drawn across the opened corners
    assert max(shadows[True]) < 0.003
