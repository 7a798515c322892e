"""`head_edge.outline_grain`: the band beside a face's outline drawn with its nearest skin's tone and the skin's
grain, not its nearest pixel repeated along the rows (issue #9; sr_18 x lp_d3 284-308 in
tests/mesh/test_far_jaw_turn.py)."""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.head_edge.outline_grain import grained_skin, mirrored
from facereel.engines.mesh.plate_fill.plate import nearest_pixels

FACE_PX = 200.0
"""px: the synthetic face's size (the grain's blur 1.5 px, the tone's 2 px)."""


def skin_and_band() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """A (60, 60) crop: grained skin (levels 150 +- 6, shaded down the rows) left of column 30, grey right of it;
    the band columns 30-39 (crop, band, side, nearest)."""
    rng = np.random.default_rng(0)
    crop = np.full((60, 60, 3), 90.0)
    crop[:, :30] = 150 + 20 * np.linspace(-1, 1, 60)[:, None, None] + rng.normal(0, 6, (60, 30, 1))
    side = np.zeros((60, 60), bool)
    side[:, :30] = True
    band = np.zeros_like(side)
    band[:, 30:40] = True
    return np.clip(crop, 0, 255).astype(np.uint8), band, side, nearest_pixels(side)[1]


def test_the_mirror_reads_as_far_inside_the_skin_as_the_pixel_lies_outside():
    """A band pixel 3 px right of its nearest skin pixel (column 29) reads column 26 of its row; one whose mirror
    leaves the skin (the skin narrowed to columns 25-29) reads none."""
    _, band, side, nearest = skin_and_band()
    at, on_skin = mirrored(band, nearest, side)
    ys, xs = np.nonzero(band)
    k = np.flatnonzero((ys == 10) & (xs == 32))[0]
    assert on_skin[k] and at[k] == 10 * 60 + 26
    narrow = side.copy()
    narrow[:, :25] = False
    assert not mirrored(band, nearest_pixels(narrow)[1], narrow)[1][(xs == 39)].any()


def test_the_band_keeps_its_nearest_skins_tone_and_gets_its_grain():
    """Drawn as its nearest pixel each band row is one colour (range 0) with a step to the next; grained, its rows
    vary as the skin's do (range over 5 levels on most rows), the steps between row means halved, while the band's
    mean stays within 1.5 levels of its nearest pixels' and the shading down the rows is kept."""
    crop, band, side, nearest = skin_and_band()
    drawn = grained_skin(crop, band, nearest, side, FACE_PX).reshape(60, 10, 3)
    flat = crop.reshape(-1, 3)[nearest[band]].astype(np.float32).reshape(60, 10, 3)
    assert np.ptp(flat, axis=1).max() == 0
    assert np.median(np.ptp(drawn[..., 0], axis=1)) > 5
    assert abs(drawn.mean() - flat.mean()) < 1.5
    assert np.abs(np.diff(drawn.mean(1), axis=0)).mean() < 0.5 * np.abs(np.diff(flat.mean(1), axis=0)).mean()
    assert drawn[-5:].mean() - drawn[:5].mean() > 25
