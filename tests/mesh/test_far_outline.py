"""The turned face's outline on the public-domain faces: the far cheek's strip beside the nose
(`figures.far_outline`: 0 overhang on the source repeated, thinning as preset:turn turns the head, the side
following the turn) and the far temple tucked under the hair (`temple_tuck`, `figures.temple_fold`)."""

from __future__ import annotations

import numpy as np
import pytest
from mesh_faces import set_up_copy
from test_layered import turn_targets

from facereel.engines.mesh import MeshAnimator
from facereel.engines.mesh.figures.far_outline import NEAR, nose_margin, nose_overhang


def test_far_cheek_strip_thins_on_a_big_turn_and_reads_zero_on_the_source(face):
    image, lm = face
    assert nose_overhang(lm) == 0.0 and nose_margin(lm) > 3 * NEAR  # frontal: the cheek well beyond the nose
    animator = set_up_copy(image, lm)
    targets, angles = turn_targets(lm)
    margins = np.array([nose_margin(animator.map_frame(t).target) for t in targets])
    turned = np.abs(angles[:, 0]) > 40
    small = np.abs(angles[:, 0]) < 10
    # Near 45 deg the strip is a fraction of its frontal width (its overhang: tests/mesh/test_far_cheek.py);
    # near frontal it stays wide.
    assert margins[turned].max() < 0.5 * margins[small].min(), (margins[turned], margins[small])


def test_the_far_side_is_the_side_the_nose_points_to(face):
    """Mirrored left-right, a turned frame's margin is the same (the far side follows the nose)."""
    image, lm = face
    targets, angles = turn_targets(lm)
    k = int(np.argmax(angles[:, 0]))
    mirrored = targets[k].copy()
    mirrored[:, 0] = image.shape[1] - 1 - mirrored[:, 0]
    assert np.isclose(nose_margin(mirrored), nose_margin(targets[k]), atol=1e-6)
    assert nose_margin(targets[k]) < nose_margin(lm)


@pytest.mark.slow
def test_the_far_temple_is_tucked_under_the_hair(face, monkeypatch):
    """Turned and looking up, the band of ring triangles beside the far temple turns over under the face
    (`temple_fold`) without `temple_tuck`; tucked, it turns over far less, and the source reads 0."""
    from facereel.engines.mesh import animator as animator_module
    from facereel.engines.mesh.figures.temple_fold import temple_fold

    image, lm = face
    targets = turn_targets(lm)[0]

    def folds(like: MeshAnimator | None = None) -> tuple[MeshAnimator, np.ndarray]:
        """A fresh animator (on `like`'s setup of the same photo: the figure reads the map alone) and its folds."""
        animator = MeshAnimator(image, lm, like=like)
        animator.map_frame(lm)
        assert temple_fold(animator) == 0.0
        return animator, np.array([(animator.map_frame(t), temple_fold(animator))[1] for t in targets])

    first, tucked = folds()
    monkeypatch.setattr(animator_module, "tuck_temples", lambda vertices, *_: vertices)
    _, untucked = folds(like=first)
    looking_up = [15, 16, 17, 18]  # turned ~40 deg and looking up: the wedge of skin over the hair
    assert untucked[looking_up].mean() > 0.005, untucked[looking_up]
    assert tucked[looking_up].mean() < 0.2 * untucked[looking_up].mean(), (tucked[looking_up], untucked[looking_up])
    assert tucked.mean() < 0.7 * untucked.mean(), (tucked.mean(), untucked.mean())
