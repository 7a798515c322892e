"""Body following: the portrait's torso moves with the driver's shoulders, the head and far background
stay, and a face-only driver leaves the body still."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from conftest import portrait
from mesh_target_edits import rigid
from test_mesh_engine import far_mask

from facereel.engines.mesh import MeshAnimator
from facereel.engines.mesh.body import BodyFollower, detect_shoulders

SHOULDERS = np.array([[100.0, 300.0], [300.0, 300.0]])  # a driver's shoulders, 200 px apart


def translation(dx: float, dy: float = 0.0) -> np.ndarray:
    return np.array([[1.0, 0.0, dx], [0.0, 1.0, dy]])


def patch_shift(before: np.ndarray, after: np.ndarray, box: tuple[int, int, int, int]) -> np.ndarray:
    """(dx, dy) px that the content of `box` (x0, y0, x1, y1) moved between two frames (phase correlation)."""
    x0, y0, x1, y1 = box
    grey = lambda im: cv2.cvtColor(im[y0:y1, x0:x1], cv2.COLOR_RGB2GRAY).astype(np.float32)  # noqa: E731
    (dx, dy), _ = cv2.phaseCorrelate(grey(before), grey(after))
    return np.array([dx, dy])


def test_follower_scales_the_drivers_shoulder_shift_to_the_portrait():
    portrait_shoulders = np.array([[50.0, 400.0], [150.0, 400.0]])  # 100 px apart: half the driver's width
    follow = BodyFollower(portrait_shoulders, fps=25, smoothing=None, with_head_translation=True)
    assert np.allclose(follow(SHOULDERS), translation(0, 0))  # the first frame is the reference
    assert np.allclose(follow(SHOULDERS + [20, -10]), translation(10, -5))
    assert np.allclose(follow(None), translation(10, -5))  # shoulders lost: keep the last motion


def test_a_face_only_driver_leaves_the_body_still():
    follow = BodyFollower(SHOULDERS, fps=25)
    assert all(np.allclose(follow(None), translation(0, 0)) for _ in range(5))


def test_swaying_as_a_whole_moves_nothing_without_head_translation():
    follow = BodyFollower(SHOULDERS, fps=25, smoothing=None, with_head_translation=False)
    follow(SHOULDERS, np.array([200.0, 100.0]))
    assert np.allclose(follow(SHOULDERS + [30, 0], np.array([230.0, 100.0])), translation(0, 0))
    assert np.allclose(follow(SHOULDERS + [30, 0], np.array([200.0, 100.0])), translation(30, 0))


@pytest.fixture(scope="module")
def half_body():
    image, lm = portrait("lp_s0")
    shoulders = detect_shoulders(image)
    assert shoulders is not None, "lp_s0 shows both shoulders"
    return image, lm, shoulders


def test_torso_follows_a_shoulder_shift_and_the_head_stays(half_body):
    image, lm, shoulders = half_body
    animator = MeshAnimator(image, lm, shoulders=shoulders)
    assert np.array_equal(animator.render(lm, translation(0, 0)), animator.render(lm))
    width = float(np.linalg.norm(shoulders[1] - shoulders[0]))
    shift = 0.06 * width
    out = animator.render(lm, translation(shift, 0))
    mid = shoulders.mean(0)
    torso = (int(mid[0] - 0.7 * width), int(mid[1] + 0.05 * width), int(mid[0] + 0.7 * width), int(mid[1] + 0.6 * width))
    assert np.allclose(patch_shift(image, out, torso), [shift, 0], atol=1.5)
    chin = int(lm[152, 1])
    assert np.array_equal(out[:chin], image[:chin])  # the head and everything above the chin stay
    far = far_mask(lm, image.shape[:2], 1.6) & (np.arange(image.shape[1]) < shoulders[:, 0].min() - 0.8 * width)[None]
    assert np.array_equal(out[far], image[far])  # background well beside the body stays


def test_neck_stays_attached_when_head_and_body_move_together(half_body):
    image, lm, shoulders = half_body
    animator = MeshAnimator(image, lm, shoulders=shoulders)
    width = float(np.linalg.norm(shoulders[1] - shoulders[0]))
    shift = 0.06 * width
    head = rigid(lm, shift=(shift, 0))
    chin = lm[152, :2]
    neck = (int(chin[0] - 0.3 * width), int(chin[1] + 0.05 * width), int(chin[0] + 0.3 * width),
            int(shoulders[:, 1].mean() + 0.1 * width))  # from below the chin to the shoulder line
    frozen = patch_shift(image, animator.render(head), neck)[0]
    attached = patch_shift(image, animator.render(head, translation(shift, 0)), neck)[0]
    print(frozen, attached, shift)
    assert abs(attached - shift) < 0.25 * shift and abs(attached - shift) < abs(frozen - shift)
