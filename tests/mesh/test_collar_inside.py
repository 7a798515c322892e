"""The collar's inside beside a shifted head (issue #9, lp_s6 x lp_d12 140-179): `collar_inside.under_slope` lays the
rows shut off by the collar under a top rising towards the neck, not along the shut part's top row, each pixel
by its covered share (`figures.tone_ledge` and `figures.stair_slope` on the whole engine:
tests/mesh/test_tone_ledge.py)."""

from __future__ import annotations

import numpy as np
import pytest

from facereel.engines.mesh.neck_layer.collar_inside import under_slope


def test_the_top_rises_towards_the_neck_from_the_shut_rows():
    """A 10 x 10 shut block (rows 10-19, columns 5-14) in an open 30 x 30 region: with the neck right of it the top
    rises one row per column from the block's top-left corner up to its right end; with the neck left of it, from the
    top-right corner leftwards, the pixels the line runs through half covered (`FEATHER` 1 px), those a row above
    it none; never past the block's end towards the neck nor below its bottom row."""
    shut = np.zeros((30, 30), bool)
    shut[10:20, 5:15] = True
    region = np.ones_like(shut)
    right = under_slope(shut, region, 25.0, 1.0)
    left = under_slope(shut, region, 0.0, 1.0)
    assert (right[shut] == 1).all() and (left[shut] == 1).all()
    for k in range(1, 10):
        assert right[10 - k, 5 + k] == pytest.approx(0.5) and right[9 - k, 5 + k] == 0, k
        assert left[10 - k, 14 - k] == pytest.approx(0.5) and left[9 - k, 14 - k] == 0, k
        assert right[11 - k, 5 + k] == 1 and left[11 - k, 14 - k] == 1, k
    assert not right[:, 15:].any() and not left[:, :5].any()
    assert not right[20:].any() and not left[20:].any()
    tops = [int(np.argmax(right[:, c] > 0)) for c in range(5, 15)]
    assert len(set(tops)) == 10, tops  # no two columns share a top row: no straight ledge
