"""The figure of the margin a moving head leaves behind (issue #9, `ArtefactScores.plate_left_behind`):
lp_s1's out-of-focus hair lightens the curtain beside it by 30-50 grey levels, outside the head mask, and
`plate.margin_shadow` keeps that band in place (more than `plate.SHADOW_MOST` from the fill), so on a far
turn it is left behind along the hair's old outline. The figure reads it there and is 0 for the source
repeated (docs/mesh-engine.md "The curtain beside lp_s1's far turn")."""

from __future__ import annotations

from mesh_faces import portrait

from facereel.engines.mesh import MeshAnimator
from facereel.engines.mesh.artefact_scores import ArtefactScores
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

FAR = (36, 42)  # preset:turn (2 s, retargeted as `facereel animate` does): lp_s1's far turns


def test_the_figure_reads_the_band_left_behind():
    """(Measured: 0 for the source repeated; lp_s1 at `FAR` 30.7 grey levels each.)"""
    image, lm = portrait("lp_s1")
    animator = MeshAnimator(image, lm)
    scores = ArtefactScores(animator)
    assert scores.plate_left_behind(animator.render(lm)) == 0.0
    targets = retarget(lm, preset_motion("turn", 2.0), RetargetOptions())
    for k in FAR:
        assert scores.plate_left_behind(animator.render(targets[k])) > 15.0, k
