import numpy as np
import pytest

from facereel.eval import landmarks
from facereel.face.landmark_ids import LEFT_PUPIL, RIGHT_PUPIL
from facereel.face.pose import rotation_from_euler


def _face(rng: np.random.Generator, frames: int = 3, iod: float = 50.0) -> np.ndarray:
    points = rng.uniform(100, 200, (frames, 478, 3)).astype(np.float32)
    points[:, RIGHT_PUPIL] = (120.0, 150.0, 0.0)
    points[:, LEFT_PUPIL] = (120.0 + iod, 150.0, 0.0)
    return points


def test_inter_ocular():
    points = _face(np.random.default_rng(0), iod=40.0)
    np.testing.assert_allclose(landmarks.inter_ocular(points), 40.0)


def test_akd_of_known_offset_over_inter_ocular():
    reference = _face(np.random.default_rng(1), iod=50.0)
    output = reference + np.array([3.0, 4.0, 7.0], np.float32)  # 5 px in the image plane; z ignored
    np.testing.assert_allclose(landmarks.akd(output, reference), 0.1, rtol=1e-5)
    np.testing.assert_allclose(landmarks.akd(reference, reference), 0.0)


def test_aed_landmarks_absolute_and_relative():
    rng = np.random.default_rng(2)
    reference = rng.normal(size=(4, 478, 3))
    output = reference + np.array([0.0, 0.0, 0.2])  # a constant shape difference (another identity)
    np.testing.assert_allclose(landmarks.aed_landmarks(output, reference), 0.2)
    np.testing.assert_allclose(landmarks.aed_landmarks(output, reference, relative=True), 0.0, atol=1e-12)


def test_aed_features_per_feature():
    reference = np.array([[0.3, 0.1], [0.2, 0.1]])
    output = np.array([[0.1, 0.1], [0.2, 0.4]])
    np.testing.assert_allclose(landmarks.aed_features(output, reference), [[0.2, 0.0], [0.0, 0.3]])


def test_apd_of_known_rotations():
    reference = np.stack([rotation_from_euler(10, -5, 2), rotation_from_euler(0, 0, 179)])
    output = np.stack([rotation_from_euler(25, -5, 0), rotation_from_euler(0, 0, -179)])
    error = landmarks.apd(output, reference)
    np.testing.assert_allclose(error, [[15, 0, 2], [0, 0, 2]], atol=1e-6)  # roll wraps through 180


def test_apd_identical_is_zero():
    rotation = np.stack([rotation_from_euler(30, 20, -10)])
    assert landmarks.apd(rotation, rotation) == pytest.approx(np.zeros((1, 3)), abs=1e-9)


def test_apd_and_feature_aed_relative_ignore_a_constant_offset():
    from facereel.face.pose import rotation_from_euler

    driver = np.stack([rotation_from_euler(0, 5 * k, 0) for k in range(4)])
    output = np.einsum("ij,tjk->tik", rotation_from_euler(20, 0, 0), driver)  # the source's own 20 deg yaw kept
    assert landmarks.apd(output, driver)[:, 0] == pytest.approx([20.0] * 4, abs=1e-6)
    np.testing.assert_allclose(landmarks.apd(output, driver, relative=True), 0.0, atol=1e-6)
    feats = np.array([[0.3, 0.1], [0.2, 0.1]])
    np.testing.assert_allclose(landmarks.aed_features(feats + 0.05, feats, relative=True), 0.0, atol=1e-12)
