import numpy as np
import pytest

from facereel.eval import temporal
from facereel.face.landmark_ids import LEFT_PUPIL, RIGHT_PUPIL


def _still_then_moving(iod: float = 50.0) -> np.ndarray:
    base = np.random.default_rng(0).uniform(100, 200, (478, 3)).astype(np.float32)
    base[RIGHT_PUPIL, :2] = (100.0, 100.0)
    base[LEFT_PUPIL, :2] = (100.0 + iod, 100.0)
    shifts = np.array([0, 0, 0, 10, 20], np.float32)  # still for two steps, then 10 px / frame
    frames = np.repeat(base[None], len(shifts), axis=0)
    frames[:, :, 0] += shifts[:, None]
    return frames


def test_speed_and_still_steps():
    driver = _still_then_moving()
    np.testing.assert_allclose(temporal.landmark_speed(driver), [0, 0, 0.2, 0.2], atol=1e-6)
    np.testing.assert_array_equal(temporal.still_steps(driver), [True, True, False, False])


def test_jitter_only_on_still_steps():
    driver = _still_then_moving()
    still = temporal.still_steps(driver)
    output = driver.copy()
    output[1, :, 1] += 1.0  # a 1 px wobble while the driver is still
    assert temporal.landmark_jitter(output, still) == pytest.approx((1 / 50 + 1 / 50) / 2, rel=1e-5)
    assert temporal.landmark_jitter(driver, still) == 0.0
    assert np.isnan(temporal.landmark_jitter(output, np.zeros(4, bool)))


def test_flicker_outside_the_box():
    previous = np.zeros((10, 10, 3), np.uint8)
    current = previous.copy()
    current[:, :5] = 51  # left half changes by 0.2
    outside = temporal.outside_mask((10, 10), (5, 0, 10, 10))  # the box covers the right half
    assert temporal.flicker_step(previous, current, outside) == pytest.approx(0.2)
    inside_only = temporal.outside_mask((10, 10), (0, 0, 5, 10))
    assert temporal.flicker_step(previous, current, inside_only) == 0.0
    assert np.isnan(temporal.flicker_step(previous, current, np.zeros((10, 10), bool)))


def test_head_size_drift_relative_to_driver():
    driver = np.array([100.0, 110.0, 120.0])
    assert temporal.head_size_drift(driver * 2, driver) == pytest.approx(0.0)
    output = np.array([200.0, 200.0, 200.0])  # the output keeps its size while the driver grows
    expected = np.mean(np.abs([1.0, 100 / 110, 100 / 120] - np.ones(3)))
    assert temporal.head_size_drift(output, driver) == pytest.approx(expected)
