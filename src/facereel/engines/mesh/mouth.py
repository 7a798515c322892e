"""Mouth: when the target lips part wider than the source's, paint an inner mouth instead of stretched lips.

The warp fills the inner-lip opening by stretching whatever the source shows there; a real opening shows
a dark cavity with the upper teeth under the upper lip. This draws that strictly inside the target
inner-lip contour, so the lips themselves stay sharp: a cavity gradient, then either the source's own
mouth interior (when the source shows one: teeth of a smile) carried along with the upper lip, or, for a
closed source mouth, a synthetic band of upper teeth and a hint of the lower ones.
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
_TEETH = np.array([228.0, 222.0, 206.0])  # RGB, slightly warm off-white


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
        # Cavity: the lip hue, very dark; its walls catch a little light, its back none.
        self.cavity_edge = 0.35 * lip
        self.cavity_back = 0.12 * lip

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

        # Darker towards the middle of the opening (distance from the lips, relative to the gap).
        depth = cv2.distanceTransform((inside > 0.5).astype(np.uint8), cv2.DIST_L2, 3)
        t = np.clip(depth / max(0.35 * gap, 1.0), 0, 1)[..., None]
        paint = self.cavity_edge * (1 - t) + self.cavity_back * t

        upper = tgt[list(ids.INNER_UPPER_LIP)]
        if self.interior is not None:
            # The source's teeth hang from the upper lip: move them with it (similarity of that lip).
            to_target = fit_similarity(self.src_upper - self.interior_origin, upper - o)
            layer = cv2.warpAffine(self.interior, to_target, (shape[1], shape[0]), flags=cv2.INTER_LINEAR,
                                   borderMode=cv2.BORDER_CONSTANT)
            a = layer[..., 3:]
            paint = paint * (1 - a) + layer[..., :3] * a
        else:
            paint = self._teeth(paint, upper, tgt[list(ids.INNER_LOWER_LIP)], o, gap, width)
        blend(box, paint, inside * float(opacity))

    @staticmethod
    def _teeth(paint: np.ndarray, upper: np.ndarray, lower: np.ndarray, origin: np.ndarray, gap: float,
               width: float) -> np.ndarray:
        """Paint (h, w, 3) float32 with synthetic teeth: a band under the upper inner lip (upper, (11, 2)
        box px + origin) and a thinner, darker one over the lower lip; returns the new paint."""
        shape = paint.shape[:2]
        centre_x = 0.5 * (upper[0, 0] + upper[-1, 0])
        xs = np.arange(shape[1], dtype=np.float32) + origin[0]
        # Teeth fade towards the corners (they recede into shadow) and show between the canines only.
        side = np.clip(1 - (np.abs(xs - centre_x) / (0.38 * width)) ** 4, 0, 1)[None, :, None]
        for edge, height, light in ((upper, min(0.38 * gap, 0.13 * width), 0.95),
                                    (lower, -min(0.15 * gap, 0.06 * width), 0.6)):
            inner = edge[2:-2]
            band = np.vstack([inner, (inner + (0, height))[::-1]])
            teeth = polygon_mask([band], shape, tuple(origin))[..., None] * side
            if edge is upper:
                # Faint gaps between the incisors.
                for i in range(-2, 3):
                    gx = int(round(centre_x + i * 0.12 * width - origin[0]))
                    if 0 <= gx < shape[1]:
                        teeth[:, gx] *= 0.75
            paint = paint * (1 - teeth) + _TEETH * light * teeth
        return cv2.GaussianBlur(paint.astype(np.float32), (3, 3), 0)
