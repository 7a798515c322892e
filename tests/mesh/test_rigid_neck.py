"""The neck behind the jaw angles is not head layer (`neck_side`), read by `rigid_neck` (issue #9)."""

from __future__ import annotations

import numpy as np
import pytest
from mesh_faces import portrait

from facereel.engines.mesh import MeshAnimator
from facereel.engines.mesh.figures.rigid_neck import rigid_neck
from facereel.engines.mesh.geometry import head_proxy
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget


def _rigid_neck(image: np.ndarray, lm: np.ndarray, frames: list[int]) -> tuple[list[float], float]:
    """`rigid_neck` of preset:turn (2 s) frames and of the source repeated, on the animator's head layer."""
    animator = MeshAnimator(image, lm)
    rigid = animator.mask.head * (1 - animator.mask.hanging)
    x0, y0 = animator.origin.astype(int)
    crop = image[y0:y0 + rigid.shape[0], x0:x0 + rigid.shape[1]]
    targets = retarget(lm, preset_motion("turn", 2.0), RetargetOptions(smoothing=None, translate=True))
    return ([rigid_neck(crop, rigid, lm, targets[k], animator.origin) for k in frames],
            rigid_neck(crop, rigid, lm, lm, animator.origin))


@pytest.mark.slow
def test_sr_4_nape_leaves_the_head_layer(monkeypatch):
    """sr_4's nape behind the near jaw angle turned with the head (a pale triangle behind the ear): with
    `neck_side` the head layer's neck skin, weighed by the jaw's motion, falls below a quarter of what it was
    without (measured, frames 6 / 12 / 24: 0.0128 / 0.0276 / 0.0026 -> 0.0008 / 0.0018 / 0.0002); the source
    repeated reads 0."""
    image, lm = portrait("sr_4")
    frames = [6, 12, 24]
    now, still = _rigid_neck(image, lm, frames)
    with monkeypatch.context() as patch:
        patch.setattr(head_proxy, "neck_side", lambda colours, lm, origin, head, *_: np.zeros(head.shape, np.float32))
        before, _ = _rigid_neck(image, lm, frames)
    assert still == 0.0
    assert np.mean(before) > 0.005, before
    assert np.mean(now) < 0.25 * np.mean(before), (now, before)
