"""The eyes sampled sharply (`eye.sharp_eyes`): a moved eye keeps the photo's detail and catchlight, scored by
`figures.eye_detail`."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from mesh_faces import set_up_copy, streamed_targets

from facereel.engines.mesh.eye.sharp_eyes import restore_detail
from facereel.engines.mesh.figures.eye_detail import EyeDetail

FRAMES = range(4, 31, 2)
"""lp_d18 60-100's frames read: the eyes opened wide, the head moved by fractions of a pixel."""


@pytest.fixture(scope="module")
def lp_s3_wide_eyes(shared_data: Path) -> tuple[np.ndarray, np.ndarray, list[np.ndarray]]:
    """lp_s3 at 384, its landmarks and its targets for lp_d18 60-90 (the eyes opened wide)."""
    return streamed_targets(shared_data, "lp_s3.jpg", "lp_d18", 60 + FRAMES[-1] + 1, 384, 60)


def test_moved_eyes_keep_their_detail_and_catchlight(lp_s3_wide_eyes) -> None:
    """lp_s3 at 384 x lp_d18 60-90, frames 4-30: the head layer's bilinear sample halved the eyes' detail as soon as
    the head moved and dimmed the image-right eye's catchlight (a 1 px dot, 97 grey levels of top-hat in the photo)
    to 0.2-0.8 of its step: medians over the frames, per eye, box 0.60 / 0.52, iris 0.38 / 0.32, catchlight 0.67 /
    0.52 (the source repeated 1). Sampled sharply (Lanczos) round the eyes: box 0.81 / 0.74, iris 0.76 / 0.67,
    catchlight 1.13 / 0.66."""
    image, lm, targets = lp_s3_wide_eyes
    animator = set_up_copy(image, lm)
    detail = EyeDetail(image, lm)
    np.testing.assert_allclose(np.nan_to_num(detail(animator.render(lm), lm)["box"]), 1.0)  # the source repeated
    reads = {"box": [], "iris": [], "catchlight": []}
    for k, target in enumerate(targets):
        frame = animator.render(target)
        if k in FRAMES:
            for key, value in detail(frame, target).items():
                reads[key].append(value)
    box, iris, catchlight = (np.nanmedian(np.array(reads[key]), 0) for key in ("box", "iris", "catchlight"))
    print("READS", box, iris, catchlight)
    assert box.min() > 0.68, box
    assert iris.min() > 0.55, iris
    assert catchlight[1] > 0.6, catchlight  # the image-right eye's; the image-left's is faint (38 grey levels)


def test_whole_pixel_maps_change_nothing() -> None:
    """Where the map reads whole pixels the sharp and the bilinear sample agree: the crop is left bit for bit."""
    rng = np.random.default_rng(0)
    photo = rng.integers(0, 256, (60, 80, 3), dtype=np.uint8)
    crop = photo.copy()
    ys, xs = np.mgrid[0:60, 0:80].astype(np.float32)
    maps = np.dstack([xs + 2, ys - 1]).astype(np.float32)
    target = np.zeros((478, 3), np.float32)
    target[:, :2] = (40, 30)
    target[:, 0] += rng.uniform(-15, 15, 478).astype(np.float32)
    target[:, 1] += rng.uniform(-6, 6, 478).astype(np.float32)
    restore_detail(crop, photo, maps, np.ones((60, 80), np.float32), (slice(0, 60), slice(0, 80)), None, target,
                   np.zeros(2, np.float32))
    np.testing.assert_array_equal(crop, photo)
