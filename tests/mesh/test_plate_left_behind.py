"""The figure of the margin a moving head leaves behind (issue #9, `ArtefactScores.plate_left_behind`):
right beside lp_s1's hair the curtain has a light fold, outside the head mask, while the plate's fill
carries in the dark fold beyond it; `plate.margin_shadow` keeps the light fold in place (more than
`plate.SHADOW_MOST` from the fill: the background's own), so on a far turn it shows along the hair's old
outline as a light streak beside the darker fill. The figure reads it there and is 0 for the source
repeated (docs/mesh-engine.md "The curtain beside lp_s1's far turn")."""

from __future__ import annotations

import pytest
from mesh_faces import portrait, shared_animator

from facereel.engines.mesh.figures.artefact_scores import ArtefactScores
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

pytestmark = pytest.mark.slow  # out of the README's suite by its measured time: .ci/run's third step

FAR = (36, 42)  # preset:turn (2 s, retargeted as `facereel animate` does): lp_s1's far turns


def test_the_figure_reads_the_band_left_behind():
    """(Measured: 0 for the source repeated; lp_s1 at `FAR` 30.7 grey levels each.)"""
    image, lm = portrait("lp_s1")
    animator = shared_animator("lp_s1")
    scores = ArtefactScores(animator)
    assert scores.plate_left_behind(animator.render(lm)) == 0.0
    targets = retarget(lm, preset_motion("turn", 2.0), RetargetOptions())
    for k in FAR:
        assert scores.plate_left_behind(animator.render(targets[k])) > 15.0, k
