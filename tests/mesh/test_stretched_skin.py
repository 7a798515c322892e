"""The near cheek's band between the jaw and the ear on preset:turn (issue #9, part 2): the stretch limit's
rounds run until no face triangle is over it (not 12), so no face triangle is drawn stretched beyond the
warp-health limit (`figures.stretched_skin`)."""

from __future__ import annotations

import numpy as np
from mesh_faces import portrait

from facereel.engines.mesh import MeshAnimator, stretch_limit
from facereel.engines.mesh.figures.stretched_skin import stretched_face_share
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget


def _shares(animator: MeshAnimator, targets: np.ndarray) -> np.ndarray:
    out = []
    for target in targets:
        animator.map_frame(target)
        out.append(stretched_face_share(animator))
    return np.array(out)


def test_no_face_triangle_is_drawn_stretched_on_a_turn(monkeypatch):
    """lp_s1, preset:turn (2 s, retargeted as `facereel animate` does, no smoothing): 0 on every frame, as for
    the source repeated; with the 12 rounds of the engine before, its near jaw's slivers (landmarks 288, 401,
    435, 361, 366) stayed stretched 5-18x on the first frames of the turn."""
    image, lm = portrait("lp_s1")
    targets = retarget(lm, preset_motion("turn", 2.0), RetargetOptions(smoothing=None, translate=True))
    animator = MeshAnimator(image, lm)
    animator.map_frame(lm)
    assert stretched_face_share(animator) == 0.0  # the source repeated
    shares = _shares(animator, targets)
    assert not shares.any(), np.flatnonzero(shares)
    monkeypatch.setattr(stretch_limit, "_ITERATIONS", 12)
    assert _shares(animator, targets[1:8]).max() > 0.002
