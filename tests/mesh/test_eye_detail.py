"""The eyes sampled sharply (`eye.sharp_eyes`) and their catchlights moved by whole pixels (`eye.catchlight`): a moved
eye keeps the photo's detail and catchlight, scored by `figures.eye_detail`."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from mesh_faces import set_up_copy, streamed_targets

from facereel.engines.mesh.eye.catchlight import lay_spot, spot_centre
from facereel.engines.mesh.eye.sharp_eyes import boxes_on, restore_detail
from facereel.engines.mesh.figures.eye_detail import EyeDetail

FRAMES = range(4, 31, 2)
"""The driver's frames read (from its cut's frame 0): the head moved by fractions of a pixel."""


def _medians(shared_data: Path, photo: str, size: int, driver: str, first: int) -> dict[str, np.ndarray]:
    """`photo` at `size` driven by `driver` cut at `first`: the `EyeDetail` readings' medians over FRAMES, (2,) per
    reading (image-left eye first); the source repeated checked to read 1."""
    image, lm, targets = streamed_targets(shared_data, photo, driver, first + FRAMES[-1] + 1, size, first)
    animator = set_up_copy(image, lm)
    detail = EyeDetail(image, lm)
    for value in detail(animator.render(lm), lm).values():
        np.testing.assert_allclose(value[np.isfinite(value)], 1.0)
    reads: dict[str, list[np.ndarray]] = {"box": [], "iris": [], "catchlight": []}
    for k, target in enumerate(targets):
        frame = animator.render(target)
        if k in FRAMES:
            for key, value in detail(frame, target).items():
                reads[key].append(value)
    return {key: np.nanmedian(np.array(value), 0) for key, value in reads.items()}


def test_moved_eyes_keep_their_detail_and_catchlight(shared_data: Path) -> None:
    """lp_s3 at 384 x lp_d18 60-90 (the eyes opened wide), frames 4-30: the head layer's bilinear sample halved the
    eyes' detail as soon as the head moved and dimmed the image-right eye's catchlight (a 1 px dot, 97 grey levels of
    top-hat in the photo) to 0.3-0.8 of its step. Medians over the frames, image-left / image-right eye (the source
    repeated 1): before, box 0.59 / 0.48, iris 0.40 / 0.32, catchlight 0.75 / 0.47; sampled sharply round the eyes,
    the catchlight laid unresampled: box 0.80 / 0.76, iris 0.78 / 1.04, catchlight 1.04 / 1.00 (the opened lids'
    stretch is the rest of the box's)."""
    reads = _medians(shared_data, "lp_s3.jpg", 384, "lp_d18", 60)
    assert reads["box"].min() > 0.65, reads
    assert reads["iris"].min() > 0.6, reads
    assert reads["catchlight"][1] > 0.85, reads  # the image-right eye's; the image-left's is faint (38 grey levels)


def test_small_catchlights_keep_their_step(shared_data: Path) -> None:
    """sr_8 at 320 x lp_d19 120-150 (a pout to a grin), frames 4-30: both catchlights (2 px, 166 / 107 grey levels)
    dimmed, medians over the frames 0.57 / 0.54 of their step before (frames 0.42-0.73); now 0.99 / 0.98."""
    reads = _medians(shared_data, "sr_8.png", 320, "lp_d19", 120)
    assert reads["catchlight"].min() > 0.9, reads


def test_whole_pixel_maps_change_nothing() -> None:
    """Where the map reads whole pixels the sharp and the bilinear sample agree: the crop is left bit for bit; a
    catchlight moved by a whole-pixel map lands on whole pixels as it is."""
    rng = np.random.default_rng(0)
    photo = rng.integers(0, 256, (60, 80, 3), dtype=np.uint8)
    crop = photo.copy()
    ys, xs = np.mgrid[0:60, 0:80].astype(np.float32)
    maps = np.dstack([xs + 2, ys - 1]).astype(np.float32)
    target = np.zeros((478, 3), np.float32)
    target[:, :2] = (40, 30)
    target[:, 0] += rng.uniform(-15, 15, 478).astype(np.float32)
    target[:, 1] += rng.uniform(-6, 6, 478).astype(np.float32)
    box = (slice(0, 60), slice(0, 80))
    restore_detail(crop, photo, maps, np.ones((60, 80), np.float32), box, None,
                   boxes_on(target, np.zeros(2, np.float32), box, (60, 80)))
    np.testing.assert_array_equal(crop, photo)
    spot = np.zeros((9, 9, 3), np.float32)
    spot[3, 5] = 100
    colour = np.zeros((20, 20, 3), np.float32)
    lay_spot(colour, spot, spot_centre(spot), 1.0, np.array([7.0, 4.0]), (2, 1))  # texture (5, 3) -> window (10, 6)
    assert colour[6, 10, 0] == 100 and colour.sum() == 300
