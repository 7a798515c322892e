"""The skin round the lips stays outside them: a target's outer lip contour never passes over the skin points
beside it.

Retargeting adds the driver's landmark moves to the portrait's: a driver opening wide moves its outer lip
farther than the skin points just outside it, which the portrait (thin lips, a smile) may have closer to the
lip than the driver has. The outer lip then passes over them and the mesh folds between lip and skin: a torn
pale flap of skin over the upper lip, the lip's end missing, a stair-stepped lower lip edge (the warp's
per-pixel redraw of a fold; lp_s1 x lp_d18 frame 140: 19 folded triangles round the lips). `LipRing` pushes
each such skin point back out, along the outward normal of the lip contour's nearest segment, to at least
`KEPT` of its source distance from the contour (scaled with the mouth's width).

A wide-open driver also squeezes the whole strip from the lower lip to the chin (lp_s1 x lp_d18 frame 140:
to half its height, lp_s5 to 0.4), and the face's outline (the chin) is never pushed: keeping half the
distance for the points near the lip only (within `REACH`) pushed their row down past the unpushed row
below it, folding the skin into a pale horizontal line across the chin. So under the lower lip the points
reach down to `CHIN_REACH`, and each keeps the share of its source distance that its nearest point of the
face's outline keeps of its own (at most `KEPT`): the squeeze is shared evenly down to the chin. (Above
and beside the lips a smile squeezes the skin towards the nose and the cheeks for real: pushed out to
`CHIN_REACH` there, self-reenactment lost 0.1 dB round lp_d19's mouth.)

A driver whose reference frame has its mouth open closes it by moving its lower lip up, and on a closed-mouthed
portrait the target's lips are pressed flat, the lower one's outer edge over the upper one's (`pressed_flat`; lp_s5,
lp_s3, lp_s12, sr_4 at 512 x lp_d12 from frame 90, frames 9-12 and 53-56): the contour then winds the other way
round, or a point above the mouth finds the lower lip nearest, and the outward normals point through the lips. The
nose's underside and the philtrum were pushed 12-15 px down through both, the nose's dark underside drawn as a
triangle over the upper lip (`figures.nose_notch`). On such lips a point the photo shows beside one lip is kept out
of that lip alone, its outside the photo's (`own_lip`; a point by a mouth's corner, beside both, as before).

A driver that brings the nose down to the lips (sr_8 x lp_d11 from frame 132, frame 20: the nose-to-lip gap 42 -> 14
px) has the ring push the subnasale and the philtrum's top up onto the nostril's rim, which is not pushed: the skin
between them (the nostril's sill) folded flat, the nostril cut by a straight edge into a thin dark slit. A push is
therefore held back beyond the lip (halved, `HALVINGS` times, then dropped) where it leaves a triangle between the
skin kept above the upper lip and skin never pushed (the nose's underside), which the target had at `SQUEEZE` of its
photo's area or more, under that (`unsqueezed`; turned over reads negative); a point the lip passed over is pushed
whole (a lip raised past the skin: the fold is worse).
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.geometry.map_kernels import nearest_segments
from facereel.engines.mesh.geometry.mesh_topology import contour, face_triangles
from facereel.engines.mesh.geometry.stretch_limit import MIN_TWICE_AREA, signed_areas, turned_over
from facereel.face import landmark_ids as ids

OUTER_LIP_CONTOUR = contour(ids.OUTER_UPPER_LIP, ids.OUTER_LOWER_LIP)
REACH = 0.35  # skin points nearer the outer lip contour than this many mouth widths (source) are kept out (the
# face's outline never: the jaw's own)
CHIN_REACH = 0.75  # mouth widths (source): the same under the lower lip, past the chin (lp_s1: 0.62)
DOWN = 0.85  # a skin point whose contour normal points down more than this (its y part, within ~30 deg of
# straight down) is under the lower lip; beside the corners (lp_d19: 0.6-0.7) a laugh squeezes the cheek for real
KEPT = 0.5  # share of its source distance from the contour that a skin point keeps at the least
HALVINGS = 4  # a push that squeezes the sill is halved this many times, then dropped (`LipRing.unsqueezed`)
SQUEEZE = 0.3  # share of its photo's area a push may squeeze a triangle to (sr_8 x lp_d11 132-168, frame 20: the
# nostril's sill 0.41 in the target, 0.02 pushed)
_CORNERS = ids.MOUTH_CORNERS
_UPPER_SEGMENTS = len(ids.OUTER_UPPER_LIP) - 1  # `OUTER_LIP_CONTOUR`'s segments 0 .. this - 1 run along the upper lip
_CORNER_AT = np.flatnonzero(np.isin(OUTER_LIP_CONTOUR, _CORNERS))  # the corners' places on the contour


def winding(polygon: np.ndarray) -> float:
    """1.0 where the closed polygon's (M, 2) px shoelace sum is positive, else -1.0: the side
    `map_kernels.nearest_segments` reads as its outside."""
    x, y = np.asarray(polygon, np.float64).T
    return 1.0 if float(np.sum(x * np.roll(y, -1) - np.roll(x, -1) * y)) > 0 else -1.0


def nearest_segment(points: np.ndarray, polygon: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per point (K, 2) px: signed distance (K,) px to the closed polygon (M, 2) px, along its nearest
    segment's outward normal (positive outside), and that normal (K, 2) (`map_kernels.nearest_segments`)."""
    distance, normal, _ = nearest_segments(np.ascontiguousarray(points, np.float64),
                                           np.ascontiguousarray(polygon, np.float64))
    return distance, normal


