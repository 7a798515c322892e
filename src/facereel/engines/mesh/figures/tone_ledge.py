"""A straight horizontal edge beside a jaw angle: the neck tone's top laid against the wall's fill (issue #9).

lp_d19 frame 0 `edit --yaw 30` (forced past the room) and lp_d6 frame 230 `--yaw 20` (x 320-400, y 240-440 at 3x):
the near ear and jaw angle turn inward and uncover the plate below the ear, where the neck's shadowed tone
(`layers.HeadLayer`'s neck plate) was laid up to the neck box's top row (the jaw angles' height) at full strength: a
pale block whose top is one straight row against the wall's fill above it. `tone_ledge` finds, within `REACH` face
sizes of each of the photo's jaw angles, the longest run of neighbouring columns along one row where the frame's grey
level steps by more than `STEP` across that row (row y - 1 to y + 1, one sign all along), the photo's there by less
(a step the photo lacks: not the wall's or the collar's own edges, which the plate keeps in place) and the plate shows
(the drawn head alpha under `PLATE` on both rows: the moved head's own edges are not read), in face sizes; the larger
of the two sides. The source repeated reads 0.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import grey_image

PLATE = 0.5
"""Drawn head alpha under which the frame shows the plate there."""
REACH = 0.2
"""Face sizes from each jaw angle (half the square read): the lobe, the jaw angle and the neck's side below them."""
STEP = 6.0
"""Grey levels across a row (two rows apart) over which a column steps (the tone's top against lp_d19's wall fill reads
8-20; the wall's own grain under 3)."""


def _longest_run(steps: np.ndarray) -> int:
    """The longest run of True along the last axis of (rows, cols) bool `steps`, columns."""
    best = 0
    for row in steps:
        edges = np.diff(np.concatenate([[0], row.astype(np.int8), [0]]))
        starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
        if len(starts):
            best = max(best, int((ends - starts).max()))
    return best


def _row_steps(image: np.ndarray) -> np.ndarray:
    """(h, w) float32: the grey level of (h, w, 3) uint8 RGB `image` one row down minus one row up (0 on the first
    and last rows), blurred along the row only (a straight edge stays sharp across)."""
    grey = cv2.blur(grey_image(image), (3, 1))
    step = np.zeros_like(grey)
    step[1:-1] = grey[2:] - grey[:-2]
    return step


def tone_ledge(frame: np.ndarray, source: np.ndarray, alpha: np.ndarray, jaw: np.ndarray, face_px: float) -> float:
    """Face sizes: the longest straight horizontal step of `frame`'s plate near the jaw angles that the photo lacks
    (module docstring). frame, source: (h, w, 3) uint8 RGB, the rendered frame and the photo; alpha: (h, w) float32,
    the head alpha as drawn on the frame (`MeshAnimator.drawn_alpha`); jaw: (2, 2) px, the photo's jaw angles
    (`neck_side.JAW_ANGLES`); face_px: the face size, px."""
    step = _row_steps(frame)
    plate = np.zeros(step.shape, bool)
    plate[1:-1] = (alpha[2:] < PLATE) & (alpha[:-2] < PLATE)
    step[~plate | (np.abs(_row_steps(source)) >= STEP)] = 0
    reach, best = REACH * face_px, 0
    for x, y in jaw:
        y0, y1 = max(int(y - reach), 0), min(int(y + reach) + 1, step.shape[0])
        x0, x1 = max(int(x - reach), 0), min(int(x + reach) + 1, step.shape[1])
        box = step[y0:y1, x0:x1]
        best = max(best, _longest_run(box > STEP), _longest_run(box < -STEP))
    return best / face_px
