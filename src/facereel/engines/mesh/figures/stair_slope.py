"""A slanted edge of the plate drawn as a one-pixel staircase beside a jaw angle (issue #9).

lp_s6 at 512 px x lp_d12 140-179, frames 22-34 (h48-s6collar's collar's inside, not merged): left of the chin moved up
and right, the collar's inside laid under a 45-degree top against the wall was cut pixel by pixel, a hard stair of
one-pixel steps from the wall's white to the dark fill (/tmp/h48-s6collar/s6_d12_512_src_main_branch_22_24_26_30.png,
3x). `stair_slope` counts, within `tone_ledge.REACH` face sizes of each of the photo's jaw angles, the stair corners of
the frame's plate (the drawn head alpha under `tone_ledge.PLATE` on the pixel and its four neighbours): pixels with a
hard step (`edge_steps.STRONG` grey levels over the four pixels across it, `edge_steps.ONE_PIXEL` of it in the one
pixel step) both to a side and up or down, where the photo has neither; a straight edge has no corners, a slant
drawn anti-aliased no hard steps. Read as face sizes (the corners, two at each one-pixel step, one either side of it,
over the face size in px); the source repeated reads 0.
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.composite import grey_image
from facereel.engines.mesh.figures.edge_steps import hard_steps
from facereel.engines.mesh.figures.tone_ledge import PLATE, REACH


def _hard_along_rows(grey: np.ndarray) -> np.ndarray:
    """(h, w) bool: pixels of `grey` ((h, w) float32) with a hard step to the next pixel along the row (the step
    across the pair p, p + 1 read over the four pixels p - 1 .. p + 2)."""
    d1 = grey[:, 2:-1] - grey[:, 1:-2]
    d3 = grey[:, 3:] - grey[:, :-3]
    hard = np.zeros(grey.shape, bool)
    hard[:, 1:-2] = hard_steps(d1, d3)
    return hard


def _corners(grey: np.ndarray) -> np.ndarray:
    """(h, w) bool: pixels of `grey` ((h, w) float32) with a hard step to a side (left or right) and up or down."""
    side, down = _hard_along_rows(grey), _hard_along_rows(grey.T).T
    across, along = side.copy(), down.copy()
    across[:, 1:] |= side[:, :-1]
    along[1:] |= down[:-1]
    return across & along


def stair_slope(frame: np.ndarray, source: np.ndarray, alpha: np.ndarray, jaw: np.ndarray, face_px: float) -> float:
    """Face sizes: the stair corners of `frame`'s plate near the jaw angles that the photo lacks (module docstring).
    frame, source: (h, w, 3) uint8 RGB, the rendered frame and the photo; alpha: (h, w) float32, the head alpha as
    drawn on the frame (`MeshAnimator.drawn_alpha`); jaw: (k, 2) px, the photo's jaw angles (`neck_side.JAW_ANGLES`);
    face_px: the face size, px."""
    plate = alpha < PLATE
    plate[1:] &= alpha[:-1] < PLATE
    plate[:-1] &= alpha[1:] < PLATE
    plate[:, 1:] &= alpha[:, :-1] < PLATE
    plate[:, :-1] &= alpha[:, 1:] < PLATE
    stairs = _corners(grey_image(frame)) & ~_corners(grey_image(source)) & plate
    reach, near = REACH * face_px, np.zeros(plate.shape, bool)
    for x, y in jaw:
        near[max(int(y - reach), 0):int(y + reach) + 1, max(int(x - reach), 0):int(x + reach) + 1] = True
    return float(np.count_nonzero(stairs & near)) / face_px
