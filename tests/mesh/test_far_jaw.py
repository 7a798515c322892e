"""The far jaw's oval carried out to the face it bounds on big turns (`far_jaw.widen_jaw`, issue #9: the far
chin cut straight), on the public-domain faces turned by preset:turn."""

from __future__ import annotations

import numpy as np
from test_layered import turn_targets

from facereel.engines.mesh import MeshAnimator
from facereel.engines.mesh import animator as animator_module
from facereel.engines.mesh.far_jaw import SLACK, overhang, widen_jaw
from facereel.engines.mesh.figures.far_outline import rendered_outline_depth
from facereel.face import landmark_ids as ids
from facereel.face.pose import canonical_template


def test_the_jaw_covers_the_face_points_beside_it(face):
    """Turned 45 deg the lower face's points stand past the tracker's flat jaw; widened, none stands past
    it by more than the slack; only the jaw's oval points move, outwards; the photo's pose is untouched."""
    image, lm = face
    targets, angles = turn_targets(lm)
    target = targets[int(np.argmax(angles[:, 0]))]
    lower = np.flatnonzero(canonical_template()[:468, 1] > 1.0)  # below the mouth corners
    assert overhang(target)[lower].max() > 0.02
    widened = widen_jaw(target, overhang(lm))
    assert overhang(widened)[lower].max() < 2 * SLACK, overhang(widened)[lower].max()
    moved = np.flatnonzero(np.linalg.norm(widened[:, :2] - target[:, :2], axis=1) > 1e-4)
    assert set(moved) <= set(ids.FACE_OVAL)
    oval = target[list(ids.FACE_OVAL), :2]
    assert (np.linalg.norm(widened[moved, :2] - oval.mean(0), axis=1)
            > np.linalg.norm(target[moved, :2] - oval.mean(0), axis=1)).all()
    assert widen_jaw(lm, overhang(lm)) is lm


def test_the_far_chin_is_drawn_from_the_photos_jaw_line(face, monkeypatch):
    """Rendered turned beyond 40 deg, the drawn lower outline is read from inside the photo's face by less
    than with the jaw as tracked (`outline_depth`), and the source repeated reads near 0."""
    image, lm = face
    targets, angles = turn_targets(lm)
    turned = targets[np.abs(angles[:, 0]) > 40][::2]

    def depths() -> np.ndarray:
        animator = MeshAnimator(image, lm)
        assert rendered_outline_depth(animator, lm, lm) < 0.02  # the source repeated
        return np.array([rendered_outline_depth(animator, lm, t) for t in turned])

    widened = depths()
    monkeypatch.setattr(animator_module, "widen_jaw", lambda target, _: target)
    flat = depths()
    assert widened.mean() < 0.8 * flat.mean(), (widened, flat)
