"""The warp health reads a triangle whose own map is checked by that map alone (issue #9): the displacement's
differences span ~4 % of the face, so beside a fold or a stretched band they flag the sound triangles next to it.
On lp_s0's preset:turn (frame 11: the hairline over the forehead; frame 36: the cheek inside the near jaw, crops
looked at: smooth skin, no fold) those samples counted; the triangles' own maps still flag the real ones. Frame 36's
fold beside them is gone since h26-hairring (`MeshOptions.inner_undo`: the inner rounds no longer draw it out; its
own-map samples 2 -> 0 here, the frame's health 0.0010 -> 0.0003), so that frame is read with the engine before it,
which keeps the fold this check needs next door. Frame 11's fold (triangle 885, one own-map sample) is gone since
h27-nose (the far cheek's push counts the chin's drop, `far_cheek.turn`: the frame's health 0.00029 -> 0), so both
frames are read with the push on the yaw alone (`far_cheek.yaws`, the engine before)."""

from __future__ import annotations

import numpy as np
import pytest
from mesh_faces import portrait, set_up_copy

from facereel.engines.mesh import MeshOptions
from facereel.engines.mesh.animator import _HEALTH_STRIDE
from facereel.engines.mesh.geometry import far_cheek
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget


@pytest.mark.parametrize("frame", [11, 36])
def test_a_sound_checked_triangle_is_not_flagged_by_its_neighbours(frame: int, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(far_cheek, "turns", far_cheek.yaws)
    image, lm = portrait("lp_s0")
    animator = set_up_copy(image, lm, MeshOptions(inner_undo=frame != 36))
    targets = retarget(lm, preset_motion("turn", 4.0), RetargetOptions(smoothing=None, translate=True))
    animator.map_frame(targets[frame])
    _, counted, differences, own, ids = animator.health_samples()
    checked = np.concatenate([[False], animator._triangle_health.checked])[ids + 1]
    assert not (differences & counted & checked & ~own).any()
    # the fold next door is there: a counted sample's rasterised triangle turned over by its own map (since
    # h46-health2 the health reads each sample by the triangle its pixel is drawn with; frame 11's one sample on
    # triangle 885 lies just outside it, drawn by the triangle covering it)
    raster = animator.head_samples(_HEALTH_STRIDE, animator._coarse_x, animator._coarse_y)[3]
    bad = animator._triangle_health(animator.vertices, animator.options.max_stretch)  # as `health_samples`' own
    bad &= ~animator.warp.spread if animator.warp.spread is not None else True
    assert (bad[np.maximum(raster, 0)] & (raster >= 0) & counted).any()
