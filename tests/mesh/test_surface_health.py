"""The warp-health figure reads the surface a sample is drawn from (issue #9): an occlusion's jump in the
displacement field (the face's outline over the background, the nose over the far cheek) is not a fold or a
stretch of any drawn pixel; a real fold, a stretched band and a triangle folded or stretched on its own
still count."""

from __future__ import annotations

import numpy as np
import pytest
from mesh_faces import landmarks

from facereel.engines.mesh import MeshAnimator
from facereel.engines.mesh.animator import _HEALTH_STRIDE
from facereel.engines.mesh.geometry.triangle_health import TriangleHealth
from facereel.engines.mesh.geometry.warp import local_distortion, surface_distortion
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

SPACING = (2.0, 2.0)  # px between samples


def _field(dx: np.ndarray) -> np.ndarray:
    """(40, 40, 2) backward displacement with x part dx (40,) along each row, y part 0."""
    field = np.zeros((40, 40, 2), np.float32)
    field[..., 0] = dx[None, :]
    return field


def _bad(measure, field: np.ndarray) -> np.ndarray:
    folded, stretch = measure(field, SPACING)
    return folded | (stretch > 4.0)


def test_an_occlusion_step_is_not_a_fold():
    """The source jumps back 12 px from column 20 on (a near surface drawn over what lies beside it):
    the central differences read a fold there, the surface's own side reads nothing."""
    field = _field(np.where(np.arange(40) >= 20, -12.0, 0.0))
    assert _bad(local_distortion, field).any()
    assert not _bad(surface_distortion, field).any()


@pytest.mark.parametrize("kind", ["fold", "stretch"])
def test_a_fold_or_a_stretched_band_still_counts(kind):
    """A mirrored region (source x runs backwards from column 20 on) reads folded; a band 8 samples wide
    showing 1/8 of its width of the source (stretched 8x) reads stretched; both beside an occlusion step at
    column 10."""
    x = np.arange(40) * SPACING[0]
    if kind == "fold":
        dx = np.where(x >= 40, 2 * (40 - x), 0.0)  # source x = 80 - x past x = 40
    else:
        dx = -np.clip(x - 40, 0, 16) * 7 / 8  # target 40..56 px from source 40..42
    dx = dx + np.where(np.arange(40) >= 10, -12.0, 0.0)
    bad = _bad(surface_distortion, _field(dx))
    assert bad[:, 22:26].all() and not bad[:, :8].any(), bad[20]


def test_a_triangle_folded_or_stretched_on_its_own_counts():
    """TriangleHealth: turned over, stretched 5x: counted; unchanged, noise-sized or not checked: not."""
    source = np.array([[0, 0], [10, 0], [0, 10], [20, 0], [30, 0], [20, 10], [40, 0], [41, 0], [40, 1],
                       [50, 0], [60, 0], [50, 10]], np.float64)
    triangles = np.arange(12).reshape(4, 3)
    health = TriangleHealth(source, triangles, np.array([True, True, True, False]))
    target = source.copy()
    target[2] = [0, -10]  # turned over
    target[4] = [70, 0]  # stretched 5x along x
    target[7] = [50, 0]  # noise-sized: stretched 10x
    target[10] = [110, 0]  # not checked
    assert health(source, 4.0).tolist() == [False] * 4
    assert health(target, 4.0).tolist() == [True, True, False, False]


@pytest.mark.parametrize(("name", "frame"), [("astronaut", 44), ("grace_hopper", 45)])
def test_turn_frames_with_only_occlusion_steps_read_zero(name, frame, request):
    """preset:turn (4 s) frames whose head samples the central differences flagged only at occlusion steps
    (the face's outline over hair and background; checked by eye, docs/benchmarks.md "Warp health on the
    surface"): the health is now zero there. With `face_slide` on (h19-ring) the astronaut's frame 44 also puts
    a sample on the brow tail's sliver 70 / 139 / 156, squeezed 7x to 1.3 px^2, whose differences read 4.4x:
    read by that triangle's own map alone (`TriangleHealth.drawn_tiny`). Since h22-curtain's head mask (its crop one
    column narrower, the coarse grid's samples shifted) one of the astronaut's 3141 samples lands on the near cheek's
    sliver 147 / 213 / 215 (~5 px^2, its corners nearly in a line), whose own map stretches past 4x: a stretched
    triangle, not an occlusion step ("Next": the near cheek's band); the central differences read none."""
    image = request.getfixturevalue(name)
    lm = landmarks(image)
    animator = MeshAnimator(image, lm)
    targets = retarget(lm, preset_motion("turn", 4.0), RetargetOptions(smoothing=None, translate=True))
    animator.map_frame(targets[frame])
    folded, stretch, head, ids = animator.head_samples(_HEALTH_STRIDE, animator._coarse_x, animator._coarse_y)
    head &= ~animator._repainted[ids + 1]
    assert (folded | (stretch > 4.0))[head].any()  # the central differences' figure
    _, counted, differences, own, _ = animator.health_samples()
    assert not (differences & counted).any()
    assert (own & counted).sum() <= (1 if name == "astronaut" else 0)
