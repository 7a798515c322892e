"""The arc of the plate's hole beside a moving head (issue #9): what the head casts on the background in
the hole's margin (lp_s0's and lp_s5's painted shadow round the hair) moves with the head
(`plate.margin_shadow`), so the margin the head leaves is the background, not the old outline drawn as a
dark arc beside the lighter fill; read by `artefact_scores.ArtefactScores.plate_arc`."""

from __future__ import annotations

import numpy as np
import pytest
from mesh_faces import portrait
from test_layered import turn_targets

from facereel.engines.mesh import MeshAnimator, layers
from facereel.engines.mesh.figures.artefact_scores import ArtefactScores

FAR = (6, 12, 18, 31, 37, 43)  # preset:turn (2 s): the yaw and pitch extremes and the diagonals


def _arcs(image: np.ndarray, lm: np.ndarray) -> tuple[float, np.ndarray]:
    """The plate arc of the source repeated, and at `FAR` of preset:turn (2 s)."""
    animator = MeshAnimator(image, lm)
    scores = ArtefactScores(animator)
    baseline = scores.plate_arc(animator.render(lm))
    targets = turn_targets(lm)[0]
    return baseline, np.array([scores.plate_arc(animator.render(targets[k])) for k in FAR])


@pytest.mark.parametrize("name", ["lp_s0", "lp_s5"])
def test_the_head_takes_its_shadow_off_the_plate(name, monkeypatch):
    """With the photo left behind the hole's margin (the engine before) the turning head leaves its old
    outline as an arc; with the margin's shadow moving with the head the arc is less than half of that.
    (Measured, mean over `FAR`: lp_s0 4.3 -> 1.8 grey levels, lp_s5 2.8 -> 0.8.)"""
    image, lm = portrait(name)
    baseline, now = _arcs(image, lm)
    with monkeypatch.context() as patch:
        patch.setattr(layers, "margin_shadow", lambda image, *_: np.zeros(image.shape, np.float32))
        _, before = _arcs(image, lm)
    assert baseline == 0.0
    assert before.mean() > 2.0, before
    assert now.mean() < 0.5 * before.mean(), (now, before)
