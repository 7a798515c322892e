"""`mesh_faces.shared_animator` / `set_up_copy`: a session's one set-up of a portrait, deep-copied per call, renders
what a fresh `MeshAnimator` of the portrait renders, bit for bit, and one copy's frames leave the next copy as set
up; the set-ups are told apart by the pixels' content, not the arrays' identity."""

from __future__ import annotations

import numpy as np
from mesh_faces import portrait, set_up_copy, shared_animator

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


def test_a_set_up_is_shared_by_content_only():
    """lp_s12, preset:turn frame 30: a `set_up_copy` of new arrays of the same pixels renders as the shared portrait's
    animator; of the photo with its mouth painted over (a 40 x 20 px grey block, same shape and landmarks) it renders
    what a fresh animator of that photo renders, not the shared set-up's frame."""
    image, lm = portrait("lp_s12")
    target = retarget(lm, preset_motion("turn", 2.0), RetargetOptions().for_engine("mesh"))[30]
    frame = shared_animator("lp_s12").render(target)
    assert np.array_equal(set_up_copy(image.copy(), lm.copy()).render(target), frame)
    x, y = np.rint(lm[13, :2]).astype(int)  # the upper lip's inner middle
    painted = image.copy()
    painted[y - 10:y + 10, x - 20:x + 20] = 128
    fresh = MeshAnimator(painted, lm).render(target)
    assert not np.array_equal(fresh, frame)
    assert np.array_equal(set_up_copy(painted, lm).render(target), fresh)
