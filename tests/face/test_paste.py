"""Paste-back limited to a soft face mask (`face.paste.face_mask`, used by a1 video-to-video)."""

from __future__ import annotations

import numpy as np

from facereel.face.crop import Region
from facereel.face.paste import face_mask, paste_region


def test_face_mask_is_one_inside_and_fades_to_zero_outside() -> None:
    square = np.array([[40, 20], [60, 20], [60, 40], [40, 40]], np.float32)  # 20x20 px: 12% grow = 2.4 px
    mask = face_mask(square, (100, 60))
    assert mask.shape == (60, 100) and mask.dtype == np.float32
    assert mask[20:41, 40:61].min() == 1.0 and mask[30, 62] == 1.0  # inside, and within the widened band
    assert 0.0 < mask[30, 64] < 1.0 and mask[30, 66] == 0.0  # fading, then gone beyond twice the band
    assert mask[:10].max() == 0.0 and mask[:, :30].max() == 0.0


def test_paste_with_a_mask_keeps_the_source_bit_for_bit_outside_it() -> None:
    rng = np.random.default_rng(1)
    source = rng.integers(0, 256, (60, 100, 3), dtype=np.uint8)
    patch = rng.integers(0, 256, (60, 100, 3), dtype=np.uint8)
    region = Region(0.0, 0.0, 100.0, 60.0, (100, 60))
    mask = face_mask(np.array([[40, 20], [60, 20], [60, 40], [40, 40]], np.float32), (100, 60))
    out = paste_region(source, patch, region, mask=mask)
    assert np.array_equal(out[mask == 0], source[mask == 0])
    assert np.array_equal(out[25:36, 45:56], patch[25:36, 45:56])  # inside: the patch (identity resampling)