def outside_gap(points: np.ndarray, polygon: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """`nearest_segment` of points (K, 2) px to the closed polygon (M, 2) px, but where a point lies outside the
    polygon and its nearest point is a corner (the mouth's corner) beyond which the segment's normal reads it
    inside: its distance from that corner (K,) px, positive, and the unit direction from it (K, 2). A skin point
    below-beside a mouth's corner (both lips' segments tie there, the first, the upper lip's, taken) read so was
    pushed up over the cheek along the upper lip's normal
    (lp_d19 x sr_1 `--regions lips`: 57 px, the jaw's outline pulled up after it by the stretch limit)."""
    distance, normal, segment = nearest_segments(np.ascontiguousarray(points, np.float64),
                                                 np.ascontiguousarray(polygon, np.float64))
    contour = np.asarray(polygon, np.float32)
    wrong = np.array([d < 0 and cv2.pointPolygonTest(contour, (float(x), float(y)), False) < 0
                      for d, (x, y) in zip(distance, points)], bool).reshape(-1)
    if wrong.any():
        start, end = polygon[segment[wrong]], polygon[(segment[wrong] + 1) % len(polygon)]
        edge = end - start
        t = np.clip(((points[wrong] - start) * edge).sum(1) / np.maximum((edge * edge).sum(1), 1e-9), 0.0, 1.0)
        away = points[wrong] - (start + t[:, None] * edge)
        distance[wrong] = np.linalg.norm(away, axis=1)
        normal[wrong] = away / np.maximum(distance[wrong], 1e-9)[:, None]
    return distance, normal


def mouth_width(points: np.ndarray) -> float:
    """Mouth width (px) between the outer lip corners of (N, 2) landmarks."""
    return float(np.linalg.norm(points[_CORNERS[0]] - points[_CORNERS[1]]))


def lip_side(points: np.ndarray, lips: np.ndarray, segment: np.ndarray) -> np.ndarray:
    """(K,) int8: the lip each point (K, 2) px lies beside, by its nearest segment (K,) of the outer lip contour
    `lips` (`OUTER_LIP_CONTOUR`'s (M, 2) px): 1 the upper, -1 the lower, 0 where its nearest point is a mouth
    corner (both lips')."""
    start, end = lips[segment], lips[(segment + 1) % len(lips)]
    edge = end - start
    t = np.clip(((points - start) * edge).sum(1) / np.maximum((edge * edge).sum(1), 1e-9), 0.0, 1.0)
    corner = (((t == 0) & np.isin(segment, _CORNER_AT))
              | ((t == 1) & np.isin((segment + 1) % len(lips), _CORNER_AT)))
    return np.where(corner, 0, np.where(segment < _UPPER_SEGMENTS, 1, -1)).astype(np.int8)


def below_upper_lip(lips: np.ndarray, points: np.ndarray) -> np.ndarray:
    """(K,) mouth widths each point (K, 2) px lies below the upper lip's outer edge of the outer lip contour `lips`
    (`OUTER_LIP_CONTOUR`'s (M, 2) px), across the line between the mouth's corners at the point's place along it
    (negative above it); nan beyond the corners."""
    left, right = lips[_CORNER_AT[0]], lips[_CORNER_AT[1]]
    along = right - left
    down = np.array([-along[1], along[0]])  # the corners' line turned a quarter clockwise (y down): away from the nose
    square = max(float(along @ along), 1e-12)
    u, v = (points - left) @ along / square, (points - left) @ down / square
    edge = lips[:_UPPER_SEGMENTS + 1] - left
    eu, ev = edge @ along / square, edge @ down / square
    order = np.argsort(eu, kind="stable")
    return np.where((u > eu.min()) & (u < eu.max()), v - np.interp(u, eu[order], ev[order]), np.nan)


def pressed_flat(lips: np.ndarray) -> bool:
    """Whether the outer lip contour `lips` (`OUTER_LIP_CONTOUR`'s (M, 2) px) has its lower lip's outer edge above
    the upper one's somewhere between the corners (`below_upper_lip`): lips pressed flat, folded over."""
    return bool(np.nanmin(below_upper_lip(lips, lips[_UPPER_SEGMENTS + 1:]), initial=np.inf) < 0)


def own_lip(points: np.ndarray, lips: np.ndarray, upper: np.ndarray, wound: float) -> tuple[np.ndarray, np.ndarray]:
    """`nearest_segment` of points (K, 2) px to their own lip's segments only (`upper` (K,) bool: the upper lip's,
    else the lower's) of the outer lip contour `lips` (`OUTER_LIP_CONTOUR`'s (M, 2) px), its outside read from the
    winding `wound` (`winding`'s +-1): signed distances (K,) px and normals (K, 2)."""
    start, edge = lips, np.roll(lips, -1, 0) - lips
    t = np.clip(np.einsum("kmj,mj->km", points[:, None] - start[None], edge) / np.maximum((edge * edge).sum(1), 1e-9),
                0.0, 1.0)
    nearest = start[None] + t[..., None] * edge[None]  # (K, M, 2)
    gap = np.linalg.norm(points[:, None] - nearest, axis=2)
    own = (np.arange(len(lips)) < _UPPER_SEGMENTS)[None] == np.asarray(upper, bool)[:, None]
    j = np.argmin(np.where(own, gap, np.inf), axis=1)
    normals = np.stack([edge[:, 1], -edge[:, 0]], 1) * wound
    normals /= np.maximum(np.linalg.norm(normals, axis=1, keepdims=True), 1e-9)
    rows = np.arange(len(points))
    return ((points - nearest[rows, j]) * normals[j]).sum(1), normals[j]


class LipRing:
    """Keeps the skin points round one portrait's lips outside its target's outer lip contour.

    source: (N >= 478, 2) px, the portrait's landmarks (any frame of reference the targets share up to scale).
    `points`: (K,) the kept skin points' landmark ids; `side`: (K,) the lip each lies beside in the photo (`lip_side`).
    """

    def __init__(self, source: np.ndarray) -> None:
        src = np.asarray(source, np.float64)[:, :2]
        lips = set(ids.OUTLINE_AND_LIPS)
        skin = np.array([i for i in range(ids.NUM_LANDMARKS) if i not in lips])
        self._width = mouth_width(src)
        self._wound = winding(src[OUTER_LIP_CONTOUR])  # the lips' outside as the photo reads it
        distance, normal, segment = nearest_segments(src[skin], np.ascontiguousarray(src[OUTER_LIP_CONTOUR]))
        under = normal[:, 1] > DOWN
        near = (distance > 0) & (distance < np.where(under, CHIN_REACH, REACH) * self._width)
        self.points = skin[near]  # (K,) landmark ids
        self._under = under[near]  # (K,) bool: under the lower lip, sharing the chin's squeeze
        self.side = lip_side(src[self.points], src[OUTER_LIP_CONTOUR], segment[near])  # (K,) the photo's
        oval = np.array(ids.FACE_OVAL)
        oval_distance, _ = nearest_segment(src[oval], src[OUTER_LIP_CONTOUR])
        nearest = np.argmin(np.linalg.norm(src[self.points][:, None] - src[oval][None], axis=2), axis=1)
        self._oval = oval[nearest]  # (K,) each point's nearest face-outline point
        width = max(self._width, 1e-6)
        self._distance = distance[near] / width  # (K,) mouth widths
        # (K,) mouth widths: that outline point's source distance (never nearer than the point's own)
        self._oval_distance = np.maximum(oval_distance[nearest], distance[near]) / width
        triangles = face_triangles()
        above, free = self.points[self.side == 1], np.setdiff1d(skin, self.points)
        # (F, 3) between the skin kept above the upper lip and the skin never pushed (the nose's underside)
        sill = triangles[np.isin(triangles, above).any(1) & np.isin(triangles, free).any(1)]
        areas = signed_areas(src, sill)
        self._sill = sill[np.abs(areas) > MIN_TWICE_AREA]  # (F, 3) smaller ones have no orientation
        self._areas = areas[np.abs(areas) > MIN_TWICE_AREA]  # (F,) px^2, twice the photo's signed areas

    def __call__(self, target: np.ndarray) -> np.ndarray:
        """(N, 2) float32: target (N, 2) px with each kept skin point at least `KEPT` of its source distance
        outside the outer lip contour (under the lower lip: the share its face-outline point keeps, at most
        `KEPT`, never below 0; a point under it beyond a mouth corner by its gap to that corner, `outside_gap`: only
        there, as beside the corners preset:turn's cheek points kept out by the segment's normal are as tuned; on lips
        pressed flat, `pressed_flat`, a point beside one lip kept out of that lip, `own_lip`); the other points as
        they are."""
        out = np.asarray(target, np.float32).copy()
        pts = out[self.points].astype(np.float64)
        lips = out[OUTER_LIP_CONTOUR].astype(np.float64)
        distance, normal = nearest_segment(pts, lips)
        gap, away = outside_gap(pts[self._under], lips)
        distance[self._under], normal[self._under] = gap, away
        if pressed_flat(lips):  # each point beside one lip kept out of that lip alone
            own = self.side != 0
            distance[own], normal[own] = own_lip(pts[own], lips, self.side[own] > 0, self._wound)
        width = mouth_width(out)
        oval, _ = nearest_segment(out[self._oval].astype(np.float64), lips)
        kept = np.where(self._under, np.clip(oval / width / self._oval_distance, 0.0, KEPT), KEPT)
        push = np.maximum(kept * self._distance * width - distance, 0.0)
        out_of_lip = np.where(distance < 0, push, 0.0)  # (K,) px: the points the lip passed over, pushed whole
        return self.unsqueezed(out, out_of_lip[:, None] * normal, (push - out_of_lip)[:, None] * normal)

    def unsqueezed(self, target: np.ndarray, out_of_lip: np.ndarray, margin: np.ndarray) -> np.ndarray:
        """(N, 2) float32: target (N, 2) px with its kept points moved by out_of_lip (K, 2) px (the points the lip
        passed over) and by margin (K, 2) px (the others), each margin halved where a sill triangle (`_sill`) the
        target had at `SQUEEZE` of its photo's area or more is left under it (`HALVINGS` times, then dropped)."""
        floor = np.where(signed_areas(target, self._sill) / self._areas >= SQUEEZE, SQUEEZE, -np.inf)
        pts = target[self.points].astype(np.float64) + out_of_lip
        out = target.copy()
        for halving in range(HALVINGS + 1):
            out[self.points] = (pts + margin).astype(np.float32)
            squeezed = signed_areas(out, self._sill) / self._areas < floor
            if not squeezed.any():
                return out
            held = np.isin(self.points, self._sill[squeezed])
            margin[held] *= 0.5 if halving < HALVINGS else 0.0
        out[self.points] = (pts + margin).astype(np.float32)
        return out


def lip_folds(source: np.ndarray, target: np.ndarray, triangles: np.ndarray) -> float:
    """Share of the mesh's triangles (F, 3) touching the outer lip contour, none of them inside it, that
    the target (N, 2) px turns over against the source (N, 2) px: the folds between lip and skin (a torn
    flap, a stair-stepped lip edge). Source triangles under `MIN_TWICE_AREA` are left out (no orientation).
    The source repeated scores 0."""
    outer = set(OUTER_LIP_CONTOUR.tolist())
    inside = set(ids.INNER_UPPER_LIP + ids.INNER_LOWER_LIP)
    ring = np.array([bool(set(t) & outer) and not set(t) <= inside for t in triangles.tolist()])
    src, tgt = signed_areas(source, triangles[ring]), signed_areas(target, triangles[ring])
    kept = np.abs(src) > MIN_TWICE_AREA
    return float(turned_over(tgt[kept], src[kept]).mean()) if kept.any() else 0.0
