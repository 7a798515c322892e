"""The warp's jumps (a triangle drawn over another whose map differs) are drawn per crop pixel, not along the
coarse grid's staircase (issue #9: a sawtooth along a turned face's outline)."""

from __future__ import annotations

import numpy as np
import pytest
from mesh_faces import set_up_copy

from facereel.engines.mesh import MeshAnimator, MeshOptions, layers
from facereel.engines.mesh.figures.staircase import exact_options, staircase_share
from facereel.engines.mesh.geometry import warp
from facereel.engines.mesh.geometry.warp import MeshWarp
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

SIZE = (120, 100)  # crop (width, height) px


def _scene() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Two triangles covering the crop that do not move, and a slanted triangle drawn over them whose
    pixels come from 17 px to the right and 6 px up: (triangles, target, source, draw order)."""
    w, h = SIZE
    target = np.array([[-1, -1], [w, -1], [w, h], [-1, h], [23.3, 12.7], [97.1, 31.9], [41.6, 88.2]], np.float32)
    source = target.copy()
    source[4:] += (17.0, -6.0)
    triangles = np.array([[0, 1, 2], [0, 2, 3], [4, 5, 6]])
    return triangles, target, source, np.arange(3)


def _full(grid_step: float, seams: bool = True) -> np.ndarray:
    triangles, target, source, order = _scene()
    warp = MeshWarp(triangles, SIZE, grid_step)
    coarse = warp.displacement(target, source, order)
    return warp.full_size(coarse, warp.seam if seams else None)


def test_the_jump_follows_the_triangle_not_the_grid() -> None:
    exact = _full(1.0)
    off_before = np.abs(_full(5.0, seams=False) - exact).max(2) > 0.5
    off_after = np.abs(_full(5.0) - exact).max(2) > 0.5
    # Bilinear upsampling mixes the two maps over a coarse cell all along the triangle's outline ...
    assert off_before.sum() > 300
    # ... redrawn per pixel, only pixels on the outline itself (where the rasteriser and the exact test may
    # round a pixel centre on the edge either way) can differ.
    assert off_after.sum() < off_before.sum() / 10


def test_a_bend_is_no_jump() -> None:
    triangles, target, source, order = _scene()
    source = target.copy()
    source[2] += (6.0, -4.0)  # the two back triangles share this corner: the map bends along their diagonal
    warp = MeshWarp(triangles[:2], SIZE, 5.0)
    warp.displacement(target, source, order[:2])
    assert np.abs(warp.coarse_displacement).max() > 3  # it moves ...
    assert warp.seam is None  # ... without a jump: the bilinear field stands


@pytest.mark.parametrize("face", ["astronaut", pytest.param("grace_hopper", marks=pytest.mark.slow)], indirect=True)
def test_turned_faces_are_closer_to_the_exact_map(face, monkeypatch) -> None:
    """On real faces turned (preset:turn, frames 12, 25, 40), the frames are closer to the render with the
    map rasterised at every crop pixel than the coarse map upsampled bilinearly is
    (`staircase.staircase_share`). The map only: the jumps' anti-aliasing (`edge_coverage`) is left out of
    every render (the exact one has a seam too since the seventeenth session: `warp._own_triangles`)."""
    image, lm = face
    monkeypatch.setattr(layers, "cover_jumps", lambda *_: None)
    # On the mesh without the rings' smoothing (`MeshOptions.ring_smoothing`): with it, astronaut's face
    # outline sits elsewhere on the pixel grid and ~20 more of its pixels fall on the other side in the
    # seam's containment test than in the exact map's conservative rasteriser (frames 12, 40: 1.06e-3 /
    # 1.13e-3 vs the coarse map's 0.99e-3 / 0.95e-3; 1.02e-3 / 1.01e-3 vs 1.06e-3 / 1.05e-3 without).
    options = MeshOptions(ring_smoothing=0)
    animator, exact = set_up_copy(image, lm, options), MeshAnimator(image, lm, exact_options(options))
    coarse = set_up_copy(image, lm, options)  # one set-up (`cover_jumps`, patched, is drawn per frame)
    coarse.warp._seam = lambda *_: None  # the engine before: the map's jumps left to the coarse grid
    x0, y0, x1, y1 = animator.box
    targets = retarget(lm, preset_motion("turn", 2.0), RetargetOptions(smoothing=None, translate=True))
    before, after = [], []
    for k in (12, 25, 40):
        reference = exact.render(targets[k])[y0:y1, x0:x1]
        after.append(staircase_share(animator.render(targets[k])[y0:y1, x0:x1], reference))
        before.append(staircase_share(coarse.render(targets[k])[y0:y1, x0:x1], reference))
    # Never further from it, closer overall (grace_hopper: 0.42x; astronaut: 0.95x, whose remaining
    # difference is not at jumps: features the coarse grid samples differ from the per-pixel engine's).
    assert all(a <= b + 1e-4 for a, b in zip(after, before))
    assert sum(after) < sum(before)


def test_dropping_far_candidates_changes_no_pixel(face, monkeypatch) -> None:
    """A candidate dropped because its bounding box misses the cell (`warp._BOX_MARGIN`) covered none of its
    pixels: on real faces turned (preset:turn, frames 12, 40) the seam is the same as with every
    candidate tried."""
    image, lm = face
    animator = MeshAnimator(image, lm)
    targets = retarget(lm, preset_motion("turn", 2.0), RetargetOptions(smoothing=None, translate=True))
    for k in (12, 40):
        seam = animator.map_frame(targets[k]).seam
        with monkeypatch.context() as patch:
            patch.setattr(warp, "_BOX_MARGIN", np.inf)
            every = animator.map_frame(targets[k]).seam
        assert seam is not None and len(seam.rows) > 100
        for got, want in zip((seam.rows, seam.cols, seam.values), (every.rows, every.cols, every.values)):
            np.testing.assert_array_equal(got, want)


def test_the_drawn_box_loses_no_sample(face, monkeypatch) -> None:
    """The coarse map and its seam are worked out on the box the triangles were drawn in (`warp._BOX_PAD`):
    on real faces turned (preset:turn, frames 12, 40) they are the same, bit for bit, as over the whole grid."""
    image, lm = face
    animator = MeshAnimator(image, lm)
    targets = retarget(lm, preset_motion("turn", 2.0), RetargetOptions(smoothing=None, translate=True))
    for k in (12, 40):
        boxed = animator.map_frame(targets[k])
        rows, cols = np.nonzero(animator.warp.triangle_ids >= 0)
        with monkeypatch.context() as patch:
            patch.setattr(warp, "_BOX_PAD", 10 ** 6)
            whole = animator.map_frame(targets[k])
        ch, cw = animator.warp.triangle_ids.shape
        pad = warp._BOX_PAD + 1  # the box leaves part of the grid out
        assert rows.min() > pad or cols.min() > pad or rows.max() < ch - 1 - pad or cols.max() < cw - 1 - pad
        np.testing.assert_array_equal(boxed.coarse, whole.coarse)
        assert boxed.seam is not None and len(boxed.seam.rows) > 100
        for got, want in zip((boxed.seam.rows, boxed.seam.cols, boxed.seam.values),
                             (whole.seam.rows, whole.seam.cols, whole.seam.values)):
            np.testing.assert_array_equal(got, want)
