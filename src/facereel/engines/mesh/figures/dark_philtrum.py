"""A dark piece floating between the nose and the upper lip: `dark_philtrum` (issue #9, h50-fresh's sweep).

lp_d6 frames 200-240 as a video source x lp_d3 310-354 (`facereel animate --size 512`), frames 2-4: the clip
grimaces with its tongue on its lower lip while the driver's mouth is wide open; the output draws a flat dark-brown
sliver across the philtrum, apart from the mouth under it (/tmp/h50-fresh/v2v_mouth_2_6.png: clip | output | driver).
`dark_philtrum` reads the zone between the nose's base and the outer upper lip (from the subnasale's row down to the
lip's outline raised `GAP` mouth widths, between the mouth corners' columns; on a video source's output read at the
clip frame's own tracked landmarks, where its philtrum is: the tracker on the output reads the sliver as a lip): the share of its pixels darker than `DARK` of the zone's median grey (its skin). The philtrum's own
ridges and the lip's edge shade stay above it; a moustache reads (lp_s12): read it on a shaven face. 0 where the
zone is empty.
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.composite import box_around, grey_image, polygon_mask
from facereel.face import landmark_ids as ids

GAP = 0.05
"""Mouth widths above the tracked outer upper lip where the zone ends (the lip's edge shade left out)."""
DARK = 0.65
"""Share of the zone's median grey under which a pixel reads as a dark piece (`upper_cavity.DARK`'s share)."""


def dark_philtrum(frame: np.ndarray, landmarks: np.ndarray) -> float:
    """0-1: the share of (H, W, 3) uint8 RGB `frame`'s philtrum zone (its (478, >=2) px `landmarks`) darker than
    `DARK` of the zone's median grey."""
    pts = np.asarray(landmarks, np.float64)[:, :2]
    corners = pts[list(ids.MOUTH_CORNERS)]
    width = float(np.linalg.norm(corners[0] - corners[1]))
    lip = pts[list(ids.OUTER_UPPER_LIP)] - [0.0, GAP * width]
    top = pts[ids.SUBNASALE, 1]
    zone = np.vstack([lip, [[corners[1, 0], top], [corners[0, 0], top]]])
    x0, y0, x1, y1 = box_around(zone, 1, (frame.shape[1], frame.shape[0]))
    if x1 <= x0 or y1 <= y0:
        return 0.0
    grey = grey_image(frame[y0:y1, x0:x1])
    inside = polygon_mask([zone], grey.shape, (x0, y0)) > 0.5
    if not inside.any():
        return 0.0
    return float((grey[inside] < DARK * np.median(grey[inside])).mean())
