"""Pieces of a video source's teeth left on a shut mouth's lips (issue #9, video-to-video), read on a rendered frame
and the (478, 3) px landmarks it was drawn to.

lp_d6 200-240 as a video source x lp_d3 310-354 at 512 px: where the clip's mouth is wide open and the target's shut,
at a 14-22 deg turn `motion.steady_source` built the mesh's inner lips 4-5 px inside the clip's opening (its filter's
lag behind the talking mouth), and moved the targets alike: the clip's teeth were warped into the shut lips, white
jagged pieces at the line (frames 33-39), and the targets' inner lips crossed by up to 13 px (`mouth_gap` read them
0.09-0.18 open, so `ShutLips` left them).
`shut_teeth`: in the columns within `SIDE` mouth widths of the middle, the share of the pixels between the drawn outer
upper and outer lower lip whose CIELAB L* is over `BRIGHT` of their median; 0 where the drawn inner lips part by more
than `SHUT_AT` of the mouth's width (crossed lips read as shut).
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import box_around
from facereel.engines.mesh.open_mouth.mouth_synthetic import by_x
from facereel.face import landmark_ids as ids

SIDE = 0.3
"""Mouth widths either side of the mouth's middle whose columns are read (the corners' shade left out)."""
BRIGHT = 1.25
"""Share of the lips' median CIELAB L* (0-255 scale) over which a pixel reads as teeth: lp_d6's teeth read 150-200
against its lips' 100-110; its own shut lips' brightest highlight reaches 1.1-1.2."""
SHUT_AT = 0.08
"""Signed inner-lip gap / mouth width over which the drawn mouth shows an inside: 0 is returned."""


def shut_teeth(frame: np.ndarray, landmarks: np.ndarray) -> float:
    """0-1: the share of (H, W, 3) uint8 RGB `frame`'s pixels between the outer lips of (478, 2+) px `landmarks`, in
    the columns within `SIDE` mouth widths of the middle, lighter than `BRIGHT` of their median L*; 0 where the inner
    lips part by more than `SHUT_AT` of the mouth's width or nothing is read."""
    points = np.asarray(landmarks, np.float64)[:, :2]
    corners = points[list(ids.MOUTH_CORNERS)]
    width = float(np.linalg.norm(corners[0] - corners[1]))
    gap = float((points[list(ids.INNER_LOWER_LIP[1:-1]), 1] - points[list(ids.INNER_UPPER_LIP[1:-1]), 1]).mean())
    if width < 1 or gap / width > SHUT_AT:
        return 0.0
    middle = float(corners[:, 0].mean())
    x0, y0, x1, y1 = box_around(
        points[list(ids.OUTER_UPPER_LIP + ids.OUTER_LOWER_LIP)], 1, (frame.shape[1], frame.shape[0])
    )
    xs = np.arange(max(x0, int(np.ceil(middle - SIDE * width))), min(x1, int(middle + SIDE * width) + 1))
    if not len(xs):
        return 0.0
    light = cv2.cvtColor(np.ascontiguousarray(frame[y0:y1, x0:x1]), cv2.COLOR_RGB2LAB)[..., 0].astype(np.float32)
    rows = np.arange(y0, y1, dtype=np.float64)[:, None]
    lips = (rows > np.interp(xs, *by_x(points[list(ids.OUTER_UPPER_LIP)]))) & (
        rows < np.interp(xs, *by_x(points[list(ids.OUTER_LOWER_LIP)]))
    )
    read = light[:, xs - x0][lips]
    return float((read > BRIGHT * np.median(read)).mean()) if len(read) else 0.0
