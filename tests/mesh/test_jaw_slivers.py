"""Slivers beside the jaw corners (issue #9): the figure (`jaw_slivers`) sees a thin pale or dark piece the
photo does not have and reads 0 on the source repeated, and the head mask closed beside the jaw corners
(`jaw_corners`) keeps it low while lp_s5's head (../shared/data; skipped when absent) moves; the cut hair
figure (`cut_hair`) sees hair left behind beside moved hair and reads 0 on the photo and on the photo moved
whole; lp_s5's hair below the jaw corners is in the head mask (hanging hair reaching into the neck band)."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from mesh_faces import portrait

from facereel.engines.mesh import MeshAnimator, MeshOptions
from facereel.engines.mesh.composite import face_size
from facereel.engines.mesh.crop_box import head_box
from facereel.engines.mesh.figures.cut_hair import REACH, cut_hair, photo_hair
from facereel.engines.mesh.figures.jaw_slivers import CORNERS, jaw_slivers


@pytest.fixture(scope="module")
def lp_s5() -> tuple[np.ndarray, np.ndarray]:
    return portrait("lp_s5")


def test_the_figure_sees_a_thin_piece_beside_a_jaw_corner_and_not_the_photo(lp_s5):
    """The photo itself, with the face in place or moved, reads 0; a pale stroke 2 px wide drawn down from a
    jaw corner reads > 0, and the same stroke drawn into the photo too (it was there) reads 0."""
    image, lm = lp_s5
    moved = lm.copy()
    moved[:, :2] += (6.0, -4.0)
    assert jaw_slivers(image, image, lm, lm) == 0.0
    assert jaw_slivers(image, image, lm, moved) == 0.0
    corner = lm[list(CORNERS[0]), :2]
    start = corner[0] + (0.02 * face_size(lm), 0.0)
    end = start + (0.0, 0.15 * face_size(lm))
    stroke = image.copy()
    cv2.line(stroke, tuple(np.round(start).astype(int)), tuple(np.round(end).astype(int)), (250, 250, 250), 2)
    assert jaw_slivers(stroke, image, lm, lm) > 0.005
    assert jaw_slivers(stroke, stroke, lm, lm) == 0.0


SHIFTS = ((0, -0.05), (0, 0.04), (0.05, 0), (-0.05, 0), (0.04, -0.04), (-0.04, -0.04))
"""Face sizes (x, y): the head moved up, down, sideways and diagonally up, as a talking head does."""


@pytest.mark.parametrize("hanging_hair", [True, False])
def test_a_moving_head_shows_few_slivers_beside_lp_s5s_jaw(lp_s5, hanging_hair):
    """lp_s5 (a painting, short hair beside the jaw) with the head moved by `SHIFTS`: the jaw_slivers
    figure's mean stays under 0.05 (with hanging hair, the default, measured 0.003, 0.015 before the
    closing of `jaw_corners.py` ran with it too; the engine before the notch beside the jaw corners joined
    the head read 0.079: a pale wedge between the jaw and the hair, the hair's shadow left behind), with
    hanging hair and without."""
    image, lm = lp_s5
    size = face_size(lm)
    animator = MeshAnimator(image, lm, MeshOptions(hanging_hair=hanging_hair))
    figures = []
    for dx, dy in SHIFTS:
        target = lm.copy()
        target[:, :2] += (dx * size, dy * size)
        figures.append(jaw_slivers(animator.render(target), image, lm, target))
    assert np.mean(figures) < 0.05, np.round(figures, 3)


def test_the_cut_hair_figure_sees_hair_left_behind_beside_moved_hair(lp_s5):
    """The photo reads 0, and so does the photo moved whole by 4 px (all its hair moved); the photo moved
    4 px above a row 0.1 face sizes below a jaw corner and kept below it (the hair cut there, its lower
    part left behind) reads > 0.03 (measured 0.06)."""
    image, lm = lp_s5
    hair = photo_hair(image, lm)
    moved = np.roll(image, 4, axis=1)
    shifted = lm.copy()
    shifted[:, 0] += 4
    assert cut_hair(image, image, hair, lm, lm) == 0.0
    assert cut_hair(moved, image, hair, lm, shifted) == 0.0
    row = int(lm[CORNERS[0][0], 1] + 0.1 * face_size(lm))
    cut = image.copy()
    cut[:row] = moved[:row]
    assert cut_hair(cut, image, hair, lm, shifted) > 0.03


def test_lp_s5s_hair_below_the_jaw_corners_is_in_the_head_mask(lp_s5):
    """The photo's hair (`photo_hair`) within the cut hair figure's `REACH` of each jaw corner's landmarks,
    below the jaw angle: its share in the head mask (hanging hair on, the default) is > 0.9 beside the
    subject's right jaw corner (lp_s5's right curl, measured 0.92; 0.88 before the hanging hair reached into
    the neck band and the notch closed with it) and > 0.4 beside the left (0.49; 0.48 before: the hair
    there reads as one with the shadow on the neck, which stays with the body)."""
    image, lm = lp_s5
    hair = photo_hair(image, lm)
    (x0, y0, x1, y1), mask = head_box(image, lm, MeshOptions())
    head = np.zeros(image.shape[:2], bool)
    head[y0:y1, x0:x1] = mask.head > 0.5
    shares = []
    for corner in CORNERS:
        near = np.zeros(image.shape[:2], np.uint8)
        for x, y in lm[list(corner), :2]:
            cv2.circle(near, (int(x), int(y)), int(REACH * face_size(lm)), 1, -1)
        near[:int(lm[corner[0], 1])] = 0
        below = hair & (near > 0)
        shares.append(float(head[below].mean()))
    assert shares[1] > 0.9 and shares[0] > 0.4, np.round(shares, 3)
