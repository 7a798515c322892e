"""The far jaw's oval carried out to the face it bounds on big turns (`far_jaw.widen_jaw`, issue #9: the far
chin cut straight), on the public-domain faces turned by preset:turn."""

from __future__ import annotations

import numpy as np
import pytest
from test_layered import turn_targets

from facereel.engines.mesh import MeshAnimator
from facereel.engines.mesh import animator as animator_module
from facereel.engines.mesh.figures.far_outline import rendered_outline_depth
from facereel.engines.mesh.geometry.far_jaw import LOWER_FROM, MOST, overhang, widen_jaw
from facereel.face import landmark_ids as ids
from facereel.face.pose import canonical_template


def test_the_jaw_covers_the_face_points_beside_it(face):
    """Turned 45 deg the lower face's points stand past the tracker's flat jaw; widened, they stand past it by
    as much less as the jaw may move (`MOST`); only the far side's jaw points move, outwards; the photo's own
    landmarks are returned as they are."""
    image, lm = face
    targets, angles = turn_targets(lm)
    target = targets[int(np.argmax(angles[:, 0]))]
    lower = np.flatnonzero(canonical_template()[:468, 1] > LOWER_FROM)
    before = overhang(target)[lower].max()
    np.testing.assert_array_equal(overhang(target, lower), overhang(target)[lower])  # `widen_jaw`'s subset
    widened = widen_jaw(target, overhang(lm))
    after = overhang(widened)[lower].max()
    assert before > 0.05 and after < before - 0.75 * MOST, (before, after)
    moved = np.flatnonzero(np.linalg.norm(widened[:, :2] - target[:, :2], axis=1) > 1e-4)
    assert set(moved) <= set(ids.FACE_OVAL)
    middle = target[list(ids.FACE_OVAL), 0].mean()
    far = np.sign(target[ids.NOSE_TIP, 0] - middle)  # the nose points to the far side
    assert (far * (widened[moved, 0] - target[moved, 0]) > 0).all()
    assert widen_jaw(lm, overhang(lm)) is lm


@pytest.mark.parametrize("face", ["astronaut", pytest.param("grace_hopper", marks=pytest.mark.slow)], indirect=True)
def test_the_far_chin_is_drawn_from_the_photos_jaw_line(face, monkeypatch):
    """Rendered turned beyond 40 deg, the drawn lower outline is read from inside the photo's face by less
    than with the jaw as tracked (`outline_depth`: by 0.011 face sizes on the astronaut, 0.075 vs 0.087;
    docs/benchmarks.md "The far chin cut straight"), and the source repeated reads near 0. With
    `MeshOptions.relimit_turned` (on by default) the chin's part of the oval is left out of the rings' later rounds
    (`animator._RELIMIT_SPARED`): with it in, the astronaut's far chin was drawn from deeper inside the photo's face,
    the widened jaw's gain gone (mean 0.088 against 0.093 as tracked, h47-health)."""
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
    assert widened.mean() < flat.mean() - 0.005, (widened, flat)
