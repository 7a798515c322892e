import math

import cv2
import numpy as np
import pytest

from facereel.eval import pixels


def test_psnr_of_known_mse():
    a = np.zeros((8, 8, 3), np.uint8)
    b = np.full((8, 8, 3), 10, np.uint8)  # MSE = 100
    assert pixels.psnr(a, b) == pytest.approx(10 * math.log10(255**2 / 100))
    assert pixels.psnr(a, a) == math.inf


def test_l1_in_unit_intensity():
    a = np.zeros((4, 4, 3), np.uint8)
    b = a.copy()
    b[:2] = 51  # half the pixels differ by 51/255 = 0.2
    assert pixels.l1(a, b) == pytest.approx(0.1)


def test_ssim_identical_is_one_and_needs_7px():
    a = np.random.default_rng(0).integers(0, 255, (16, 16, 3), dtype=np.uint8)
    assert pixels.ssim(a, a) == pytest.approx(1.0)
    with pytest.raises(ValueError):
        pixels.ssim(a[:5], a[:5])
    with pytest.raises(ValueError):
        pixels.psnr(a, a[:8])


def test_face_box_margin_and_clipping():
    points = np.array([[10.0, 20.0, 0.0], [30.0, 60.0, 0.0]])
    assert pixels.face_box(points, (100, 100), margin=0.0) == (10, 20, 30, 60)
    assert pixels.face_box(points, (100, 100), margin=0.5) == (0, 0, 40, 80)
    assert pixels.face_box(points, (35, 50), margin=0.0) == (10, 20, 30, 50)


def test_degraded_copies_score_worse(astronaut):
    blur_small = cv2.GaussianBlur(astronaut, (0, 0), 1.0)
    blur_large = cv2.GaussianBlur(astronaut, (0, 0), 3.0)
    shifted = np.roll(astronaut, 4, axis=1)
    for worse, better in ((blur_large, blur_small), (shifted, astronaut)):
        assert pixels.psnr(worse, astronaut) < pixels.psnr(better, astronaut)
        assert pixels.ssim(worse, astronaut) < pixels.ssim(better, astronaut)
        assert pixels.l1(worse, astronaut) > pixels.l1(better, astronaut)


def test_frame_scores_head_keys(astronaut):
    scores = pixels.frame_scores(astronaut, astronaut, (100, 50, 300, 250))
    assert scores["psnr_head"] == math.inf and scores["ssim_head"] == pytest.approx(1.0)
    assert set(scores) == {"psnr", "ssim", "l1", "psnr_head", "ssim_head", "l1_head"}
    assert set(pixels.frame_scores(astronaut, astronaut, None)) == {"psnr", "ssim", "l1"}
