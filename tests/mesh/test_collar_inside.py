"""The collar's inside beside a shifted head (issue #9, lp_s6 x lp_d12 140-179): `collar_inside.under_slope` lays the
rows shut off by the collar under a top rising towards the neck, not along the shut part's top row
(`figures.tone_ledge` on the whole engine: tests/mesh/test_tone_ledge.py)."""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.neck_layer.collar_inside import under_slope


def test_the_top_rises_towards_the_neck_from_the_shut_rows():
    """A 10 x 10 shut block (rows 10-19, columns 5-14) in an open 30 x 30 region: with the neck right of it the top
    rises one row per column from the block's top-left corner up to its right end; with the neck left of it, from the
    top-right corner leftwards; never past the block's end towards the neck nor below its bottom row."""
    shut = np.zeros((30, 30), bool)
    shut[10:20, 5:15] = True
    region = np.ones_like(shut)
    right = under_slope(shut, region, 25.0, 1.0)
    left = under_slope(shut, region, 0.0, 1.0)
    assert right[shut].all() and left[shut].all()
    for k in range(10):
        assert right[10 - k, 5 + k] and not right[9 - k, 5 + k], k
        assert left[10 - k, 14 - k] and not left[9 - k, 14 - k], k
    assert not right[:, 15:].any() and not left[:, :5].any()
    assert not right[20:].any() and not left[20:].any()
    tops = [int(np.argmax(right[:, c])) for c in range(5, 15)]
    assert len(set(tops)) == 10, tops  # no two columns share a top row: no straight ledge
