"""The photo's lip seam drawn along an opened lower lip (issue #9), read on a rendered frame and its (478, 3) px
landmarks.

A closed mouth's photo shows a dark seam between the lips (grace_hopper: a 2-3 px dark red crease at 512 px) on
which the tracker puts both inner-lip contours. Opened by a driver, the warp carries the seam's lower half down
with the lower lip: a dark line along the lower lip's inner edge, under the painted opening. Real open mouths'
lower lips are lit, often lightest, at their inner edge. `lip_seam`: per column within `SIDE` mouth widths of the
mouth's middle, the lower lip's median grey level (rows from `EDGE` to `BODY` of its height below the inner lip)
less the darkest grey level on its edge (rows wholly under the inner lip, down to `EDGE` of its height below it),
averaged over the columns. A frame whose opening is under `teeth_band.TALKING` mouth widths (a closed mouth: the source
repeated) scores 0.
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.composite import box_around, grey_image
from facereel.engines.mesh.figures.teeth_band import TALKING, teeth_band_reads
from facereel.face import landmark_ids as ids

SIDE = 0.3
"""Mouth widths either side of the lower inner lip's middle (14) whose columns are read."""
EDGE = 0.35
"""Share of the lower lip's height (inner to outer contour) below the inner lip read as its edge."""
BODY = 0.85
"""Share of the lower lip's height down to which its body is read (from `EDGE`)."""


def lip_seam(frame: np.ndarray, landmarks: np.ndarray) -> float:
    """Grey levels: the mean over the columns near the mouth's middle of (H, W, 3) uint8 RGB `frame`'s lower lip
    body's median less its inner edge's darkest (higher: a darker line along the edge); 0 below a talking opening."""
    if not teeth_band_reads(landmarks, TALKING):
        return 0.0
    inner = landmarks[list(ids.INNER_LOWER_LIP), :2].astype(np.float64)
    outer = landmarks[list(ids.OUTER_LOWER_LIP), :2].astype(np.float64)
    corners = landmarks[list(ids.MOUTH_CORNERS), :2]
    width = float(np.linalg.norm(corners[0] - corners[1]))
    x0, y0, x1, y1 = box_around(np.vstack([inner, outer]), 1, (frame.shape[1], frame.shape[0]))
    middle = inner[5, 0]
    xs = np.arange(max(x0, int(np.ceil(middle - SIDE * width))), min(x1, int(middle + SIDE * width) + 1))
    if not len(xs) or y1 - y0 < 3:
        return 0.0
    grey = grey_image(frame[y0:y1, x0:x1])
    top = np.interp(xs, *inner[np.argsort(inner[:, 0], kind="stable")].T) - y0
    bottom = np.interp(xs, *outer[np.argsort(outer[:, 0], kind="stable")].T) - y0
    height = np.maximum(bottom - top, 1.0)
    rows = np.arange(y1 - y0, dtype=np.float64)[:, None]
    edge = (rows >= top + 0.5) & (rows <= top + EDGE * height)  # rows wholly under the inner lip
    body = (rows > top + EDGE * height) & (rows <= top + BODY * height)
    column = grey[:, xs - x0]
    seams = [float(np.median(c[b]) - c[e].min()) for c, e, b in zip(column.T, edge.T, body.T) if e.any() and b.any()]
    return float(np.mean(seams)) if seams else 0.0
