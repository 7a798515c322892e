"""The chin's outline in the head mask: round, not the landmarks' straight chords.

The face oval's landmarks under the chin (148, 152, 377 and their neighbours) are few and, on a rounded
chin, often nearly in a line a little below the chin's real outline (lp_s1: a 90 px flat chord in the
neck's shadow). The head mask followed those chords, so when the jaw dropped the moved chin's lower edge
was a straight horizontal cut over the neck (lp_s1 x lp_d18, over the pearl necklace). Here the jaw line
from one jaw angle round the chin to the other is resampled densely and smoothed along its length
(`ROUNDING` face sizes): the corners between the chords round off, pulling the outline in towards the
chin, and the jaw angles stay where they are. The landmarks' outline often lies inside the photo's own
chin (lp_s0's painted chin, sr_8's raised chin): where the photo's edge lies well below it, the outline's
middle is carried down to that edge (`fit_chin`), so the chin's tip moves with the head and no second chin
stays on the neck. Where the chin meets the neck its edge is soft (`soften_chin`), like the photo's own chin shadow, not
a cut-out line.
"""

from __future__ import annotations

import cv2
import numpy as np
from scipy.ndimage import gaussian_filter1d, median_filter

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


SOFT_SPAN = (0.15, 0.3)
"""Shares of the jaw line's length from either jaw angle: the chin's middle starts at the first (none nearer
the angle, where hair or background may meet the jaw) and is full from the second on: where the outline is
fitted to the photo's edge (`fit_chin`) and its edge is soft (`soften_chin`)."""


def middle_weight(jaw: np.ndarray) -> np.ndarray:
    """(M,) in [0, 1]: how far each point of the jaw line ((M, 2) px) lies in the chin's middle (`SOFT_SPAN`,
    smoothstep along its length)."""
    arc = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(jaw, axis=0), axis=1))])
    share = np.minimum(arc, arc[-1] - arc) / max(arc[-1], 1e-6)
    t = np.clip((share - SOFT_SPAN[0]) / (SOFT_SPAN[1] - SOFT_SPAN[0]), 0.0, 1.0)
    return t * t * (3 - 2 * t)


def _outward(jaw: np.ndarray) -> np.ndarray:
    """(M, 2) unit vectors: each point's normal to the jaw line ((M, 2) px), away from the face."""
    tangent = np.gradient(jaw, axis=0)
    normal = np.stack([tangent[:, 1], -tangent[:, 0]], 1) / np.maximum(np.linalg.norm(tangent, axis=1), 1e-6)[:, None]
    middle = len(jaw) // 2
    return -normal if np.dot(normal[middle], jaw[middle] - (jaw[0] + jaw[-1]) / 2) < 0 else normal


FIT_REACH = 0.08
"""Face sizes below the round outline within which the photo's own chin edge is looked for (`fit_chin`):
lp_s0's painted chin lies ~0.04 below its landmarks, sr_8's raised chin ~0.03."""
FIT_DEPTH = (0.024, 0.03)
"""Face sizes: the photo's chin edge lying below the outline by less than the first (the median over the
chin's middle) leaves it where it is, by more than the second it is fitted in full (`fit_chin`). A thin
tip hides within the soft edge's reach, and fitted it brought the chin's own shadow along: a dark ragged
line over lp_s1's necklace as the jaw dropped (lp_s1 0.018, lp_s5 0.023, grace_hopper 0.012; lp_s0 0.038,
sr_8 0.030)."""
FIT_STEP = 1.5
"""Lightness (OpenCV's 8-bit L) per px: a weaker fall from the chin to the neck is no edge (`fit_chin`)."""


