"""A dark outline round an open mouth's sides, like a sticker (issue #9), read on a rendered frame and its
(478, 3) px landmarks.

preset:laugh with the synthetic interior (lp_s5 at 512 px, frames 20-40): the cavity's wall, darker than the lip
outside and than the lit tongue inside, lay as a band a px or two wide all along the opening's sides. In real
open mouths (lp_d18, lp_d12) the cavity at the corners is a soft shadow fading into what lies inside it.
`side_ring`: in the opening's sides (its columns beyond `SIDE` of the half mouth width from the middle), the
mean grey level of the pixels `RING` mouth widths or more inside the inner-lip contour and within twice that,
less the mean of those within `RING` of it: how much darker the band along the contour is than the interior
just inside. A frame whose opening is under `teeth_band.TALKING` mouth widths (a closed mouth: the source
repeated) scores 0.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import box_around, grey_image, polygon_mask
from facereel.engines.mesh.figures.teeth_band import TALKING, teeth_band_reads
from facereel.engines.mesh.geometry.mesh_topology import INNER_LIP_CONTOUR
from facereel.engines.mesh.open_mouth.mouth_shape import mouth_gap
from facereel.face import landmark_ids as ids

RING = 0.04
"""Mouth widths: the band along the inner-lip contour read as the ring (at least `RING_PX`); the interior is
read from there to twice as deep."""
RING_PX = 1.5
"""Pixels: the ring's least depth (a small mouth's ring is still a pixel or two)."""
SIDE = 0.45
"""Share of the half mouth width (between the inner lips' corners) from the middle beyond which the opening's
columns are its sides."""


def side_ring(frame: np.ndarray, landmarks: np.ndarray) -> float:
    """Grey levels: in (H, W, 3) uint8 RGB `frame`'s open mouth's sides, the interior just inside the ring's mean
    grey level less the ring's (`RING` mouth widths along the inner-lip contour); 0 below a talking opening or
    where either holds no pixel."""
    if not teeth_band_reads(landmarks, TALKING):
        return 0.0
    poly = landmarks[INNER_LIP_CONTOUR, :2].astype(np.float32)
    x0, y0, x1, y1 = box_around(poly, 1, (frame.shape[1], frame.shape[0]))
    if x1 <= x0 or y1 <= y0:
        return 0.0
    inside = (polygon_mask([poly], (y1 - y0, x1 - x0), (x0, y0)) > 0.5).astype(np.uint8)
    depth = cv2.distanceTransform(inside, cv2.DIST_L2, 3)
    _, width = mouth_gap(landmarks)
    ring = max(RING * width, RING_PX)
    corners = landmarks[[ids.INNER_UPPER_LIP[0], ids.INNER_UPPER_LIP[-1]], 0]
    middle, half = 0.5 * float(corners.sum()), 0.5 * abs(float(corners[1] - corners[0]))
    sides = np.abs(np.arange(x0, x1) - middle)[None, :] >= SIDE * half
    grey = grey_image(frame[y0:y1, x0:x1])
    band = sides & (depth > 0) & (depth <= ring)
    inner = sides & (depth > ring) & (depth <= 2 * ring)
    if not band.any() or not inner.any():
        return 0.0
    return float(grey[inner].mean() - grey[band].mean())
