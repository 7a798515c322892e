"""`face.turn_kernels`: the head's turn from the source's pose (`head_proxy.relative_turn`, `shell_pose`,
`hanging_swing`; and `retarget.smooth_motion`'s rotation vectors) compiled, against scipy's `Rotation` it replaced,
bit for bit: on the turns the map stage makes for real portraits driven by presets (the float32 poses' products,
never orthogonal to 1e-12: the SVD path) and on random turns from none to half a turn (the small-angle series of
both directions included)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.spatial.transform import Rotation

from facereel.face.turn_kernels import rotvec_matrix, turn_of
from facereel.face.pose import head_pose
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget


def _same_as_scipy(source: np.ndarray, targets: np.ndarray, shares: np.ndarray) -> int:
    """Checks each target's turn from `source` ((3, 3) float32; targets (T, 3, 3) float32) and the rotation of
    its rotation vector times `shares` (T,) against scipy's, bit for bit; returns how many took the SVD path."""
    orthogonalised = 0
    for rotation, share in zip(targets, shares):
        m = source.astype(np.float64).T @ rotation.astype(np.float64)
        reference = Rotation.from_matrix(m)
        rotvec, angle = turn_of(m)
        assert np.array_equal(rotvec, reference.as_rotvec()), (m, rotvec, reference.as_rotvec())
        assert angle == reference.magnitude(), (m, angle, reference.magnitude())
        expected = Rotation.from_rotvec(share * rotvec).as_matrix()
        assert np.array_equal(rotvec_matrix(share * rotvec), expected), (share, rotvec)
        orthogonalised += not np.allclose(m @ m.T, np.eye(3), rtol=0, atol=1e-12)
    return orthogonalised


@pytest.mark.parametrize("preset", ["turn", "laugh"])
def test_turns_of_driven_portraits_match_scipy(face, preset):
    """Every frame of preset:turn (to 45 deg) and preset:laugh on astronaut and grace_hopper: the turn, its
    angle and the damped shell's rotation (shares 0-1) as scipy's."""
    _, lm = face
    targets = retarget(lm, preset_motion(preset), RetargetOptions().for_engine("mesh"))
    source = head_pose(lm[None]).rotation[0]
    rotations = head_pose(targets).rotation
    shares = np.linspace(0.0, 1.0, len(rotations))
    assert _same_as_scipy(source, rotations, shares) == len(rotations)  # float32 poses: all orthogonalised


def test_random_turns_match_scipy():
    """2 000 random source rotations turned by up to ~2 rad, ~0.02 and ~2e-4 rad (below scipy's 1e-3 series
    threshold), and by none."""
    rng = np.random.default_rng(9)
    sources = Rotation.random(2000, random_state=9)
    sizes = np.repeat([1.0, 0.01, 1e-4, 0.0], 500)[:, None]
    targets = (sources * Rotation.from_rotvec(rng.normal(0, 1, (2000, 3)) * sizes)).as_matrix().astype(np.float32)
    for source, target, share in zip(sources.as_matrix().astype(np.float32), targets, rng.uniform(0, 1, 2000)):
        _same_as_scipy(source, target[None], np.array([share]))
