"""Mouth: when the target lips part wider than the source's, paint an inner mouth instead of stretched lips.

The warp fills the inner-lip opening by stretching whatever the source shows there. This draws an
opening strictly inside the target inner-lip contour, so the lips themselves stay sharp: a cavity in the
lips' own hue, somewhat darker than the lips towards the back, a tongue rising from the lower lip, then
either the source's own mouth interior (when the source shows one: teeth of a smile) carried along with
the upper lip, or, for a closed source mouth, a synthetic band of upper teeth.
Real open mouths in talking-head video are about as bright as the lips on average (tongue, teeth and
lit cavity walls; measured on the development videos, docs/mesh-engine.md), so a near-black cavity is
further from them than the stretched lips it replaces.
Closing needs nothing: the warp brings the lips together.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import blend, box_around, polygon_mask
from facereel.engines.mesh.mesh_topology import INNER_LIP_CONTOUR
from facereel.engines.mesh.warp import fit_similarity
from facereel.face import landmark_ids as ids

_FULL_AT = 0.04  # extra opening (gap / mouth width) at which the synthetic mouth is fully opaque
_SHOWS_INSIDE = 0.06  # source gap / mouth width above which the source's own mouth interior is reused
_TEETH = np.array([176.0, 166.0, 157.0])  # RGB, warm off-white in the shade of the upper lip
_CAVITY_EDGE, _CAVITY_BACK = 0.8, 0.5  # cavity colour beside the lips / deepest, times the lip colour
_TONGUE = 1.0  # tongue colour, times the lip colour
_TONGUE_FROM, _TONGUE_FULL = 0.45, 0.8  # fraction of the way from upper to lower inner lip: tongue fades in
_RIM, _RIM_SHADE = 0.15, 0.6  # last fraction of the way to the lower lip darkened, by up to this much


def mouth_gap(points: np.ndarray) -> tuple[float, float]:
    """(inner-lip gap, mouth width) in px: mean upper-to-lower inner lip distance; corner distance."""
    up = points[list(ids.INNER_UPPER_LIP[1:-1]), :2]
    lo = points[list(ids.INNER_LOWER_LIP[1:-1]), :2]
    width = np.linalg.norm(points[ids.INNER_UPPER_LIP[0], :2] - points[ids.INNER_UPPER_LIP[-1], :2])
    return float(np.linalg.norm(up - lo, axis=1).mean()), float(width)


class MouthRenderer:
    """Inner-mouth synthesis for one source portrait.

    Args:
        source: (H, W, 3) uint8 RGB; landmarks: (478, 3) source landmarks, image px.
    """

    def __init__(self, source: np.ndarray, landmarks: np.ndarray) -> None:
        gap, width = mouth_gap(landmarks)
        self.src_open = gap / max(width, 1e-6)
        h, w = source.shape[:2]
        pts = landmarks[:, :2]
        outer = np.vstack([pts[list(ids.OUTER_UPPER_LIP)], pts[list(ids.OUTER_LOWER_LIP)][::-1]])
        x0, y0, x1, y1 = box_around(outer, 1, (w, h))
        lips = polygon_mask([outer], (y1 - y0, x1 - x0), (x0, y0)) - polygon_mask([pts[INNER_LIP_CONTOUR]], (y1 - y0, x1 - x0), (x0, y0))
        lip_px = source[y0:y1, x0:x1][lips > 0.5].astype(np.float32)
        lip = np.median(lip_px, 0) if len(lip_px) else np.array([170.0, 90.0, 90.0])
        self.src_upper = landmarks[list(ids.INNER_UPPER_LIP), :2].astype(np.float32)
        self.interior = None
        if self.src_open > _SHOWS_INSIDE:
            inner = pts[INNER_LIP_CONTOUR]
            ix0, iy0, ix1, iy1 = box_around(inner, 1, (w, h))
            alpha = polygon_mask([inner], (iy1 - iy0, ix1 - ix0), (ix0, iy0))
            self.interior = np.dstack([source[iy0:iy1, ix0:ix1].astype(np.float32), alpha])
            self.interior_origin = np.array([ix0, iy0], np.float32)
        self.lip = lip

    def render(self, crop: np.ndarray, origin: np.ndarray, target: np.ndarray) -> None:
        """Draw the inner mouth into `crop` (h, w, 3) uint8 in place; origin (2,) its top-left in image px;
        target (478, 3) target landmarks, image px."""
        gap, width = mouth_gap(target)
        opacity = np.clip((gap / max(width, 1e-6) - self.src_open) / _FULL_AT, 0, 1)
        if opacity <= 0:
            return
        tgt = target[:, :2].astype(np.float32) - origin
        poly = tgt[INNER_LIP_CONTOUR]
        x0, y0, x1, y1 = box_around(poly, 2, (crop.shape[1], crop.shape[0]))
        if x1 <= x0 or y1 <= y0:
            return
        box = crop[y0:y1, x0:x1]
        shape = box.shape[:2]
        o = np.array([x0, y0], np.float32)
        inside = polygon_mask([poly], shape, (x0, y0))

        upper, lower = tgt[list(ids.INNER_UPPER_LIP)], tgt[list(ids.INNER_LOWER_LIP)]
        paint = self._cavity(inside, upper, lower, o, gap)
        if self.interior is not None:
            # The source's teeth hang from the upper lip: move them with it (similarity of that lip).
            to_target = fit_similarity(self.src_upper - self.interior_origin, upper - o)
            layer = cv2.warpAffine(self.interior, to_target, (shape[1], shape[0]), flags=cv2.INTER_LINEAR,
                                   borderMode=cv2.BORDER_CONSTANT)
            a = layer[..., 3:]
            paint = paint * (1 - a) + layer[..., :3] * a
        else:
            paint = self._teeth(paint, upper, o, gap, width)
        blend(box, paint, inside * float(opacity))

    def _cavity(self, inside: np.ndarray, upper: np.ndarray, lower: np.ndarray, origin: np.ndarray,
                gap: float) -> np.ndarray:
        """(h, w, 3) float32 RGB of the empty opening: cavity, tongue and lower-lip shadow in the lip hue.

        inside: (h, w) coverage of the opening; upper, lower: (11, 2) inner-lip points, box px + origin;
        gap: inner-lip gap in px.
        """
        # Darker with the distance from the lips (relative to the gap), the back of the mouth darkest.
        depth = cv2.distanceTransform((inside > 0.5).astype(np.uint8), cv2.DIST_L2, 3)
        t = np.clip(depth / max(0.35 * gap, 1.0), 0, 1)[..., None]
        paint = self.lip * (_CAVITY_EDGE * (1 - t) + _CAVITY_BACK * t)
        # The tongue fills the lower part: by each column's position between the upper and lower lip.
        h, w = inside.shape
        xs = np.arange(w, dtype=np.float32) + origin[0]
        top = np.interp(xs, *_by_x(upper)) - origin[1]
        bottom = np.interp(xs, *_by_x(lower)) - origin[1]
        v = (np.arange(h, dtype=np.float32)[:, None] - top) / np.maximum(bottom - top, 1.0)
        tongue = np.clip((v - _TONGUE_FROM) / (_TONGUE_FULL - _TONGUE_FROM), 0, 1)[..., None]
        paint = paint * (1 - tongue) + self.lip * _TONGUE * tongue
        # The lower lip's inner edge is in shadow: a dark line there keeps the opening's lower edge visible.
        shade = np.clip((v - (1 - _RIM)) / _RIM, 0, 1)[..., None] * _RIM_SHADE
        return (paint * (1 - shade)).astype(np.float32)

    @staticmethod
    def _teeth(paint: np.ndarray, upper: np.ndarray, origin: np.ndarray, gap: float, width: float) -> np.ndarray:
        """Paint (h, w, 3) float32 with a band of synthetic upper teeth under the upper inner lip (upper:
        (11, 2) box px + origin; gap, width: inner-lip gap and mouth width, px); returns the new paint."""
        shape = paint.shape[:2]
        centre_x = 0.5 * (upper[0, 0] + upper[-1, 0])
        xs = np.arange(shape[1], dtype=np.float32) + origin[0]
        # Teeth fade towards the corners (they recede into shadow) and show between the canines only.
        side = np.clip(1 - (np.abs(xs - centre_x) / (0.38 * width)) ** 4, 0, 1)[None, :, None]
        inner = upper[2:-2]
        band = np.vstack([inner, (inner + (0, min(0.38 * gap, 0.13 * width)))[::-1]])
        teeth = polygon_mask([band], shape, tuple(origin))[..., None] * side
        # Faint gaps between the incisors.
        for i in range(-2, 3):
            gx = int(round(centre_x + i * 0.12 * width - origin[0]))
            if 0 <= gx < shape[1]:
                teeth[:, gx] *= 0.75
        paint = paint * (1 - teeth) + _TEETH * teeth
        return cv2.GaussianBlur(paint.astype(np.float32), (3, 3), 0)


def _by_x(points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(x, y) of (N, 2) points sorted by x, for `np.interp` along a lip line."""
    order = np.argsort(points[:, 0], kind="stable")
    return points[order, 0], points[order, 1]
