"""Wall notch: the wall in the plate inside the person beside the neck, and under the ear (issue #9, lp_s6).

Beside a neck no wider than the plate's margin, the plate's hole behind the jaw angle was filled from the wall
(`plate.body_side` against an eroded body that had nothing left there), and the neck layer stretched it into a
white notch with stepped stripes between the ear and the collar (lp_s6 x lp_d3 frames 10-30, preset:turn 12-20).
The stripes are the wall blended with the neck as it stretches, so they are read where they come from: `wall_notch`
counts the plate's pixels in the neck band's rows, inside the source's person (its mask less its grown fringe),
that show the wall's colour. Above the band's rows, behind the jaw angle under the ear, the hole was filled from the
wall too, and a turning head uncovered it as a white wedge (preset:turn 12-20); `wall_under_ear` reads that on the
frames: their wall-coloured pixels where the neck goes on up from the band's top row.
"""

from __future__ import annotations

import cv2
import numpy as np

UNDER_EAR = 0.2
"""Face sizes: how far above the neck band's top row `wall_under_ear` reads (lp_s6: from the ear lobe's foot)."""
WALL_DISTANCE = 45.0
"""RGB levels: a pixel within this of the wall's colour shows the wall (lp_s6's wall varies by about 10; its
clay and collar lie over 90 from it)."""


def wall_colour(source: np.ndarray, person: np.ndarray) -> np.ndarray:
    """(3,) float32: the median colour of `source` ((h, w, 3) RGB) off the person (`person` (h, w) in [0, 1])."""
    return np.median(source[person < 0.1].reshape(-1, 3), axis=0).astype(np.float32)


def _inside(person: np.ndarray, fringe_px: int) -> np.ndarray:
    """(h, w) uint8: `person` ((h, w) in [0, 1]) over 0.5, eroded by `fringe_px` px (the mask's grown fringe)."""
    size = 2 * fringe_px + 1
    return cv2.erode((person > 0.5).astype(np.uint8), cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size)))


def _near_wall(image: np.ndarray, person: np.ndarray) -> np.ndarray:
    """(h, w) bool: the pixels of `image` ((h, w, 3) RGB) within `WALL_DISTANCE` of its `wall_colour`."""
    return np.linalg.norm(image.astype(np.float32) - wall_colour(image, person), axis=2) < WALL_DISTANCE


def wall_notch(plate: np.ndarray, person: np.ndarray, neck: np.ndarray, fringe_px: int) -> int:
    """The pixels of `plate` ((h, w, 3) RGB, a crop's plate or the crop itself) within
    `WALL_DISTANCE` of the wall's colour (`wall_colour` of the crop off `person`), among those inside `person`
    ((h, w) in [0, 1], over 0.5, eroded by `fringe_px` px: the mask's grown fringe) in the rows of the `neck`
    band ((h, w) in [0, 1]; rows whose strongest pixel is over 0.5): the plate's wall inside the person."""
    inside = _inside(person, fringe_px)
    inside[~(neck.max(axis=1) > 0.5)] = 0
    return int(np.count_nonzero(_near_wall(plate, person) & (inside > 0)))


def wall_under_ear(frame: np.ndarray, source: np.ndarray, person: np.ndarray, neck: np.ndarray, fringe_px: int,
                   face_px: float) -> int:
    """The pixels of `frame` ((h, w, 3) RGB, a frame's crop or the source's) within `WALL_DISTANCE` of the wall's
    colour, inside the source's `person` ((h, w) in [0, 1], over 0.5, eroded by `fringe_px` px) in the `UNDER_EAR`
    face sizes (`face_px` px) of rows above the `neck` band's top row (its first row whose strongest pixel is
    over 0.5), in the columns where the `source` ((h, w, 3) RGB) in that row is inside the person and not the
    wall (the photo's neck): the wall showing through the neck behind the jaw angle, under the ear (an ear lobe
    standing out past the neck, which moves off the wall, is not read)."""
    full = np.flatnonzero(neck.max(axis=1) > 0.5)
    if not len(full):
        return 0
    top = full[0]
    inside = _inside(person, fringe_px)
    region = np.zeros_like(inside)
    region[max(0, top - round(UNDER_EAR * face_px)):top] = (inside[top] > 0) & ~_near_wall(source, person)[top]
    return int(np.count_nonzero(_near_wall(frame, person) & (inside > 0) & (region > 0)))
