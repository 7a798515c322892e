"""Flat skin runs: skin drawn one colour along the rows beside a turned face's far outline (issue #9).

sr_18 (own size) x lp_d3 284-308, frames 10-23, turns his face through frontal; its far outline's partly transparent
edge (the grey blob the head mask holds beside his jaw) moves inside the head and `head_edge.OutlineSkin` draws it
as skin: each pixel the colour of its nearest opaque skin pixel, so along a row a run of one colour and down the
columns the steps between rows, a flat, streaked block with a hard edge between his far cheek and ear.
`row_runs` is the share of a box's pixels that are flat along the row (L* range over `RUN` px under `FLAT`) but
not down the column (over `RUN` px at least `STEEP`): a run of one colour ending in a step, which the photo's
grain (and a flat background, flat both ways) hardly shows. From the frame alone; the source repeated over the
same box is the baseline.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.figures.wall_strip import lab

RUN = 7
"""px: the length along the row (and down the column) over which the L* range is read (sr_18's painted runs 5-20
px at his own size; at 5 the photo's own smooth cheek read flat runs too)."""
FLAT = 1.0
"""L* units: a range along the row under this is a flat run."""
STEEP = 2.0
"""L* units: a range down the column from this is a step between rows."""


def row_runs(frame: np.ndarray, box: tuple[int, int, int, int]) -> float:
    """Share (0-1) of the pixels of `frame` ((H, W, 3) uint8 RGB) in `box` (x0, y0, x1, y1 px) flat along the row
    and stepped down the column (module docstring; the ranges read on the whole image)."""
    light = lab(frame)[..., 0]
    along = np.ones((1, RUN), np.uint8)
    row_range = cv2.dilate(light, along) - cv2.erode(light, along)
    column_range = cv2.dilate(light, along.T) - cv2.erode(light, along.T)
    x0, y0, x1, y1 = box
    runs = (row_range < FLAT) & (column_range >= STEEP)
    return float(runs[y0:y1, x0:x1].mean())
