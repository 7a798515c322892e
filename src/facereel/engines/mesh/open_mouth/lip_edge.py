"""The lower lip's inner edge on an opened mouth: lip, not the photo's lip seam carried down with it.

A closed mouth's photo shows a dark seam between the lips (grace_hopper: a 2-3 px dark red crease at 512 px),
on which the tracker puts both inner-lip contours. When the target opens the mouth, the warp carries the seam's
lower half down with the lower lip: a dark line along the lower lip's inner edge under the painted opening
(`figures/lip_seam.py`), where real open mouths' lower lips are lit. `LipEdge` lifts the pixels of the lower
lip's edge band (`BAND` of the lip's height about the inner lip) darker than the photo's lower lip's lit colour
(`LIT`) towards it, never past the grey level of the lip's body (`BODY`) nor the drawn lip under the band, column
by column (`drawn_body`: lp_s12's pale lower lip, 120 grey in the photo, is drawn opened at 85-95 there, stretched, and
its edge lifted to 120 read as a thin pale line round lp_d18's wide openings, `figures/lip_band.lower_band`), by how
far the mouth has opened past the photo's and shows an opening at all (`MouthRenderer`). A photo whose mouth shows
its inside (teeth) has no seam there and is left as it is.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import box_around, polygon_mask
from facereel.engines.mesh.open_mouth.lip_corners import grey_level, lift_dark
from facereel.face import landmark_ids as ids

BAND = (-0.3, 0.4)
"""The lift's band: from, to, as shares of the lower lip's height (inner to outer contour) below the inner lip
(it starts inside the opening, which the interior paints over, so its feathered top edge lies there)."""
DARK = 0.25
"""Share of the lower lip's grey level: a pixel this much darker than it is lifted fully, lighter ones less."""
LIT = 0.4
"""The lower lip's lit colour, the lift's target: the median of its pixels above this share of them by grey level.
The whole lip's median (its shaded part under the closed upper lip included) lifted the photo's darker inner band
only part of the way: grace_hopper's opened lower lip read ~25 grey levels darker at its edge than in its body
(`figures/lip_seam.py`, preset:talk at 512 px; ~15 now)."""
BODY = (0.35, 0.85)
"""The lower lip's body, as shares of its height below the inner lip: the lift takes no pixel past its median grey
level. Towards the lit colour alone, a photo whose lip is lit above its body (lp_s1's lipstick: lit 142, body 115
grey levels) had its opened lower lip's edge lifted lighter than the lip, a pale band inside the red lip round a
wide opening (lp_s1 x lp_d12 frames 118-130); real open mouths' lips darken a little towards the opening."""
_FEATHER = 0.7  # px: the Gaussian sigma softening the band's lower edge


def lower_lip(points: np.ndarray, band: tuple[float, float] = (0.0, 1.0)) -> np.ndarray:
    """(22, 2) px polygon of (478, 2+) px landmarks: the lines `band` (from, to) of the way from the lower lip's
    inner contour to its outer one, the second back ((0, 1): the whole lower lip)."""
    pts = np.asarray(points, np.float32)[:, :2]
    inner, outer = pts[list(ids.INNER_LOWER_LIP)], pts[list(ids.OUTER_LOWER_LIP)]
    return np.vstack([inner + band[0] * (outer - inner), (inner + band[1] * (outer - inner))[::-1]])


class LipEdge:
    """Lifts the photo's lip seam out of one portrait's opened lower lip.

    image: (H, W, 3) uint8 RGB, the portrait; landmarks: (478, 2+) px, its own.
    """

    def __init__(self, image: np.ndarray, landmarks: np.ndarray) -> None:
        poly = lower_lip(landmarks)
        h, w = image.shape[:2]
        x0, y0, x1, y1 = box_around(poly, 1, (w, h))
        lip = polygon_mask([poly], (y1 - y0, x1 - x0), (x0, y0)) > 0.5
        px = image[y0:y1, x0:x1][lip].astype(np.float32)
        self._lip = None  # (3,) RGB, the lower lip's lit colour
        self._cap = 0.0  # grey level of the lower lip's body (`BODY`): no pixel is lifted past it
        if len(px):
            grey = grey_level(px)
            self._lip = np.median(px[grey >= np.quantile(grey, LIT)], 0)
            body = polygon_mask([lower_lip(landmarks, BODY)], (y1 - y0, x1 - x0), (x0, y0)) > 0.5
            body_px = image[y0:y1, x0:x1][body].astype(np.float32) if body.any() else px
            self._cap = float(np.median(grey_level(body_px)))

    def render(self, crop: np.ndarray, origin: np.ndarray, target: np.ndarray, opened: float) -> None:
        """Lift the seam in `crop` (h, w, 3) uint8 in place; origin (2,) its top-left in image px; target (478, 2+)
        the drawn landmarks, image px; opened: 0-1, how far the mouth has opened past the photo's (0: nothing)."""
        if opened <= 0 or self._lip is None:
            return
        pts = np.asarray(target, np.float32)[:, :2] - origin
        band, below = lower_lip(pts, BAND), lower_lip(pts, (BAND[1], BODY[1]))
        x0, y0, x1, y1 = box_around(np.vstack([band, below]), 3, (crop.shape[1], crop.shape[0]))
        if x1 <= x0 or y1 <= y0:
            return
        box = crop[y0:y1, x0:x1]
        mask = polygon_mask([band], box.shape[:2], (x0, y0))
        weight = opened * np.minimum(cv2.GaussianBlur(mask, (0, 0), _FEATHER), mask)
        cap = np.minimum(self._cap, drawn_body(box, polygon_mask([below], box.shape[:2], (x0, y0)) > 0.5))
        lift_dark(box, weight, self._lip, DARK, cap)


def drawn_body(box: np.ndarray, below: np.ndarray) -> np.ndarray:
    """(w,) median grey level of each column of `box` (h, w, 3) uint8 over its pixels where `below` (h, w) bool (the
    drawn lower lip under the lift's band); inf in a column with none: the lifted edge no lighter than the lip under
    it."""
    grey = np.where(below, grey_level(box.astype(np.float32)), np.nan)
    seen = below.any(0)
    out = np.full(box.shape[1], np.inf, np.float32)
    out[seen] = column_medians(grey[:, seen])
    return out


def column_medians(values: np.ndarray) -> np.ndarray:
    """(w,) the median of each column of `values` ((h, w) float, NaN: none; at least one a column) over its numbers:
    `np.nanmedian(values, 0)` bit for bit (the mean of the two middle ones, the middle one twice where their count is
    odd), from one sort (nanmedian's masked arrays cost ~0.8 CPU ms a frame on lp_s1 512 x lp_d3)."""
    ordered = np.sort(values, 0)  # NaN last
    count = (~np.isnan(values)).sum(0)
    high = count // 2
    low = np.where(count % 2 == 1, high, high - 1)
    pair = np.take_along_axis(ordered, np.stack([low, high]), 0)
    return (pair[0] + pair[1]) / 2.0
