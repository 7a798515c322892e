"""Straight horizontal edges in the plate beside a turned face's far cheek (`figures.row_edges`; issue #9 item 2: the
held light h32-greystrip carried on under sr_18's head ended in straight rows, a grey block beside his turned cheek)."""

from __future__ import annotations

import cv2
import pytest
from mesh_faces import portrait, set_up_copy
from test_grey_strip import BOX as GREY_BOX

from facereel.engines.mesh import MeshOptions
from facereel.engines.mesh.figures.grey_strip import grey_pixels
from facereel.engines.mesh.figures.row_edges import straight_edges
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

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


FRAMES = (16, 24, 32, 36)
"""preset:turn frames (4 s, no smoothing, own size) where the light the head mask held shows beside sr_18's cheek."""


@pytest.mark.slow
def test_sr_18s_turn_draws_neither_a_grey_strip_in_the_cheek_nor_a_straight_ended_block_beside_it():
    """sr_18 (own size) x preset:turn `FRAMES`: `straight_edges` over `BOX` the source repeated 0, main 19 / 16 / 0 / 0
    (but `grey_pixels` 223 / 438 / 458 / 73 inside the cheek, `test_grey_strip`), the held light carried as far in
    every row (h32-greystrip) 137 / 154 / 135 / 146, now 34 / 31 / 15 / 23; with `grey_pixels` under 40 each."""
    image, lm = portrait("sr_18")
    targets = retarget(lm, preset_motion("turn", 4.0), RetargetOptions(smoothing=None, translate=True))
    animator = set_up_copy(image, lm, MeshOptions())
    frames = [animator.draw(animator.map_frame(targets[k])) for k in FRAMES]
    edges, greys = [straight_edges(f, BOX) for f in frames], [grey_pixels(f, GREY_BOX) for f in frames]
    assert max(edges) < 60 and max(greys) < 40, (edges, greys)
