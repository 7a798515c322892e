"""The chin's outline in the head mask: round, not the landmarks' straight chords.

The face oval's landmarks under the chin (148, 152, 377 and their neighbours) are few and, on a rounded
chin, often nearly in a line a little below the chin's real outline (lp_s1: a 90 px flat chord in the
neck's shadow). The head mask followed those chords, so when the jaw dropped the moved chin's lower edge
was a straight horizontal cut over the neck (lp_s1 x lp_d18, over the pearl necklace). Here the jaw line
from one jaw angle round the chin to the other is resampled densely and smoothed along its length
(`ROUNDING` face sizes): the corners between the chords round off, pulling the outline in towards the
chin, and the jaw angles stay where they are. Where the chin meets the neck its edge is soft
(`soften_chin`), like the photo's own chin shadow, not a cut-out line.
"""

from __future__ import annotations

import cv2
import numpy as np
from scipy.ndimage import gaussian_filter1d

ROUNDING = 0.1
"""Face sizes: the Gaussian's sigma, along the jaw line, with which the chin's outline is smoothed."""


def round_jaw(jaw: np.ndarray, face_px: float) -> np.ndarray:
    """(M, 2) px: the jaw line `jaw` ((J, 2) px, from one jaw angle round the chin to the other) resampled
    every px and smoothed along its length by `ROUNDING` * face_px (px); its two ends stay in place (the
    smoothing fades in linearly over two sigmas from each)."""
    jaw = np.asarray(jaw, np.float64)
    steps = np.linalg.norm(np.diff(jaw, axis=0), axis=1)
    arc = np.concatenate([[0.0], np.cumsum(steps)])
    if arc[-1] < 2.0:
        return jaw.astype(np.float32)
    s = np.linspace(0.0, arc[-1], max(int(np.ceil(arc[-1])), 2) + 1)
    dense = np.stack([np.interp(s, arc, jaw[:, 0]), np.interp(s, arc, jaw[:, 1])], 1)
    sigma = max(ROUNDING * face_px, 1e-3)
    smooth = gaussian_filter1d(dense, sigma, axis=0, mode="nearest")
    weight = np.clip(np.minimum(s, arc[-1] - s) / (2 * sigma), 0.0, 1.0)[:, None]
    return (dense + weight * (smooth - dense)).astype(np.float32)



KINK_SPAN = 0.02
"""Face sizes: the outline's height is averaged over this many columns and its bend read over this
distance either side of each column (`chin_kinks`)."""


def chin_kinks(alpha: np.ndarray, chin: np.ndarray, face_px: float) -> float:
    """Px: the sharpest bend of the head's lower outline under the chin, a corner or a step of it.

    alpha: (h, w) float32 in [0, 1], the head layer's alpha as drawn (`MeshAnimator.drawn_alpha`); chin:
    (2,) px in its box, the chin landmark (152) of that frame; face_px: the face size, px. In each column
    within 0.15 face sizes of the chin the outline's height e(x) is read to a fraction of a px (the alpha
    summed down from 0.15 face sizes above the chin to 0.25 below: the head fills the top of that window),
    averaged over d = `KINK_SPAN` face sizes of columns (the mask's own 1 px stairs are no corner); its
    bend is e(x - d) + e(x + d) - 2 e(x). A round chin bends by d^2 / R (lp_s1, R ~ 0.6 face sizes:
    ~0.3 px); the straight chords of the face oval meet in corners and the map's coarse grid leaves steps
    (issue #9). The largest |bend| over the columns; 0 when the window leaves the box.
    """
    h, w = alpha.shape
    x0, x1 = round(chin[0] - 0.15 * face_px), round(chin[0] + 0.15 * face_px)
    y0, y1 = round(chin[1] - 0.15 * face_px), round(chin[1] + 0.25 * face_px)
    if x0 < 0 or y0 < 0 or x1 > w or y1 > h:
        return 0.0
    d = max(1, round(KINK_SPAN * face_px))
    edge = np.convolve(alpha[y0:y1, x0:x1].astype(np.float64).sum(0), np.full(d, 1.0 / d), "valid")  # px below y0
    return float(np.abs(edge[:-2 * d] + edge[2 * d:] - 2 * edge[d:-d]).max())


SOFT_EDGE = 0.012
"""Face sizes: the Gaussian's sigma with which the head mask's edge under the chin, where the chin meets
the neck, is blurred (`soften_chin`); elsewhere the edge keeps its 1 px blur."""
SOFT_SPAN = (0.15, 0.3)
"""Shares of the jaw line's length from either jaw angle: the soft edge starts at the first (none nearer the
angle, where hair or background may meet the jaw) and is full from the second on (the chin between)."""


def soften_chin(region: np.ndarray, sharp: np.ndarray, jaw: np.ndarray, person: np.ndarray,
                face_px: float) -> tuple[np.ndarray, np.ndarray]:
    """The under-jaw coverage with a soft edge where the chin meets the neck, and where the photo stays
    behind that edge: two (h, w) float32 in [0, 1].

    region: (h, w) float32 coverage below the jaw line, unblurred; sharp: the same with its 1 px blur (what
    is kept away from the chin); jaw: (M, 2) px in the crop, the round jaw line (`round_jaw`) from one jaw
    angle to the other; person: (h, w) float32 in [0, 1], the segmented person; face_px: the face size, px.
    The photo's own chin meets the neck in a shadow a few px wide; the moved chin's edge, blurred by 1 px, was
    a cut-out line over the neck. Along the jaw line's middle (`SOFT_SPAN`) and inside the person on both
    sides of it (never against the background, where a soft edge would be a halo) the edge is blurred by
    `SOFT_EDGE` face sizes instead. Below the outline the plate behind that edge is the photo, not the fill
    (`HeadMask.photo`): the head layer then carries the photo's own shadow there times its alpha (source
    minus the fill behind it would be darker than the shadow: a black line under the moved chin).
    """
    sigma = SOFT_EDGE * face_px
    reach = max(1, int(np.ceil(3 * sigma)))
    arc = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(jaw, axis=0), axis=1))])
    share = np.minimum(arc, arc[-1] - arc) / max(arc[-1], 1e-6)
    t = np.clip((share - SOFT_SPAN[0]) / (SOFT_SPAN[1] - SOFT_SPAN[0]), 0.0, 1.0)
    weight = t * t * (3 - 2 * t)
    zone = np.zeros(region.shape, np.float32)
    for a, b, wgt in zip(jaw[:-1], jaw[1:], np.minimum(weight[:-1], weight[1:])):
        if wgt > 0:
            cv2.line(zone, tuple(np.round(a).astype(int)), tuple(np.round(b).astype(int)), float(wgt), 2 * reach + 1)
    inside = cv2.erode((person > 0.5).astype(np.uint8), np.ones((2 * reach + 1,) * 2, np.uint8))
    zone = cv2.GaussianBlur(zone * inside, (0, 0), max(sigma, 1.0))
    soft = cv2.GaussianBlur(region.astype(np.float32), (0, 0), max(sigma, 1.0))
    photo = zone * (region > 0.5)
    return (sharp + zone * (soft - sharp)).astype(np.float32), photo.astype(np.float32)
