"""A video source's open teeth squeezed into a dubbed slit (issue #9, video-to-video), read on a rendered frame and the
(478, 3) px landmarks it was drawn to.

sr_1's clip (frames 0-39, 512 px) dubbed `--regions lips` by lp_d12 140-179 (`--mouth driver`): where the driver's
lips part 0.08-0.11 of the mouth's width and the clip's 0.26-0.50 (frames 9-15, 19-21), nothing painted the opening
(the driver's interior shows only past the clip's own opening, `ShutLips` only on a shut target), so the warp
squeezed the clip's teeth 3-6x into the target's 3-5 px slit: a pale jagged line under a dark 1 px crease
(`shut_lips.SQUEEZED`).

`squeezed_teeth`: per column within `SIDE` mouth widths of the middle, the darkest row within `NEAR` px of the line the
inner lips meet on (the crease), then the lightest CIELAB L* (0-100) within `BELOW` rows under it less the median L*
of the `UNDER` rows under those (the lower lip), floored at 0; the mean over the columns. A thin pale line between
the crease and the lip reads tens in its columns; a lip's own highlight, broader than `BELOW`, reads ~0. NaN where
the inner lips part by more than `SLIT_AT` of the mouth's width (an opening shows its own teeth) or nothing is
read.
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.composite import box_around
from facereel.engines.mesh.open_mouth.mouth_driver import to_lab
from facereel.engines.mesh.open_mouth.mouth_shape import mouth_gap
from facereel.engines.mesh.open_mouth.mouth_synthetic import by_x
from facereel.face import landmark_ids as ids

SIDE = 0.25
"""Mouth widths either side of the mouth's middle whose columns are read (the corners' shadows left out)."""
NEAR = 2.0
"""Px either side of the line the inner lips meet on read for the crease's darkest row."""
BELOW = 3
"""Rows under the crease's darkest row read for the pale line (sr_1's squeezed teeth ran 1-2 px under it)."""
UNDER = 3
"""Rows under those `BELOW` whose median L* is the lip the pale line is read against."""
SLIT_AT = 0.25
"""Inner-lip gap / mouth width (`mouth_gap`, inner corners) over which the mouth reads as open: NaN (sr_1's clip's
own open frames re-track 0.22-0.52, its dubbed slits 0.02-0.22)."""


def middle_columns(shape: tuple[int, ...], points: np.ndarray, side: float,
                   open_at: float) -> tuple[np.ndarray, tuple[int, int, int, int]] | None:
    """(xs, (x0, y0, x1, y1)): the columns (px) within `side` mouth widths of the mouth's middle of (478, 2) px
    `points`, and the box round the outer lips, in a frame of (H, W, ...) `shape`; None where the inner lips part by
    more than `open_at` of the inner corners' distance (`mouth_gap`) or no column is read."""
    gap, inner_width = mouth_gap(points)
    if inner_width < 1 or gap / inner_width > open_at:
        return None
    corners = points[list(ids.MOUTH_CORNERS)]
    width = float(np.linalg.norm(corners[0] - corners[1]))
    box = box_around(points[list(ids.OUTER_UPPER_LIP + ids.OUTER_LOWER_LIP)], 1, (shape[1], shape[0]))
    middle = float(corners[:, 0].mean())
    xs = np.arange(max(box[0], int(np.ceil(middle - side * width))), min(box[2], int(middle + side * width) + 1))
    return (xs, box) if len(xs) else None


def squeezed_teeth(frame: np.ndarray, landmarks: np.ndarray) -> float:
    """L* (0-100): the mean over the columns near the mouth's middle of (H, W, 3) uint8 RGB `frame` of how much lighter
    the lightest of the `BELOW` rows under the crease is than the lip under them (module docstring), with (478, 3) px
    `landmarks`; NaN where the mouth reads open (`SLIT_AT`) or nothing is read."""
    points = np.asarray(landmarks, np.float64)[:, :2]
    read = middle_columns(frame.shape, points, SIDE, SLIT_AT)
    if read is None or read[1][3] - read[1][1] < 3:
        return float("nan")
    xs, (x0, y0, x1, y1) = read
    line = (np.interp(xs, *by_x(points[list(ids.INNER_UPPER_LIP)]))
            + np.interp(xs, *by_x(points[list(ids.INNER_LOWER_LIP)]))) / 2 - y0
    light = to_lab(frame[y0:y1, x0:x1])[..., 0]
    excess = []
    for column, y in zip(light[:, xs - x0].T, line):
        rows = np.arange(max(int(np.ceil(y - NEAR)), 0), min(int(y + NEAR) + 1, len(column) - BELOW - UNDER))
        if len(rows):
            crease = rows[np.argmin(column[rows])]
            pale = float(column[crease + 1:crease + 1 + BELOW].max())
            excess.append(max(pale - float(np.median(column[crease + 1 + BELOW:crease + 1 + BELOW + UNDER])), 0.0))
    return float(np.mean(excess)) if excess else float("nan")
