"""The light band that out-of-focus hair casts on the background beside it moves with the head (issue #9):
lp_s1's blurred hair lightens the curtain beside it by 30-50 grey levels, fading over ~20 px, with no edge
of its own. `plate.margin_shadow` took that large difference for the background's own structure and left it
in place, so on a far turn it drew the hair's old outline as a light streak beside the fill; now only a large
difference beside an edge of the photo (`plate.SHADOW_EDGE`; sr_4's dark wall strip ending at a pillar)
stays. Read by `artefact_scores.ArtefactScores.plate_left_behind`."""

from __future__ import annotations

import numpy as np
import pytest
from mesh_faces import portrait

from facereel.engines.mesh import MeshAnimator, plate
from facereel.engines.mesh.artefact_scores import ArtefactScores
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

FAR = (36, 42)  # preset:turn (2 s): the far turns where lp_s1's streak showed


def _left_behind(image: np.ndarray, lm: np.ndarray) -> tuple[float, np.ndarray]:
    """The margin left behind by the source repeated, and at `FAR` of preset:turn (2 s, retargeted as
    `facereel animate` does)."""
    animator = MeshAnimator(image, lm)
    scores = ArtefactScores(animator)
    baseline = scores.plate_left_behind(animator.render(lm))
    targets = retarget(lm, preset_motion("turn", 2.0), RetargetOptions())
    return baseline, np.array([scores.plate_left_behind(animator.render(targets[k])) for k in FAR])


@pytest.mark.parametrize("name", ["lp_s1", "sr_4"])
def test_the_hair_takes_its_soft_halo_along(name, monkeypatch):
    """Every large difference taken for structure (the engine before: any slope counts as an edge) against
    now: lp_s1 leaves less of its halo behind; sr_4's wall strip (beside the pillar's edge) stays in place as
    before. The figure reads all of the margin where the photo is far from the fill, the pelmet's edge beside
    lp_s1's hair too, which stays. (Measured, mean over `FAR`: lp_s1 30.7 -> 27.5 grey levels, sr_4 48.2 ->
    48.1.)"""
    image, lm = portrait(name)
    baseline, now = _left_behind(image, lm)
    with monkeypatch.context() as patch:
        patch.setattr(plate, "SHADOW_EDGE", 0.0)
        _, before = _left_behind(image, lm)
    assert baseline == 0.0
    if name == "lp_s1":
        assert now.mean() < 0.93 * before.mean(), (now, before)
    else:
        assert now.mean() == pytest.approx(before.mean(), rel=0.05), (now, before)
