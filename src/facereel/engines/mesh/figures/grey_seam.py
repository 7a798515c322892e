"""A grey or teeth-bright line where a shut mouth's lips meet (issue #9, video-to-video), read on a rendered frame and
the (478, 3) px landmarks it was drawn to.

lp_d6 200-240 as a video source x lp_d3 310-354 at 512 px: where the clip's mouth is wide open and the target shuts it,
`open_mouth.shut_lips.ShutLips` painted the lips' meeting line from the clip's upper lip band, which then holds its
teeth's edge and the pale lip stretched over them: a grey line (frames 13-20). A real shut mouth's crease is darker
than its lips and as red (the clip's own shut frames 10 / 24: CIELAB chroma 31-34 on the line, 30 on the lips).
`grey_seam`: in the columns within `SIDE` mouth widths of the middle, the share of the pixels within `NEAR` px of the
line the inner lips meet on whose chroma is under `GREY` of the drawn lips' (outer to inner contours, off that band),
or whose lightness is over `BRIGHT` of theirs (teeth); 0 where the drawn mouth opens more than `SHUT_AT`.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import box_around
from facereel.engines.mesh.open_mouth.mouth_shape import mouth_gap
from facereel.engines.mesh.open_mouth.mouth_synthetic import by_x
from facereel.face import landmark_ids as ids

SIDE = 0.25
"""Mouth widths either side of the mouth's middle whose columns are read (the corners' shade left out)."""
NEAR = 2.0
"""Px either side of the line the inner lips meet on read as the seam."""
GREY = 0.75
"""Share of the drawn lips' median CIELAB chroma under which a seam pixel reads grey (lp_d6's own shut seams read
0.95-1.1 of it at their 10th percentile; main's painted line 0.65-0.8 at its median, frames 13-20)."""
BRIGHT = 1.2
"""Share of the drawn lips' median CIELAB lightness over which a seam pixel reads as teeth (lp_d6's teeth L* 150-200
against its lips' 100-110; its own shut creases are darker than the lips)."""
SHUT_AT = 0.08
"""Gap / mouth width over which the drawn mouth shows an inside, not a seam: 0 is returned."""


def grey_seam(frame: np.ndarray, landmarks: np.ndarray) -> float:
    """0-1: the share of (H, W, 3) uint8 RGB `frame`'s pixels within `NEAR` px of where the inner lips of (478, 2+) px
    `landmarks` meet, in the columns within `SIDE` mouth widths of the middle, greyer (`GREY`) or lighter (`BRIGHT`)
    than the drawn lips; 0 where the mouth opens more than `SHUT_AT` or nothing is read."""
    points = np.asarray(landmarks, np.float64)[:, :2]
    gap, width = mouth_gap(points)
    if width < 1 or gap / width > SHUT_AT:
        return 0.0
    corners = points[list(ids.MOUTH_CORNERS)]
    middle = float(corners[:, 0].mean())
    x0, y0, x1, y1 = box_around(points[list(ids.OUTER_UPPER_LIP + ids.OUTER_LOWER_LIP)], 1,
                                (frame.shape[1], frame.shape[0]))
    xs = np.arange(max(x0, int(np.ceil(middle - SIDE * width))), min(x1, int(middle + SIDE * width) + 1))
    if not len(xs):
        return 0.0
    lab = cv2.cvtColor(np.ascontiguousarray(frame[y0:y1, x0:x1]), cv2.COLOR_RGB2LAB).astype(np.float32)[:, xs - x0]
    chroma = np.hypot(lab[..., 1] - 128, lab[..., 2] - 128)
    rows = np.arange(y0, y1, dtype=np.float64)[:, None]
    top = np.interp(xs, *by_x(points[list(ids.OUTER_UPPER_LIP)]))
    bottom = np.interp(xs, *by_x(points[list(ids.OUTER_LOWER_LIP)]))
    line = (np.interp(xs, *by_x(points[list(ids.INNER_UPPER_LIP)]))
            + np.interp(xs, *by_x(points[list(ids.INNER_LOWER_LIP)]))) / 2
    seam = np.abs(rows - line) <= NEAR
    lips = (rows > top + 1) & (rows < bottom - 1) & ~seam
    if not seam.any() or not lips.any():
        return 0.0
    odd = (chroma < GREY * np.median(chroma[lips])) | (lab[..., 0] > BRIGHT * np.median(lab[..., 0][lips]))
    return float(odd[seam].mean())
