"""A pale band inside the lips round an open mouth (issue #9), read on a rendered frame and its (478, 3) px
landmarks.

lp_s1 (lipstick, lit well above its body) driven by lp_d12 at 512 px, frames 118-130 (`--mouth driver`): the lifts
of the photo's seam and slit (`lip_edge.py`, `lip_corners.py`) took the opened lips' inner edge to the lip's lit
colour, lighter than the lip's body, a salmon ring between the red lips and the carried interior. Real open mouths'
lips darken towards the opening (they curl into the mouth's shadow). `lip_band`: the mean grey level of the lips'
pixels within `BAND_PX` of the inner-lip contour (outside it, inside the outer contour) less the median of those
farther than `BODY_PX`, over the skin's grey level (cheeks, `mouth_shape.skin_colour`): below 0 where the lips
darken towards the opening, near or above 0 for a pale band. A frame whose opening is under
`teeth_band.TALKING` mouth widths scores NaN.

`corner_band`: the same read on the band's pixels at the opened corners alone (within `lip_corners.corner_bands`,
the lips' body read outside them), where the corners' lift (`lip_corners.py`) drew lp_s1's lips' median colour, a
salmon band lighter than the lips round it (lp_d12's own lips darken into the corners, -0.24 on frames 112-130).

`lower_band`: the same read on the lower lip alone (band and body inside `lip_edge.lower_lip`), where the lip edge's
lift (`lip_edge.py`) took lp_s12's opened lower lip's edge to its photo's lip body's grey level, lighter than the
drawn lip under it (stretched, its crease's shade): a thin pale line round the opening's lower half (lp_d18 frames
64-100, `--mouth driver`); lp_d18's own lower lip darkens towards the opening.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import box_around, polygon_mask
from facereel.engines.mesh.figures.teeth_band import TALKING, teeth_band_reads
from facereel.engines.mesh.geometry.mesh_topology import INNER_LIP_CONTOUR
from facereel.engines.mesh.open_mouth.lip_corners import corner_bands, grey_level
from facereel.engines.mesh.open_mouth.lip_edge import lower_lip
from facereel.engines.mesh.open_mouth.mouth_shape import outer_lips, skin_colour

BAND_PX = 2.0
"""Pixels outside the inner-lip contour read as the lips' inner band."""
BODY_PX = 3.0
"""Pixels outside the inner-lip contour beyond which the lips are read as their body."""


def lip_band(frame: np.ndarray, landmarks: np.ndarray) -> float:
    """(band - body) / skin grey level of (H, W, 3) uint8 RGB `frame`'s lips round the opening (module docstring);
    NaN below a talking opening or where the band, the body or the skin holds no pixel."""
    return _band(frame, landmarks, "all")


def corner_band(frame: np.ndarray, landmarks: np.ndarray) -> float:
    """`lip_band` of the opened corners' band alone (module docstring); NaN as `lip_band`."""
    return _band(frame, landmarks, "corners")


def lower_band(frame: np.ndarray, landmarks: np.ndarray) -> float:
    """`lip_band` of the lower lip alone (module docstring); NaN as `lip_band`."""
    return _band(frame, landmarks, "lower")


def _band(frame: np.ndarray, landmarks: np.ndarray, part: str) -> float:
    """(band - body) / skin grey level of `frame`'s lips (H, W, 3) uint8 RGB, (478, 3) px `landmarks`; `part`:
    "all" the lips, "corners" the band within the corner bands and the body outside them, "lower" the lower lip's."""
    skin = skin_colour(frame, landmarks)
    if skin is None or not teeth_band_reads(landmarks, TALKING):
        return float("nan")
    pts = np.asarray(landmarks, np.float32)[:, :2]
    outer = outer_lips(pts)
    x0, y0, x1, y1 = box_around(outer, 2, (frame.shape[1], frame.shape[0]))
    shape, at = (y1 - y0, x1 - x0), (x0, y0)
    opening = polygon_mask([pts[INNER_LIP_CONTOUR]], shape, at) > 0.5
    lips = (polygon_mask([outer], shape, at) > 0.5) & ~opening
    away = cv2.distanceTransform((~opening).astype(np.uint8), cv2.DIST_L2, 5)
    band, body = lips & (away <= BAND_PX), lips & (away > BODY_PX)
    if part == "corners":
        at_corners = polygon_mask(corner_bands(pts), shape, at) > 0.5
        band, body = band & at_corners, body & ~at_corners
    elif part == "lower":
        lower = polygon_mask([lower_lip(pts)], shape, at) > 0.5
        band, body = band & lower, body & lower
    if not band.any() or not body.any():
        return float("nan")
    grey = grey_level(frame[y0:y1, x0:x1].astype(np.float32))
    return float((grey[band].mean() - np.median(grey[body])) / max(float(grey_level(skin)), 1.0))
