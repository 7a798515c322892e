"""Wall notch: the wall in the plate inside the person beside the neck (issue #9, lp_s6).

Beside a neck no wider than the plate's margin, the plate's hole behind the jaw angle was filled from the wall
(`plate.body_side` against an eroded body that had nothing left there), and the neck layer stretched it into a
white notch with stepped stripes between the ear and the collar (lp_s6 x lp_d3 frames 10-30, preset:turn 12-20).
The stripes are the wall blended with the neck as it stretches, so they are read where they come from: `wall_notch`
counts the plate's pixels in the neck band's rows, inside the source's person (its mask less its grown fringe),
that show the wall's colour.
"""

from __future__ import annotations

import cv2
import numpy as np

WALL_DISTANCE = 45.0
"""RGB levels: a pixel within this of the wall's colour shows the wall (lp_s6's wall varies by about 10; its
clay and collar lie over 90 from it)."""


def wall_colour(source: np.ndarray, person: np.ndarray) -> np.ndarray:
    """(3,) float32: the median colour of `source` ((h, w, 3) RGB) off the person (`person` (h, w) in [0, 1])."""
    return np.median(source[person < 0.1].reshape(-1, 3), axis=0).astype(np.float32)


def wall_notch(plate: np.ndarray, person: np.ndarray, neck: np.ndarray, fringe_px: int) -> int:
    """The pixels of `plate` ((h, w, 3) RGB, a crop's plate or the crop itself) within
    `WALL_DISTANCE` of the wall's colour (`wall_colour` of the crop off `person`), among those inside `person`
    ((h, w) in [0, 1], over 0.5, eroded by `fringe_px` px: the mask's grown fringe) in the rows of the `neck`
    band ((h, w) in [0, 1]; rows whose strongest pixel is over 0.5): the plate's wall inside the person."""
    size = 2 * fringe_px + 1
    inside = cv2.erode((person > 0.5).astype(np.uint8), cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size)))
    inside[~(neck.max(axis=1) > 0.5)] = 0
    wall = wall_colour(plate, person)
    near = np.linalg.norm(plate.astype(np.float32) - wall, axis=2) < WALL_DISTANCE
    return int(np.count_nonzero(near & (inside > 0)))