def chin_edges(jaw: np.ndarray, lightness: np.ndarray, face_px: float) -> tuple[np.ndarray, np.ndarray]:
    """Where the photo's chin edge lies below the jaw line, and how sharp it is: (M,) px outwards along each
    point's normal (0 where none is found) and (M,) lightness per px there.

    jaw: (M, 2) px in the crop, the round jaw line (`round_jaw`); lightness: (h, w) float32, the crop's L;
    face_px: the face size, px. Down each point's outward normal (away from the face) over `FIT_REACH` face
    sizes the lightness, blurred by 0.01 face sizes, is read every half px; the edge is where it falls most
    steeply (the lit chin above, the neck's shadow below), if it falls by `FIT_STEP` per px or more, and it
    reaches on outwards to where the fall is down to half that (a blurred chin's lit fringe is the chin's).
    """
    jaw = np.asarray(jaw, np.float32)
    normal = _outward(jaw)
    grey = cv2.GaussianBlur(lightness.astype(np.float32), (0, 0), max(0.01 * face_px, 0.5))
    steps = np.arange(0.0, FIT_REACH * face_px + 1.0, 0.5, dtype=np.float32)
    pos = jaw[:, None, :] + steps[None, :, None] * normal[:, None, :]
    line = cv2.remap(grey, pos[..., 0], pos[..., 1], cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    fall = (line[:, :-2] - line[:, 2:]).astype(np.float64)  # per px: two half-px steps apart
    best = fall.argmax(1)
    sharp = fall[np.arange(len(jaw)), best]
    past = (fall < 0.5 * sharp[:, None]) & (np.arange(fall.shape[1])[None, :] > best[:, None])
    foot = np.where(past.any(1), past.argmax(1), fall.shape[1] - 1)  # the edge's outer foot: half its fall
    return np.where(sharp >= FIT_STEP, steps[foot + 1], 0.0), sharp


def fit_chin(jaw: np.ndarray, lightness: np.ndarray, face_px: float) -> np.ndarray:
    """(M, 2) px: the round jaw line `jaw` ((M, 2) px in the crop) with its middle (`middle_weight`) carried
    outwards to the photo's own chin edge below it (`chin_edges`; lightness (h, w), the crop's L).

    The landmarks' outline may lie inside the photo's chin (lp_s0: a painted chin ~4 px below it; sr_8, the
    chin raised): the part below stayed on the neck as a second chin when the chin moved up. The edge's
    distance is smoothed along the line (a median over `ROUNDING` face sizes, then the same Gaussian as
    `round_jaw`) so a stray edge (a fold, a necklace's bead) does not dent the outline; it only moves outwards,
    and only where the photo's chin reaches well below the outline (`FIT_DEPTH`).
    """
    jaw = np.asarray(jaw, np.float32)
    if len(jaw) < 3:
        return jaw
    depth, _ = chin_edges(jaw, lightness, face_px)
    weight = middle_weight(jaw)
    inside = np.median(depth[weight > 0.5]) / face_px if (weight > 0.5).any() else 0.0
    t = float(np.clip((inside - FIT_DEPTH[0]) / (FIT_DEPTH[1] - FIT_DEPTH[0]), 0.0, 1.0))
    if t <= 0:
        return jaw
    span = max(1, round(ROUNDING * face_px)) | 1
    depth = gaussian_filter1d(median_filter(depth, span, mode="nearest"), max(ROUNDING * face_px, 1e-3),
                              mode="nearest")
    normal = _outward(jaw)
    return (jaw + (t * t * (3 - 2 * t) * weight * np.maximum(depth, 0.0))[:, None] * normal).astype(np.float32)


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
    heights = _outline_heights(alpha, chin, face_px, 0.15)
    if heights is None:
        return 0.0
    d = max(1, round(KINK_SPAN * face_px))
    edge = np.convolve(heights, np.full(d, 1.0 / d), "valid")
    return float(np.abs(edge[:-2 * d] + edge[2 * d:] - 2 * edge[d:-d]).max())


def _outline_heights(alpha: np.ndarray, chin: np.ndarray, face_px: float, half: float) -> np.ndarray | None:
    """(n,) float64 px: the head's lower outline under the chin in each column within `half` face sizes of
    the chin (2,) px: the alpha ((h, w) float32 in [0, 1]) summed down from 0.15 face sizes above the chin to
    0.25 below (the head fills the top of that window); None when the window leaves the box."""
    h, w = alpha.shape
    x0, x1 = round(chin[0] - half * face_px), round(chin[0] + half * face_px)
    y0, y1 = round(chin[1] - 0.15 * face_px), round(chin[1] + 0.25 * face_px)
    if x0 < 0 or y0 < 0 or x1 > w or y1 > h:
        return None
    return alpha[y0:y1, x0:x1].astype(np.float64).sum(0)


MARGIN_SPAN = 0.1
"""Face sizes either side of the chin whose columns `chin_margin` reads: the chin's middle."""


def chin_margin(alpha: np.ndarray, oval: np.ndarray, chin: np.ndarray, face_px: float) -> float:
    """Face sizes: how far the head's lower outline under the chin lies below the face oval's chords, the
    mean over the columns within `MARGIN_SPAN` face sizes of the chin (alpha, chin, face_px as
    `chin_kinks`'s; oval: (36, 2) px in the same box, the face oval's landmarks in order). At rest the mask's
    outline lies a little below the chords (its edge's blur, the person's grown fringe; lp_s3 0.023); drawn on
    the chords the chin is cut straight (lp_s3 x lp_d12 frame 50, the engine before: 0.005). NaN when the
    window leaves the box."""
    heights = _outline_heights(alpha, chin, face_px, MARGIN_SPAN)
    if heights is None:
        return float("nan")
    x0 = round(chin[0] - MARGIN_SPAN * face_px)
    columns = np.arange(x0, x0 + len(heights), dtype=np.float64)
    closed = np.vstack([oval, oval[:1]]).astype(np.float64)
    lowest = np.full(len(columns), -np.inf)  # each column's lowest crossing of the oval's chords
    for (ax, ay), (bx, by) in zip(closed[:-1], closed[1:]):
        if ax == bx:
            continue
        t = (columns - ax) / (bx - ax)
        on = (t >= 0) & (t <= 1)
        lowest[on] = np.maximum(lowest[on], ay + t[on] * (by - ay))
    y0 = round(chin[1] - 0.15 * face_px)
    return float(np.mean(y0 + heights - lowest) / face_px)


SOFT_EDGE = 0.012
"""Face sizes: the Gaussian's sigma with which the head mask's edge under the chin, where the chin meets
the neck, is blurred (`soften_chin`); elsewhere the edge keeps its 1 px blur."""


PHOTO_RAMP = (0.25, 0.75)
"""The under-jaw coverage over which the photo kept behind the chin's soft edge (`soften_chin`'s second) goes from none
to whole: cut at 0.5, where that coverage is the neck side's sideways ramp (`neck_side`), the kept photo ended in an
upright side, and under sr_18's raised chin (`edit --yaw 45 --pitch -30`) the photo's chin stood beside the mirrored
lit neck's tone in a pale patch with a vertical edge (`figures.chin_patch` 0.042 face sizes)."""


def soften_chin(region: np.ndarray, sharp: np.ndarray, jaw: np.ndarray, person: np.ndarray,
                face_px: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The under-jaw coverage with a soft edge where the chin meets the neck, where the photo stays behind
    that edge, and how far each pixel lies on that soft edge: three (h, w) float32 in [0, 1].

    region: (h, w) float32 coverage below the jaw line, unblurred; sharp: the same with its 1 px blur (what
    is kept away from the chin); jaw: (M, 2) px in the crop, the round jaw line (`round_jaw`) from one jaw
    angle to the other; person: (h, w) float32 in [0, 1], the segmented person; face_px: the face size, px.
    The photo's own chin meets the neck in a shadow a few px wide; the moved chin's edge, blurred by 1 px, was
    a cut-out line over the neck. Along the jaw line's middle (`SOFT_SPAN`) and inside the person on both
    sides of it (never against the background, where a soft edge would be a halo) the edge is blurred by
    `SOFT_EDGE` face sizes instead. Below the outline the plate behind that edge is the photo, not the fill
    (`HeadMask.photo`; ramped in over `PHOTO_RAMP` of the coverage): the head layer then carries the photo's own shadow there times its alpha (source
    minus the fill behind it would be darker than the shadow: a black line under the moved chin). The third
    (the soft edge's zone) tells the caller where the face oval must not hold the head whole above the
    outline (`soft_face`).
    """
    sigma = SOFT_EDGE * face_px
    reach = max(1, int(np.ceil(3 * sigma)))
    weight = middle_weight(jaw)
    zone = np.zeros(region.shape, np.float32)
    for a, b, wgt in zip(jaw[:-1], jaw[1:], np.minimum(weight[:-1], weight[1:])):
        if wgt > 0:
            cv2.line(zone, tuple(np.round(a).astype(int)), tuple(np.round(b).astype(int)), float(wgt), 2 * reach + 1)
    inside = cv2.erode((person > 0.5).astype(np.uint8), np.ones((2 * reach + 1,) * 2, np.uint8))
    zone = cv2.GaussianBlur(zone * inside, (0, 0), max(sigma, 1.0))
    soft = cv2.GaussianBlur(region.astype(np.float32), (0, 0), max(sigma, 1.0))
    photo = zone * np.clip((region - PHOTO_RAMP[0]) / (PHOTO_RAMP[1] - PHOTO_RAMP[0]), 0.0, 1.0)
    return (sharp + zone * (soft - sharp)).astype(np.float32), photo.astype(np.float32), zone.astype(np.float32)


FACE_SOFTNESS = 0.5
"""The face oval's inner fade under the chin (`soft_face`), in `SOFT_EDGE`s."""


def soft_face(oval: np.ndarray, zone: np.ndarray, face_px: float) -> np.ndarray:
    """(h, w) float32 in [0, 1]: the face oval's coverage `oval` ((h, w)) no more than its own blur (sigma
    `FACE_SOFTNESS` times `SOFT_EDGE` face sizes; face_px: the face size, px) where `zone` ((h, w), `soften_chin`'s third) is on.

    The head is at least the face oval, whose lower edge is the jaw line itself: held whole above it, the
    chin's soft edge kept only its outer half, a 1 -> 0.2 step at the line (lp_s1 at 512: 1.00, 0.81, 0.22 px
    by px) under a faint tail: the turned, raised chin's lower outline a hard line over the neck's tone
    (preset:turn 16-22, issue #9). Here the oval's inside fades to ~0.6 at the line (1.00, 0.90, 0.68, 0.22).
    Only its inside: its outer blur too (head alpha past the oval) changed grace_hopper's frames far from the
    chin (a black stroke along her jaw over the flag, light line 0.58 -> 1.39; not traced), and the full `SOFT_EDGE` darkened lp_s1's neck band (`NeckWedge.tone_step` 10 -> 12.5
    on frames 18, 20)."""
    soft = cv2.GaussianBlur(oval.astype(np.float32), (0, 0), max(FACE_SOFTNESS * SOFT_EDGE * face_px, 1.0))
    return (oval - zone * np.clip(oval - soft, 0.0, 1.0)).astype(np.float32)
