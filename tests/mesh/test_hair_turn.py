"""The hair's texture turned unevenly by the map (`figures.hair_turn`, issue #9): the rings slid along themselves
(`MeshOptions.ring_slide`) shear the hair in waves on preset:turn, which the warp health and the hair streaks
do not read (docs/benchmarks.md "The hair turned unevenly")."""

from __future__ import annotations

import numpy as np
import pytest
from mesh_faces import landmarks
from test_layered import turn_targets

from facereel.engines.mesh import MeshAnimator, MeshOptions
from facereel.engines.mesh.figures.hair_turn import uneven_hair_turn

TURNING = range(7, 16)  # preset:turn (2 s): turning away and up, lp_s1's waves at 13-15


def _uneven(image: np.ndarray, slide: bool, face_slide: float = 0.0) -> tuple[float, np.ndarray]:
    """`uneven_hair_turn` (deg) of the source as its own target, and (len(TURNING),) over `TURNING`."""
    lm = landmarks(image)
    animator = MeshAnimator(image, lm, MeshOptions(ring_slide=slide, face_slide=face_slide))
    animator.map_frame(lm)
    still = uneven_hair_turn(animator)
    targets = turn_targets(lm)[0]
    turning = []
    for k in TURNING:
        animator.map_frame(targets[k])
        turning.append(uneven_hair_turn(animator))
    return still, np.array(turning)


@pytest.mark.parametrize("slide", [False, pytest.param(True, marks=pytest.mark.xfail(
    strict=True, reason="the slide shears the hair in waves (docs/mesh-engine.md): 1.60 / 2.71 deg"))])
@pytest.mark.parametrize("name, bound", [("astronaut", 1.2), ("grace_hopper", 1.8)])
def test_the_hair_turns_evenly_on_a_turn(request: pytest.FixtureRequest, name: str, bound: float, slide: bool):
    """Measured, mean over `TURNING`, without -> with the slide: astronaut 0.90 -> 1.60 deg, grace_hopper
    1.32 -> 2.71 deg (docs/benchmarks.md "The hair turned unevenly"); the source repeated under 1e-5."""
    still, turning = _uneven(request.getfixturevalue(name), slide)
    assert still < 1e-3
    assert turning.mean() < bound, turning.round(2)


@pytest.mark.parametrize("name", ["astronaut", "grace_hopper"])
def test_the_face_taking_up_the_slide_turns_the_hair_no_less_evenly(request: pytest.FixtureRequest, name: str):
    """`face_slide` 0.75 leaves the hair's texture to the rings (the shear lies in the face's outer band, inside
    the outline): measured, mean over `TURNING`, engine -> face slide: astronaut 0.90 -> 0.85 deg,
    grace_hopper 1.315 -> 1.311 deg."""
    image = request.getfixturevalue(name)
    engine, taken_up = _uneven(image, False)[1], _uneven(image, False, 0.75)[1]
    assert taken_up.mean() <= 1.02 * engine.mean(), (engine.round(2), taken_up.round(2))


def test_relimiting_on_a_turn_turns_the_hair_no_less_evenly(grace_hopper: np.ndarray):
    """`MeshOptions.relimit_turned` (on by default) brings the near outline's points in 5-8 px on a turned frame.
    With the rings moved by its rounds too (the forty-eighth session) the hair bands beside the near jaw turned a
    little less evenly on every frame it narrows the near band (mean over `TURNING` 1.332 deg without it, 1.347 with
    it); with the rings as without it (`stretch_limit.limit_evenly`'s `face_again`) and the chin's first oval point
    365 relimited too (it held 397 from being pushed out over the hair), 1.331 (h49-hairturn). The bar: grace_hopper's
    hair over `TURNING` no less evenly turned than the engine's without it."""
    lm = landmarks(grace_hopper)
    relimiting = MeshAnimator(grace_hopper, lm)
    engine = MeshAnimator(grace_hopper, lm, MeshOptions(relimit_turned=False), like=relimiting)
    targets = turn_targets(lm)[0]
    turning = np.zeros((2, len(TURNING)))
    for i, k in enumerate(TURNING):
        for j, animator in enumerate((engine, relimiting)):
            animator.map_frame(targets[k])
            turning[j, i] = uneven_hair_turn(animator)
    assert turning[1].mean() <= turning[0].mean(), turning.round(3)
