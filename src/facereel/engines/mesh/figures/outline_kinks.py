"""Outline kinks: rows where a drawn face outline steps off its own line (issue #9).

sr_4 at 640 with `--body` x lp_d3 310-350, frames 25-39: the far jaw's outline on the dark door showed stair steps and
a skin fleck standing 2-3 px out at the mouth corners' row, where `OutlineSkin`'s far rim ended (x 355-370, y 188-197).
`outline_kinks` finds, on each row of a box, where the grey first reaches `level` coming from the box's background side
(sub-pixel, linear between the two pixels round it), and counts the rows whose crossing lies `KINK` px or more off the
mean of the crossings `SPAN` rows above and below: a smooth outline, straight or curved, has none (the photo's jaw
reads 0, its largest 0.22 px).
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.composite import grey_image

KINK = 1.0  # px off the line through the rows `SPAN` above and below from which a row is a kink
SPAN = 2  # rows: the neighbours each row is read against (a fleck 1-3 rows high stands out of them)


def crossings(frame: np.ndarray, box: tuple[int, int, int, int], level: float, side: int) -> np.ndarray:
    """(y1 - y0,) float32 px: per row of `box` (x0, y0, x1, y1 px, end excluded) of `frame` ((H, W, 3) uint8 RGB), the
    x where the grey first reaches `level` going from the background side (`side` -1: from x0 rightwards; +1: from
    x1 - 1 leftwards), linear between the pixels round it; nan on a row that never reaches it."""
    x0, y0, x1, y1 = box
    grey = grey_image(frame[y0:y1, x0:x1])
    if side > 0:
        grey = grey[:, ::-1]
    out = np.full(y1 - y0, np.nan, np.float32)
    for row, values in enumerate(grey):
        past = np.flatnonzero(values >= level)
        if not len(past) or past[0] == 0:
            continue
        i = past[0]
        at = i - 1 + (level - values[i - 1]) / (values[i] - values[i - 1])
        out[row] = x0 + at if side < 0 else x1 - 1 - at
    return out


def outline_kinks(frame: np.ndarray, box: tuple[int, int, int, int], level: float, side: int) -> int:
    """Rows of `box` whose outline crossing (`crossings`, arguments as there) lies `KINK` px or more off the mean of the
    crossings `SPAN` rows above and below it."""
    at = crossings(frame, box, level, side)
    off = np.abs(at[SPAN:-SPAN] - 0.5 * (at[:-2 * SPAN] + at[2 * SPAN:]))
    return int(np.sum(off >= KINK))
