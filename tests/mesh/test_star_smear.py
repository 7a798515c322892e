"""grace_hopper's flag star smeared down to the moved hat (issue #9, h42-star).

The person mask holds the lower half of the flag's white star beside the top of her hat, so the plate's hole takes it:
its margin keeps the photo (the star), and the fill under the head took the step from that white to the ring's blue
(`plate.edge_match`) 1.5 hole margins deep, a white blob under the star that preset:turn lays bare once it moves the
hat down (frames 26-29, 45-49). A step over a short stretch of the outline, far from the outline's usual step, now
goes on only `plate.CUT_REACH` hole margins on the background's side. Figure `figures/light_smear`."""

from __future__ import annotations

import numpy as np
import pytest
from mesh_faces import landmarks

from facereel.engines.mesh import MeshAnimator, MeshOptions
from facereel.engines.mesh.figures.light_smear import light_smear
from facereel.engines.mesh.plate_fill.plate import CUT_REACH, MATCH_REACH, edge_match
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

FRAMES = (26, 27, 28, 29, 45, 46, 47, 48, 49)
"""preset:turn's (2 s) frames where the moved hat laid the star's smear bare."""
ABOVE_HAT = (slice(0, 100), slice(140, 280))  # grace_hopper's rows and columns round the star over her hat


def test_a_step_over_a_short_stretch_of_the_outline_goes_on_only_a_little_way():
    """A light square (20 px) on the plate beside a straight outline, over a dark background, is carried 1.5 margins
    into the fill without a wall weight (as before), `CUT_REACH` margins with it; a light strip along the whole
    outline (the outline's usual step) and a dark square (the background's own shade) go on as far either way."""
    margin = 10
    plate = np.full((120, 200, 3), 40.0, np.float32)
    under = np.zeros((120, 200), bool)
    under[60:] = True
    plate[40:60, 90:110] = 230.0  # the star's piece beside the outline
    wall = np.ones((120, 200), np.float32)
    row = 60 + round((CUT_REACH + MATCH_REACH) / 2 * margin)  # between the short and the full reach
    assert edge_match(plate, under, margin)[row, 100].mean() > 20
    assert edge_match(plate, under, margin, wall)[row, 100].mean() < 2
    strip = np.full((120, 200, 3), 40.0, np.float32)
    strip[40:60] = 230.0
    assert np.allclose(edge_match(strip, under, margin, wall), edge_match(strip, under, margin))
    dark = 270.0 - plate
    assert edge_match(dark, under, margin)[row, 100].mean() < -20
    assert np.allclose(edge_match(dark, under, margin, wall), edge_match(dark, under, margin))


@pytest.fixture(scope="module")
def turned(grace_hopper: np.ndarray) -> tuple[MeshAnimator, np.ndarray]:
    """grace_hopper's animator and preset:turn's targets (2 s, as `facereel animate` retargets for the mesh engine)."""
    lm = landmarks(grace_hopper)
    assert lm is not None
    options = RetargetOptions().for_engine("mesh")
    return MeshAnimator(grace_hopper, lm, MeshOptions().with_limits(options)), np.asarray(
        retarget(lm, preset_motion("turn"), options))


def test_the_star_is_not_smeared_down_to_the_moved_hat(turned, grace_hopper):
    """The light smear above the hat summed over `FRAMES` stays under 2000 px (the source repeated: 0; measured: the
    engine before 2779, now 1367: the star's own lower edge going on `CUT_REACH` under the old outline)."""
    animator, targets = turned
    animator.render(animator.source_landmarks)
    assert not light_smear(grace_hopper, animator).any()
    smear = [int(light_smear(animator.render(targets[k]), animator)[ABOVE_HAT].sum()) for k in FRAMES]
    assert sum(smear) < 2000, smear
