"""The seam score sees a face torn from its hair and ignores rigid motion of the whole head, hair included
(real faces)."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from facereel.engines.mesh import MeshAnimator
from facereel.eval import seam
from facereel.face import landmark_ids as ids
from facereel.face.tracking import track_image


def _landmarks(image: np.ndarray) -> np.ndarray:
    return track_image(image).landmarks[0]


def _face_cut_shifted(image: np.ndarray, landmarks: np.ndarray, dx: int) -> np.ndarray:
    """The face (inside its outline) cut out and laid `dx` pixels to the right over its own hair: a torn face."""
    cut = np.zeros(image.shape[:2], np.uint8)
    cv2.fillPoly(cut, [np.round(landmarks[list(ids.FACE_OVAL), :2]).astype(np.int32)], 1)
    shift = np.float32([[1, 0, dx], [0, 1, 0]])
    size = (image.shape[1], image.shape[0])
    inside = cv2.warpAffine(cut, shift, size) > 0
    out = image.copy()
    out[inside] = cv2.warpAffine(image, shift, size)[inside]
    return out


@pytest.mark.parametrize("face", ["astronaut", "grace_hopper"])
def test_moved_head_scores_near_zero_torn_face_scores_high(face, request, shift_scale):
    source = request.getfixturevalue(face)
    points = _landmarks(source)
    prepared = seam.prepare(source, points)
    assert seam.seam_score(source, points, prepared) == 0.0
    moved = shift_scale(source, 12, -6, 1.08)  # the whole picture moves: a camera move
    assert seam.seam_score(moved, _landmarks(moved), prepared) < 0.02
    # the whole head (face, hair, ears) moved over the still background: the mesh engine's head layer
    head_moved = MeshAnimator(source, points).render(points + np.float32([12, -6, 0]))
    rigid = seam.seam_score(head_moved, _landmarks(head_moved), prepared)
    torn = _face_cut_shifted(source, points, 14)
    tear = seam.seam_score(torn, _landmarks(torn), prepared)
    assert rigid < 0.06 and tear > 0.2 and tear > 4 * rigid, (rigid, tear)


def test_new_edges_only_in_the_head_region_and_on_the_hair_left_behind(astronaut):
    points = _landmarks(astronaut)
    torn = _face_cut_shifted(astronaut, points, 14)
    energy, region = seam.new_edges(torn, _landmarks(torn), seam.prepare(astronaut, points))
    assert region.any() and not energy[~region].any() and energy[region].mean() > 0.2
    oval = np.zeros(region.shape, np.uint8)
    cv2.fillPoly(oval, [np.round(points[list(ids.FACE_OVAL), :2]).astype(np.int32)], 1)
    outside_face = region & (cv2.dilate(oval, np.ones((31, 31), np.uint8)) == 0)  # hair, ears, background
    assert energy[outside_face].sum() > 0.3 * energy.sum()


def test_head_layer_is_the_source_where_nothing_moves(grace_hopper):
    points = _landmarks(grace_hopper)
    prepared = seam.prepare(grace_hopper, points)
    h, w = grace_hopper.shape[:2]
    layered = seam.head_layer(prepared, points, (0, 0, w, h), (h, w))
    inside = prepared.head > 0.99
    assert inside.mean() > 0.05
    error = np.abs(layered[inside] - grace_hopper[inside])  # lift and place round trip: sub-pixel, float32
    assert error.mean() < 0.1 and error.max() < 4.0, (error.mean(), error.max())
