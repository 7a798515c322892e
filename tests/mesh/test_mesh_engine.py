"""Mesh engine on real faces: identity, mouth, wink, gaze, rigid head motion, untouched surroundings.

Outputs are re-tracked with the face tracker, so these check what a viewer (or mediapipe) sees.
"""

from __future__ import annotations

from collections import Counter

import cv2
import numpy as np
import pytest
from mesh_faces import landmarks, portrait, set_up_copy, shared_animator
from mesh_target_edits import close_eye, eye_width, face_size, gaze, open_mouth, rigid

from facereel.engines.mesh import MeshOptions
from facereel.engines.mesh.eye.eyes import opening_ratio
from facereel.engines.mesh.geometry.mesh_topology import (
    LEFT_EYE_LOWER,
    LEFT_EYE_UPPER,
    RIGHT_EYE_LOWER,
    RIGHT_EYE_UPPER,
    face_triangles,
)
from facereel.engines.mesh.open_mouth.mouth import mouth_gap
from facereel.face import landmark_ids as ids


def psnr(a: np.ndarray, b: np.ndarray) -> float:
    mse = float(((a.astype(np.float64) - b) ** 2).mean())
    return 10 * np.log10(255.0**2 / max(mse, 1e-12))


def far_mask(lm: np.ndarray, shape: tuple[int, int], faces: float = 1.6) -> np.ndarray:
    """(H, W) bool: pixels more than `faces` face sizes (Chebyshev) from the face-oval centre."""
    oval = lm[list(ids.FACE_OVAL), :2]
    centre = (oval.min(0) + oval.max(0)) / 2
    yy, xx = np.mgrid[: shape[0], : shape[1]]
    return np.maximum(np.abs(xx - centre[0]), np.abs(yy - centre[1])) > faces * face_size(lm)


def retrack(image: np.ndarray) -> np.ndarray:
    lm = landmarks(image)
    assert lm is not None, "no face found in the rendered frame"
    return lm


def inner_mouth_luma(image: np.ndarray, lm: np.ndarray) -> float:
    poly = np.vstack([lm[list(ids.INNER_UPPER_LIP), :2], lm[list(ids.INNER_LOWER_LIP)[-2:0:-1], :2]])
    mask = np.zeros(image.shape[:2], np.uint8)
    cv2.fillPoly(mask, [np.round(poly).astype(np.int32)], 1)
    return float(cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)[mask > 0].mean())


def test_triangulation_covers_the_face_up_to_its_oval():
    tris = face_triangles()
    edges = Counter(tuple(sorted(e)) for t in tris for e in ((t[0], t[1]), (t[0], t[2]), (t[1], t[2])))
    boundary = {v for e, n in edges.items() if n == 1 for v in e}
    assert set(edges.values()) == {1, 2}  # a manifold: no edge shared by three triangles
    assert boundary == set(ids.FACE_OVAL)  # eyes and mouth filled, only the outline is open


def test_identity_target_reproduces_the_source(face):
    image, lm = face
    out = set_up_copy(image, lm).render(lm)
    assert out.shape == image.shape and out.dtype == np.uint8
    assert psnr(out, image) > 40


def test_open_mouth_opens_and_darkens_the_mouth(face):
    image, lm = face
    target = open_mouth(lm, 0.3)
    out = set_up_copy(image, lm).render(target)
    before, after = retrack(image), retrack(out)
    gap_src, width = mouth_gap(before)
    gap_out, _ = mouth_gap(after)
    # layered head + procedural interior: astronaut re-tracks at +0.130 mouth widths (0.127 before h18-mouth's lower
    # teeth tips; with that row 1.35x / 1.12x tall instead of 1.45x 0.111 / 0.094: the tracker's reading is sensitive)
    assert gap_out > gap_src + 0.1 * width
    # the drawn opening (the target's inner-lip contour) is darker than the photo there: grace_hopper by 7.1 grey
    # levels, astronaut 33.8; an undarkened opening reads ~0. Read inside the re-tracked contour until h16-lipseam
    # (bound 8): its lower lip lies ~19 px under grace_hopper's drawn opening (the tracker takes her stretched
    # lower lip for the opening), where the photo's lip seam carried down read as darkening (8.4); with the seam
    # lifted (`lip_edge.py`) that read -2.5 while the drawn opening changed by 1 level (8.1 -> 7.1)
    assert inner_mouth_luma(out, target) < inner_mouth_luma(image, target) - 6
    assert np.array_equal(out[far_mask(lm, image.shape[:2])], image[far_mask(lm, image.shape[:2])])


