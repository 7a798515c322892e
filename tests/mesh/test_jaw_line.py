"""The jaw line's lowest point per column (`jaw_line.lowest_crossings`), on the public-domain faces turned by
preset:turn: the far side of the jaw folds back above the chin, so columns cross the line more than once."""

from __future__ import annotations

import numpy as np
import pytest
from test_layered import turn_targets

from facereel.engines.mesh.neck_layer.jaw_line import JAW, lowest_crossings


def _dense(jaw: np.ndarray, step: float = 0.01) -> np.ndarray:
    """(K, 2) points along the polyline `jaw` ((J, 2) px) at most `step` px apart."""
    n = int(np.ceil(np.abs(np.diff(jaw, axis=0)).max() / step))
    t = np.linspace(0, 1, n + 1)[None, :, None]
    return (jaw[:-1, None] + t * (jaw[1:] - jaw[:-1])[:, None]).reshape(-1, 2)


def test_the_lowest_point_of_a_folded_jaw_per_column(face):
    _, lm = face
    targets, angles = turn_targets(lm)
    folded = 0
    for k in np.flatnonzero(np.abs(angles[:, 0]) > 30)[::3]:
        jaw = targets[k][list(JAW), :2].astype(np.float64)
        points = _dense(jaw)
        columns = np.arange(np.floor(jaw[:, 0].min()) - 2, jaw[:, 0].max() + 3)
        rows, segment, t = lowest_crossings(jaw, columns)
        reached = (columns >= jaw[:, 0].min()) & (columns <= jaw[:, 0].max())
        assert np.array_equal(~np.isnan(rows), reached)
        # The segment and fraction give the point itself: at the column, on the row.
        at = jaw[segment] + t[:, None] * (jaw[segment + 1] - jaw[segment])
        assert np.allclose(at[reached], np.column_stack([columns, rows])[reached], atol=1e-6)
        # No point of the line at the column lies lower; where it crosses the column again, higher up.
        crossings = np.sign(jaw[:-1, None, 0] - columns[None]) != np.sign(jaw[1:, None, 0] - columns[None])
        folded += int((crossings.sum(0) > 1).sum())
        for c, row in zip(columns[reached], rows[reached]):
            spans = [(a, b) for a, b in zip(jaw[:-1], jaw[1:]) if min(a[0], b[0]) <= c <= max(a[0], b[0])]
            lowest = max(np.interp(c, *zip(*sorted([(a[0], a[1]), (b[0], b[1])]))) for a, b in spans)
            assert row == pytest.approx(lowest, abs=1e-6)
        # Over a pixel column (half 0.5) the lowest point lies at least as low, as low as the line's within it.
        wide, _, _ = lowest_crossings(jaw, columns, half=0.5)
        assert np.all(wide[reached] >= rows[reached] - 1e-9)
        for c, row in zip(columns, wide):
            near = points[np.abs(points[:, 0] - c) <= 0.5, 1]
            assert (np.isnan(row) and not len(near)) or abs(row - near.max()) < 0.05, (c, row)
    assert folded > 0  # the turned jaw's far side folds back: some columns cross it more than once
