"""A video source's upper teeth drawn on a dubbed slit's upper lip (issue #9, video-to-video), read on a rendered frame
and the (478, 3) px landmarks it was drawn to.

sr_1's clip (frames 0-39, 512 px) dubbed `--regions lips` by lp_d12 140-179 (`--mouth driver`): on frames 13-14 the
tracker put the clip's inner upper lip 1-2 px under its upper teeth's top, so the warp carried that top as upper lip,
a soft pale patch 2-4 px above the lips' painted band (`shut_lips.TEETH`; the teeth squeezed into the slit itself are
`figures/squeezed_teeth`).

`teeth_on_lip`: per column within `SIDE` mouth widths of the middle, the lightest CIELAB L* (0-100) from `ABOVE` px
over the tracked inner upper lip down to the line the inner lips meet on (the re-tracked dub puts its inner upper lip
0-3 px over the patch, the painted band under it), less the median L* from the outer upper lip to the inner (the lip),
floored at 0; the mean over the columns. A pale patch on a dark lip reads tens in its columns, shut lips ~0 (the
driver's part-open lips 0-0.3, the clip's own shut frames 0-0.2). Teeth a slit really shows read as well (sr_1's clip
on its part-open frames 26-36, the dub's 28-29 showing the driver's interior ~12): read it where the dub's slit is
painted shut. NaN where the inner lips part by more than `OPEN_AT` of the mouth's width or nothing is read.
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.figures.squeezed_teeth import middle_columns
from facereel.engines.mesh.open_mouth.mouth_driver import to_lab
from facereel.engines.mesh.open_mouth.mouth_synthetic import by_x
from facereel.face import landmark_ids as ids

SIDE = 0.35
"""Mouth widths either side of the mouth's middle whose columns are read (sr_1's patch lies 0-0.3 left of it)."""
OPEN_AT = 0.3
"""Inner-lip gap / mouth width (`mouth_gap`, inner corners) over which the mouth reads as open: NaN (sr_1's dub
re-tracks its slits 0.1-0.28 open)."""
ABOVE = 3.0
"""Px over the tracked inner upper lip read for the pale patch (sr_1's dub: its top 0-2 px over the re-tracked lip)."""


def teeth_on_lip(frame: np.ndarray, landmarks: np.ndarray) -> float:
    """L* (0-100): the mean over the columns near the mouth's middle of (H, W, 3) uint8 RGB `frame` of how much lighter
    the lightest pixel from over the inner upper lip to the lips' meeting line is than the upper lip (module docstring),
    with (478, 3) px `landmarks`; NaN where the mouth reads open (`OPEN_AT`) or nothing is read."""
    points = np.asarray(landmarks, np.float64)[:, :2]
    read = middle_columns(frame.shape, points, SIDE, OPEN_AT)
    if read is None:
        return float("nan")
    xs, (x0, y0, x1, y1) = read
    outer = np.interp(xs, *by_x(points[list(ids.OUTER_UPPER_LIP)])) - y0
    inner = np.interp(xs, *by_x(points[list(ids.INNER_UPPER_LIP)])) - y0
    line = (inner + np.interp(xs, *by_x(points[list(ids.INNER_LOWER_LIP)])) - y0) / 2
    light = to_lab(frame[y0:y1, x0:x1])[..., 0]
    excess = []
    for column, top, near, meet in zip(light[:, xs - x0].T, outer, inner, line):
        lip = column[max(int(np.ceil(top)), 0):max(int(near) + 1, 0)]
        patch = column[max(int(np.ceil(near - ABOVE)), 0):max(int(meet), 0)]
        if len(lip) and len(patch):
            excess.append(max(float(patch.max()) - float(np.median(lip)), 0.0))
    return float(np.mean(excess)) if excess else float("nan")