@pytest.mark.parametrize("eye", ["right", "left"])
def test_wink_closes_only_that_eye(face, eye):
    image, lm = face
    out = set_up_copy(image, lm).render(close_eye(lm, eye))
    before, after = retrack(image), retrack(out)
    lids = {"right": (RIGHT_EYE_UPPER, RIGHT_EYE_LOWER), "left": (LEFT_EYE_UPPER, LEFT_EYE_LOWER)}
    closed, other = lids[eye], lids["left" if eye == "right" else "right"]
    assert opening_ratio(after, *closed) < 0.6 * opening_ratio(before, *closed)
    assert opening_ratio(after, *other) > 0.75 * opening_ratio(before, *other)


@pytest.mark.parametrize("dx", [-0.2, 0.2])
def test_gaze_moves_the_irises(face, dx):
    image, lm = face
    out = set_up_copy(image, lm).render(gaze(lm, dx))
    before, after = retrack(image), retrack(out)
    for corners, pupil in ((ids.RIGHT_EYE_CORNERS, ids.RIGHT_PUPIL), (ids.LEFT_EYE_CORNERS, ids.LEFT_PUPIL)):
        moved = (after[pupil, 0] - before[pupil, 0]) / eye_width(before, corners)
        assert np.sign(moved) == np.sign(dx) and abs(moved) > 0.25 * abs(dx), moved


def test_rigid_head_motion_moves_the_face_without_tearing(face):
    image, lm = face
    size = face_size(lm)
    target = rigid(lm, roll_deg=10, yaw_deg=10, shift=(0.06 * size, -0.04 * size))
    out = set_up_copy(image, lm).render(target)
    after = retrack(out)
    stable = list(ids.STABLE)
    error = np.linalg.norm(after[stable, :2] - target[stable, :2], axis=1).mean()
    moved = np.linalg.norm(target[stable, :2] - lm[stable, :2], axis=1).mean()
    assert error < 0.35 * moved, (error, moved)
    # No holes: the warp has no unfilled pixels, so no new near-black area may appear.
    dark = lambda im: int((im.max(-1) < 8).sum())  # noqa: E731
    assert dark(out) <= dark(image) + 0.001 * image.shape[0] * image.shape[1]
    far = far_mask(lm, image.shape[:2])
    assert np.array_equal(out[far], image[far])
    assert np.array_equal(out[[0, 0, -1, -1], [0, -1, 0, -1]], image[[0, 0, -1, -1], [0, -1, 0, -1]])


def test_options_switch_off_eye_and_mouth_synthesis(face):
    image, lm = face
    target = close_eye(open_mouth(lm), "right")
    plain = set_up_copy(image, lm, MeshOptions(eyes=False, mouth=False)).render(target)
    full = set_up_copy(image, lm).render(target)
    assert not np.array_equal(plain, full)


@pytest.mark.parametrize("name", [pytest.param("sr_4", marks=pytest.mark.slow), "lp_s0"])
def test_half_body_portraits_animate_locally(name):
    image, lm = portrait(name)
    animator = shared_animator(name)
    assert psnr(animator.render(lm), image) > 40
    target = rigid(open_mouth(lm, 0.3), roll_deg=8, shift=(0.05 * face_size(lm), 0))
    out = animator.render(target)
    far = far_mask(lm, image.shape[:2])
    assert np.array_equal(out[far], image[far])
    after = retrack(out)
    assert mouth_gap(after)[0] > mouth_gap(lm)[0] + 0.1 * mouth_gap(lm)[1]


@pytest.mark.parametrize("edit", ["open_mouth", "yaw"])
def test_jaw_and_head_motion_leave_the_collar_in_place(face, edit):
    """Self-reenactment showed the collar and neck staying put while a real head talks and turns: the
    neck below the chin must not be dragged along by an opening jaw or a turning head."""
    image, lm = face
    target = open_mouth(lm, 0.3) if edit == "open_mouth" else rigid(lm, yaw_deg=8)
    below = int(np.ceil(lm[152, 1] + 0.3 * face_size(lm)))
    out = set_up_copy(image, lm, MeshOptions(eyes=False, mouth=False)).render(target)
    assert np.array_equal(out[below:], image[below:])
