"""The far cheek rounded on big turns (`far_cheek.round_far_cheek`, issue #9: the nose drawn past the far
cheek's outline), on the public-domain faces turned by preset:turn."""

from __future__ import annotations

import numpy as np
import pytest
from test_layered import turn_targets

from facereel.engines.mesh import MeshAnimator
from facereel.engines.mesh import animator as animator_module
from facereel.engines.mesh.figures.far_outline import cheek_margin, nose_past_cheek
from facereel.engines.mesh.geometry import far_cheek
from facereel.engines.mesh.geometry.far_cheek import DOWN, push, round_far_cheek
from facereel.engines.mesh.geometry.pose_limit import limit_pose
from facereel.face import landmark_ids as ids
from facereel.face.pose import canonical_template, estimate_pose


def test_the_push_grows_with_the_turn_beyond_the_photos_own():
    assert push(0.0, 0.0) == 0.0 and push(8.0, 0.0) == 0.0  # small turns drawn as before
    assert 0 < push(25.0, 0.0) < push(40.0, 0.0) < push(60.0, 0.0) == pytest.approx(1.0)
    assert push(-45.0, 0.0) == pytest.approx(push(45.0, 0.0))  # either side
    assert push(34.0, 34.0) == 0.0 and push(20.0, 34.0) == 0.0  # the photo's own pose; turned back
    assert 0 < push(55.0, 34.0) < push(55.0, 0.0)  # a turned photo: only the turn beyond its own
    assert push(-30.0, 20.0) == pytest.approx(push(-30.0, 0.0))  # turned past frontal to its hidden side


def test_only_the_far_cheek_moves_outwards(face):
    image, lm = face
    source_pose = estimate_pose(lm[None])[0]
    targets, angles = turn_targets(lm)
    k = int(np.argmax(angles[:, 0]))
    pose = estimate_pose(targets[k][None])[0]
    target, pose = limit_pose(targets[k], pose, source_pose.rotation[0])
    rounded = round_far_cheek(target, pose, source_pose.rotation[0])
    moved = np.linalg.norm(rounded[:, :2] - target[:, :2], axis=1)
    # The far side is the one the nose points to from the face's middle; on the canonical face, the side
    # whose cheek (landmark 280, or its mirror 50) the turn draws nearer the nose tip.
    middle = target[list(ids.FACE_OVAL), 0].mean()
    far = np.sign(target[ids.NOSE_TIP, 0] - middle)
    canonical_far = 1 if abs(target[280, 0] - target[ids.NOSE_TIP, 0]) < abs(target[50, 0] - target[ids.NOSE_TIP, 0]) else -1
    template = canonical_template()
    near_side = np.sign(template[:, 0]) != canonical_far
    upper_oval = [i for i in ids.FACE_OVAL if template[i, 1] < DOWN[0]]  # temples and forehead
    outwards = far * (rounded[:, 0] - target[:, 0])
    size = float(np.ptp(target[list(ids.FACE_OVAL), 1]))
    assert moved[ids.NOSE_TIP] < 1e-3 and moved[near_side].max() < 1e-3 and moved[upper_oval].max() < 1e-3
    assert outwards.max() > 0.02 * size and outwards.min() > -1e-3, (outwards.max(), outwards.min(), size)
    assert cheek_margin(rounded) > cheek_margin(target) + 0.015
    assert round_far_cheek(lm, source_pose, source_pose.rotation[0]) is lm  # the photo's pose: untouched


@pytest.mark.parametrize("face", ["astronaut", pytest.param("grace_hopper", marks=pytest.mark.slow)], indirect=True)
def test_the_nose_stays_inside_the_far_cheek_on_big_turns(face, monkeypatch):
    """preset:turn beyond 40 deg: with a flat far cheek (the tracker's depth) the nose tip reaches the far
    cheek's outline (`nose_past_cheek` > 0); rounded, the cheek shows beyond it on more frames, the mean
    past it less than half."""
    image, lm = face
    targets, angles = turn_targets(lm)
    turned = targets[np.abs(angles[:, 0]) > 40]

    def past() -> np.ndarray:
        animator = MeshAnimator(image, lm)
        assert nose_past_cheek(animator.map_frame(lm).target) == 0.0  # the source repeated
        return np.array([nose_past_cheek(animator.map_frame(t).target) for t in turned])

    rounded = past()
    monkeypatch.setattr(animator_module, "round_far_cheek", lambda target, *_: target)
    flat = past()
    assert flat.mean() > 0.02, flat
    assert rounded.mean() < 0.5 * flat.mean(), (rounded, flat)


def test_the_push_raised_for_the_nose_is_the_least_that_clears_it(face, monkeypatch):
    """Where the turn's push leaves the nose within `CLEAR` of the far cheek's outline, the push is raised to
    the least that clears it: solved between two of the `_STEPS` amounts tried, the same landmarks (to a
    hundredth of a px) as a search over twenty times as many amounts."""
    _, lm = face
    source_pose = estimate_pose(lm[None])[0]
    targets, _ = turn_targets(lm)
    raised = 0
    for target in targets:
        pose = estimate_pose(target[None])[0]
        target, pose = limit_pose(target, pose, source_pose.rotation[0])
        rounded = round_far_cheek(target, pose, source_pose.rotation[0])
        with monkeypatch.context() as patch:
            patch.setattr(far_cheek, "_STEPS", 20 * far_cheek._STEPS)
            finer = round_far_cheek(target, pose, source_pose.rotation[0])
            patch.setattr(far_cheek, "RAISE", 0.0)
            turns = round_far_cheek(target, pose, source_pose.rotation[0])  # the turn's push alone
        assert np.abs(rounded[:, :2] - finer[:, :2]).max() < 0.01
        clearance = [far_cheek.cheek_clearance(lms, far_cheek.cheek_points()) for lms in (turns, rounded)]
        raised += clearance[0] < far_cheek.CLEAR <= clearance[1] + 1e-6
    assert raised > 0  # some frame's push was raised to clear the nose
