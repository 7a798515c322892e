"""`median_fill.median_filled` (issue #9, the photo under a held hand) on a drawn case: two cloths meeting across a
hole, a thin bright line ending on its rim."""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.median_fill import median_filled


def _two_cloths() -> tuple[np.ndarray, np.ndarray]:
    """(image (80, 80, 3) uint8: white above row 40, blue below, a 2 px bright red line along rows 29-30 up to the hole;
    the hole (80, 80) bool: a disc of radius 20 px about (40, 40))."""
    image = np.zeros((80, 80, 3), np.uint8)
    image[:40] = (235, 235, 240)
    image[40:] = (30, 60, 170)
    image[29:31, :26] = (250, 40, 40)
    hole = np.zeros((80, 80), np.uint8)
    cv2.circle(hole, (40, 40), 20, 1, -1)
    return image, hole > 0


def test_each_cloth_grows_in_as_itself() -> None:
    """Every filled pixel is one of the two cloths' colours (no third colour where they meet: Telea's inpainting
    blends them), the upper half white and the lower half blue, and the rest of the image is untouched."""
    image, hole = _two_cloths()
    filled = median_filled(image, hole, 3)
    assert np.array_equal(filled[~hole], image[~hole])
    colours = {tuple(c) for c in filled[hole]}
    assert colours <= {(235, 235, 240), (30, 60, 170)}, colours - {(235, 235, 240), (30, 60, 170)}
    rows = np.nonzero(hole.any(1))[0]
    upper, lower = hole & (np.arange(80)[:, None] < 38), hole & (np.arange(80)[:, None] > 42)
    assert rows.size and (filled[upper] == (235, 235, 240)).all() and (filled[lower] == (30, 60, 170)).all()


def test_a_thin_line_on_the_rim_is_not_drawn_in() -> None:
    """The 2 px red line ending on the hole's rim is outvoted by the white round it (Telea's inpainting draws it out
    into the hole)."""
    image, hole = _two_cloths()
    red = [(f[..., 0].astype(int) - f[..., 2] > 60) & hole for f in (
        median_filled(image, hole, 3), cv2.inpaint(image, hole.astype(np.uint8), 3, cv2.INPAINT_TELEA))]
    assert red[0].sum() == 0 and red[1].sum() > 0, (red[0].sum(), red[1].sum())


def test_nothing_to_fill_is_a_copy() -> None:
    """No hole: the image back, a copy."""
    image, hole = _two_cloths()
    filled = median_filled(image, np.zeros_like(hole), 3)
    assert np.array_equal(filled, image) and filled is not image


def test_a_hole_over_the_whole_image_is_left_as_it_is():
    """No known pixel anywhere: nothing to take a median of, so the image comes back unchanged (and the fill ends)."""
    image = np.random.default_rng(0).integers(0, 256, (12, 10, 3), dtype=np.uint8)
    assert np.array_equal(median_filled(image, np.ones((12, 10), bool), 2), image)
