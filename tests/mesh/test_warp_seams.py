"""The warp's jumps (a triangle drawn over another whose map differs) are drawn per crop pixel, not along the
coarse grid's staircase (issue #9: a sawtooth along a turned face's outline)."""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.warp import MeshWarp

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
