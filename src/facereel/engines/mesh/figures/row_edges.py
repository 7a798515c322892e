"""Row edges: straight horizontal edges in the plate beside a turned face's far cheek (issue #9 item 2).

sr_18 (own size) x preset:turn 24-36: the light background the head mask holds below his far ear, carried on into the
plate's fill under the head along the rows (`plate_fill.held_light`), ended at the held rows' top and bottom in a step
a whole row long: a grey block with straight top and bottom edges beside the cheek. `straight_edges` counts a box's
pixels on a horizontal edge: the CIELAB L* step from the row above at least `STEP`, in a run along the row of at
least `RUN` px stepping the same way. The photo's background is soft across its rows and an outline is steep, not
long along a row: the source repeated over the same box reads 0. From the frame alone.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.figures.wall_strip import lab

STEP = 4.0
"""CIELAB L* units: a step from the row above at least this is an edge (the block's ends 8-15 in one row; the photo's
light background fades 1-3 a row)."""
RUN = 15
"""px: an edge along the row at least this long is straight (the block's ends 30-60 px at his own size; the cheek's
and ear's outlines cross a row in a few px)."""


def straight_edges(frame: np.ndarray, box: tuple[int, int, int, int]) -> int:
    """How many pixels of `frame` ((H, W, 3) uint8 RGB) in `box` (x0, y0, x1, y1 px) lie on a straight horizontal
    edge (module docstring): each pixel's L* step from the row above, at least `STEP` one way, in `RUN` consecutive
    pixels of its row."""
    x0, y0, x1, y1 = box
    light = lab(frame[y0 - 1:y1, x0:x1])[..., 0]
    step = np.diff(light, axis=0)  # (y1 - y0, x1 - x0): each row's step from the row above
    run = np.ones((1, RUN), np.uint8)
    # the runs at least `RUN` long of steps one way (an opening along the row), up and down
    return sum(int(cv2.morphologyEx((sign * step >= STEP).astype(np.uint8), cv2.MORPH_OPEN, run).sum())
               for sign in (1.0, -1.0))
