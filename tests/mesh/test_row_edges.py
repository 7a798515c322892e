"""Straight horizontal edges in the plate beside a turned face's far cheek (`figures.row_edges`; issue #9 item 2: the
held light h32-greystrip carried on under sr_18's head ended in straight rows, a grey block beside his turned cheek)."""

from __future__ import annotations

import cv2
from mesh_faces import portrait

from facereel.engines.mesh.figures.row_edges import straight_edges

BOX = (1200, 380, 1290, 500)
"""x0, y0, x1, y1 px: sr_18 (own size) beside his far cheek, where preset:turn 16-36 draws the carried grey (the source
repeated 0)."""


def test_the_figure_reads_a_blocks_straight_ends_and_not_the_photo_or_a_soft_block():
    """sr_18's photo over `BOX` (his light background's soft blob) reads 0; a grey block 40 px wide painted into it
    (RGB 200, 198, 196, lighter than the photo there) reads both its ends' rows, 80 pixels; the same block blurred
    across the rows (Gaussian sigma 10 px, a soft end) reads 0."""
    image, _ = portrait("sr_18")
    assert straight_edges(image, BOX) == 0
    painted = image.copy()
    painted[420:460, 1220:1260] = (200, 198, 196)
    assert straight_edges(painted, BOX) == 80
    soft = image.copy()
    soft[360:520, 1220:1260] = cv2.GaussianBlur(painted[360:520, 1220:1260], (0, 0), sigmaX=0.1, sigmaY=10)
    assert straight_edges(soft, BOX) == 0
