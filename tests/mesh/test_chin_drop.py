"""`figures/chin_drop`: the chin's drop read on the pixels (issue #12, the relative photo jaw; why the re-tracked jaw
is not the figure there: `tests/animate/test_photo_driver.py`). The portrait as it is (the do-nothing output)
reads 0; the whole picture moved down, or its chin alone moved on the pixels (`stretch_chin`), reads the move."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from facereel.engines.mesh.figures.chin_drop import pixel_chin_drop, stretch_chin
from facereel.eval.landmarks import inter_ocular
from facereel.face import landmark_ids as ids
from facereel.face.tracking import track_image
from facereel.media.image import read_image


def test_the_pixel_chin_drop_reads_a_moved_chin(shared_data) -> None:
    image = read_image(shared_data / "portraits" / "lp_s1.jpg")
    image = cv2.resize(image, (512, 512), interpolation=cv2.INTER_AREA)
    landmarks = track_image(image).landmarks[0]
    iod = float(inter_ocular(landmarks))
    drop, score = pixel_chin_drop(image, image, landmarks)
    assert drop == 0.0 and score > 0.99
    lower = np.concatenate([image[:1].repeat(9, 0), image[:-9]])  # the whole picture 9 px down
    assert pixel_chin_drop(image, lower, landmarks)[0] * iod == pytest.approx(9.0)
    for move in (6.0, 15.0):
        longer = stretch_chin(image, landmarks, move)
        assert abs(pixel_chin_drop(image, longer, landmarks)[0] * iod - move) <= 1.0
        lip = int(landmarks[ids.LOWER_LIP_BOTTOM, 1])
        assert np.array_equal(longer[:lip], image[:lip])  # the face above the lower lip's bottom: kept
