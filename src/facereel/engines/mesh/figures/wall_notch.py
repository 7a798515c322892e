"""Wall notch: the wall in the plate inside the person beside the neck (issue #9, lp_s6).

Beside a neck no wider than the plate's margin, the plate's hole behind the jaw angle was filled from the wall
(`plate.body_side` against an eroded body that had nothing left there), and the neck layer stretched it into a
white notch with stepped stripes between the ear and the collar (lp_s6 x lp_d3 frames 10-30, preset:turn 12-20).
The stripes are the wall blended with the neck as it stretches, so they are read where they come from: `wall_notch`
counts the plate's pixels in the neck band's rows, inside the source's person (its mask less its grown fringe),
that show the wall's colour. Above the band's rows, between the jaw and the ear, the plate's fill was still the wall's
(`neck_layer.under_ear`): a head turning away showed it as a white wedge under the ear (preset:turn 12-20) and beside
the raised chin (36-44); `wall_under_ear` counts a frame's pixels there that show the wall; `tone_streak` reads a light upright stripe in the
tone laid there (the wall seen through a dip of the neck's columns: one arm of a white "V" under lp_s6's lobe).
Above the box's top row, under the moved lobe, the tone fades out (`under_ear.FADE`) and a whitish wedge of the wall
stood between the lobe's foot and the tone's top edge (preset:turn 12-20); `wall_under_lobe` counts a frame's pixels
there that the photo's head covered and show the wall.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import disc_kernel, grey_image

WALL_DISTANCE = 45.0
"""RGB levels: a pixel within this of the wall's colour shows the wall (lp_s6's wall varies by about 10; its
clay and collar lie over 90 from it)."""
LOBE_ROWS = 0.25
"""Face sizes: the rows above the neck box's top row that `wall_under_lobe` reads (lp_s6's lobe foot lies ~0.2
above it on preset:turn 12-20)."""
STREAK_ROWS = 0.1
"""Face sizes: the rows from the neck box's top row that `tone_streak` averages."""


def wall_colour(source: np.ndarray, person: np.ndarray) -> np.ndarray:
    """(3,) float32: the median colour of `source` ((h, w, 3) RGB) off the person (`person` (h, w) in [0, 1])."""
    return np.median(source[person < 0.1].reshape(-1, 3), axis=0).astype(np.float32)


def wall_notch(plate: np.ndarray, person: np.ndarray, neck: np.ndarray, fringe_px: int) -> int:
    """The pixels of `plate` ((h, w, 3) RGB, a crop's plate or the crop itself) within
    `WALL_DISTANCE` of the wall's colour (`wall_colour` of the crop off `person`), among those inside `person`
    ((h, w) in [0, 1], over 0.5, eroded by `fringe_px` px: the mask's grown fringe) in the rows of the `neck`
    band ((h, w) in [0, 1]; rows whose strongest pixel is over 0.5): the plate's wall inside the person."""
    inside = _inside(person, fringe_px)
    inside[~(neck.max(axis=1) > 0.5)] = False
    return int(np.count_nonzero(_shows_wall(plate, person) & inside))


def wall_under_ear(frame: np.ndarray, drawn: np.ndarray, person: np.ndarray, box: tuple[slice, slice],
                   fringe_px: int) -> int:
    """The pixels of a `frame` ((h, w, 3) RGB on the crop) on the neck's `box` ((rows, columns) of the crop,
    `neck.NeckWarp.box`: from the jaw angles' height down to the collar line) where the moved head is not drawn
    (`drawn`, (h, w), the head alpha as drawn, under 0.5), inside the source's `person` ((h, w) in [0, 1], over 0.5,
    eroded by `fringe_px` px) and within `WALL_DISTANCE` of the wall's colour (`wall_colour` of the frame off
    `person`): the plate's wall that the moved head uncovers inside the person under the ear."""
    shown = _inside(person, fringe_px) & (drawn < 0.5) & _shows_wall(frame, person)
    return int(np.count_nonzero(shown[box]))


def wall_under_lobe(frame: np.ndarray, drawn: np.ndarray, alpha: np.ndarray, person: np.ndarray,
                    box: tuple[slice, slice], columns: np.ndarray, fringe_px: int, face_px: float) -> int:
    """The pixels of a `frame` ((h, w, 3) RGB on the crop) in the `LOBE_ROWS` face sizes (`face_px` px) of rows above
    the neck's `box` ((rows, columns) of the crop, `neck.NeckWarp.box`), in its columns where the neck goes on up
    behind the head (`columns`, (m,) in [0, 1] on the box's, `neck.NeckWarp.neck_columns`, over 0.5: not where the
    photo's ear stood out over the wall), that the photo's head covered (`alpha`, (h, w), its head alpha, over 0.5)
    and the moved head does not (`drawn`, (h, w), under 0.5), inside the source's `person` ((h, w) in [0, 1], over
    0.5, eroded by `fringe_px` px) and within `WALL_DISTANCE` of the wall's colour (`wall_colour` of the frame off
    `person`): the wall a turned head uncovers under its lobe, where the neck is. 0 on the source repeated (drawn as
    `alpha`)."""
    rows = slice(max(0, box[0].start - round(LOBE_ROWS * face_px)), box[0].start)
    shown = _inside(person, fringe_px) & (alpha >= 0.5) & (drawn < 0.5) & _shows_wall(frame, person)
    return int(np.count_nonzero(shown[rows, box[1]][:, columns > 0.5]))


def tone_streak(frame: np.ndarray, drawn: np.ndarray, box: tuple[slice, slice], face_px: float) -> float:
    """Grey levels: how much lighter, at most, a column of `frame` ((h, w, 3) uint8 RGB on the crop) is than the
    darkest columns on both its sides, each column's grey averaged over the first `STREAK_ROWS` face sizes (`face_px`
    px) of rows of the neck's `box` ((rows, columns) of the crop), over the longest run of its columns where the moved
    head is drawn in none of those rows (`drawn`, (h, w), under 0.5): a light upright stripe in the tone under the
    ear, not the tone's lightening towards the wall beside it. 0 where no such column is, or none is lighter."""
    rows = slice(box[0].start, box[0].start + max(1, round(STREAK_ROWS * face_px)))
    grey = grey_image(frame[rows, box[1]]).mean(0)
    free = np.flatnonzero((drawn[rows, box[1]] < 0.5).all(0))
    if len(free) < 3:
        return 0.0
    run = grey[max(np.split(free, np.flatnonzero(np.diff(free) > 1) + 1), key=len)]
    left, right = np.minimum.accumulate(run), np.minimum.accumulate(run[::-1])[::-1]
    return float(max(0.0, (run[1:-1] - np.maximum(left[:-2], right[2:])).max(initial=0.0)))


def _inside(person: np.ndarray, fringe_px: int) -> np.ndarray:
    """(h, w) bool: `person` ((h, w) in [0, 1]) over 0.5, eroded by `fringe_px` px (the mask's grown fringe)."""
    return cv2.erode((person > 0.5).astype(np.uint8), disc_kernel(fringe_px)) > 0


def _shows_wall(image: np.ndarray, person: np.ndarray) -> np.ndarray:
    """(h, w) bool: the pixels of `image` ((h, w, 3) RGB) within `WALL_DISTANCE` of the wall's colour (`wall_colour`
    of `image` off `person`, (h, w) in [0, 1])."""
    return np.linalg.norm(image.astype(np.float32) - wall_colour(image, person), axis=2) < WALL_DISTANCE
