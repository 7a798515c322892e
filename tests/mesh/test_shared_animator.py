"""`mesh_faces.shared_animator`: a session's one set-up of a shared portrait, deep-copied per call, renders what a
fresh `MeshAnimator` of the portrait renders, bit for bit, and one copy's frames leave the next copy as set up."""

from __future__ import annotations

import numpy as np
from mesh_faces import portrait, shared_animator

from facereel.engines.mesh import MeshAnimator
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget


def test_a_shared_animator_renders_as_a_fresh_one():
    """lp_s12 (the smallest shared portrait, 375 x 500), preset:turn frames 15, 30, 42 in that order."""
    image, lm = portrait("lp_s12")
    targets = retarget(lm, preset_motion("turn", 2.0), RetargetOptions().for_engine("mesh"))
    fresh, first, second = MeshAnimator(image, lm), shared_animator("lp_s12"), shared_animator("lp_s12")
    assert first is not second and first.layer is not second.layer
    frames = {}
    for k in (15, 30, 42):
        frames[k] = fresh.render(targets[k])
        assert np.array_equal(first.render(targets[k]), frames[k]), k
        assert first.warp_health == fresh.warp_health, k
    assert np.array_equal(second.render(targets[15]), frames[15])  # the first copy's frames did not move it
