"""The seam score sees a pasted, shifted face patch and ignores rigid motion of the whole head (real faces)."""

from __future__ import annotations

import numpy as np
import pytest

from facereel.eval import seam
from facereel.face.tracking import track_image


def _landmarks(image: np.ndarray) -> np.ndarray:
    return track_image(image).landmarks[0]


def _pasted(image: np.ndarray, landmarks: np.ndarray, dx: int) -> np.ndarray:
    """The face's landmark box copied `dx` pixels to the right over the image (a torn, pasted face)."""
    (x0, y0), (x1, y1) = landmarks[:, :2].min(axis=0).astype(int), landmarks[:, :2].max(axis=0).astype(int)
    out = image.copy()
    out[y0:y1, x0 + dx:x1 + dx] = image[y0:y1, x0:x1]
    return out


@pytest.mark.parametrize("face", ["astronaut", "grace_hopper"])
def test_source_and_rigidly_moved_source_score_zero_pasted_patch_scores_high(face, request, shift_scale):
    source = request.getfixturevalue(face)
    source_points = _landmarks(source)
    assert seam.seam_score(source, source_points, source, source_points) == 0.0
    moved = shift_scale(source, 12, -6, 1.08)  # the whole picture moves: the head's motion explains it all
    rigid = seam.seam_score(moved, _landmarks(moved), source, source_points)
    pasted = _pasted(source, source_points, 14)  # the face slid over its surroundings
    torn = seam.seam_score(pasted, _landmarks(pasted), source, source_points)
    assert rigid < 0.02 and torn > 0.3


def test_new_edges_only_in_the_head_region(grace_hopper):
    points = _landmarks(grace_hopper)
    pasted = _pasted(grace_hopper, points, 14)
    energy, region = seam.new_edges(pasted, _landmarks(pasted), grace_hopper, points)
    assert region.any() and not energy[~region].any() and energy[region].mean() > 0.3
