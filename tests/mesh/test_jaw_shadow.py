"""The jaw's dark line on the neck moved with the jaw (`jaw_shadow.py`, `MeshOptions.jaw_shadow`, issue #9):
where the neck's warp and the jaw move the line alike, the shadow's two factors cancel. Its figures on real
portraits: tests/mesh/test_chin_edge.py (`neck_ghost.ghost_edge`), test_neck_join.py (`flat_tone`) and
test_neck_health.py (the collar invariant)."""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.jaw_shadow import moved_shadow


def test_the_shadow_moved_as_the_neck_is_the_plate_unchanged():
    """`moved_shadow` of a factor with a dark line: 1 exactly where the jaw's map is the neck's (the line stays
    where the neck put it); where the jaw moved 6 px up the line is lifted where it was and laid 6 px higher;
    none of either at and below the collar line, nor where the neck's top meets the moved head (no gap)."""
    factor = np.ones((40, 10, 3), np.float32)
    factor[20:23] = 0.6  # the line, rows 20-22
    grid = np.dstack(np.meshgrid(np.arange(10), np.arange(40))).astype(np.float32)
    ys, collars, gap = np.arange(40, dtype=np.float32)[:, None], np.full(10, 35.0, np.float32), np.full(10, 20.0)
    still, up = np.zeros((10, 2), np.float32), np.tile(np.float32([0, 6]), (10, 1))
    same = moved_shadow(factor, grid, np.zeros_like(grid), still, collars, ys, gap, 100.0)
    assert np.array_equal(same, np.ones_like(same))
    raised = moved_shadow(factor, grid, np.zeros_like(grid), up, collars, ys, gap, 100.0)
    assert np.allclose(raised[14:17], 0.6) and np.allclose(raised[20:23], 1 / 0.6)
    assert np.array_equal(raised[35:], np.ones_like(raised[35:]))
    assert np.array_equal(moved_shadow(factor, grid, np.zeros_like(grid), up, collars, ys, 0 * gap, 100.0), np.ones_like(same))
