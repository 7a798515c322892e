"""The mouth's corners kept from folding the skin beside them: a driven corner that turns over a triangle between the
upper lip (or the corner) and the skin gives back part of its own move.

Retargeting a smile onto a clip whose mouth corners already sit in a crease (video-to-video, `--regions lips`) moves
the lips by the driver's move while the skin points beside the corners keep the clip's: the upper lip's point by the
corner (mediapipe's 185) passes over the skin above it (186), the corner nearly over the skin beside it (57; 273 / 287
at the other corner), and the triangles between turn over or are squeezed to a sliver (lp_d3 100-129 x lp_d19 20-49,
frame 24: (40, 185, 186) 78 -> -33 px^2, (57, 185, 186) at 0.24 of its area, (273, 287, 291) at 0.20). The warp then
drew the clip's dark corner crease, which lies in those triangles, squeezed into a hard dark diagonal, and at the
other corner a torn pale fleck. Where a triangle between the skin and the upper lip or the corner is turned over by
more than `TURNED` of its area, `LipFold` takes back part of the lip points' own move at that corner (all the lip
points within `NEAR` of it, outer, inner and between, together, so the lips keep their shape and the mouth renderer
its outline): the greatest share of it that leaves every lip-to-skin triangle there at least `KEPT` of its source
area the right way round. (Moving the outer lip points alone towards their neighbours' centre left the fold, or tore
the outer lip from the inner one: grey slivers at the lip's end.) `LipRing` keeps the skin points' distance from the
lip contour, not the triangles' orientation.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.geometry.lip_ring import OUTER_LIP_CONTOUR
from facereel.engines.mesh.geometry.stretch_limit import MIN_TWICE_AREA, signed_areas
from facereel.engines.mesh.open_mouth.mouth import SHOWS_INSIDE
from facereel.engines.mesh.open_mouth.mouth_shape import mouth_gap
from facereel.face import landmark_ids as ids

KEPT = 0.25
"""Share of its source (signed) area that each lip-to-skin triangle by a mouth corner keeps at the least: one kept only
just unturned (area ~0) still draws its skin as a hard line."""
TURNED = 0.2
"""On a photo that shows its mouth's inside (`mouth.SHOWS_INSIDE`), a corner is mended where one of its triangles is
turned over to more than this share of its source area: sr_1 dubbed shut by lp_d19 (`tests/v2v/test_shut_line.py`,
frames 19 / 21) turns the corner's (57, 61, 185) over by 0.12 / 0.02, drawn soft (`ShutLips` redraws the lips meeting
there); lp_d3 x lp_d19 by 0.42-2.6. On a shut photo nothing redraws the corner, so any turn-over is mended: lp_d3 100-129
(its mouth shut, 0.001 of its width) x lp_d19 frame 26 turns the image-right corner's over by only 0.08, a pale torn
fleck."""
STEPS = 16  # the corner's lip points' own move is tried at this many even shares, from the whole of it down to none
NEAR = 0.25  # mouth widths (source): the lip points within this of a corner move with it (outer, inner and between)
_LOWER = np.setdiff1d(ids.OUTER_LOWER_LIP, ids.MOUTH_CORNERS)  # the outer lower lip but its corners
_LIPS = set(ids.LIP_LINES)


class LipFold:
    """Holds one portrait's lip-to-skin triangles at its mouth corners, their source areas and the skin round them.

    source: (N >= 478, 2) px landmarks; triangles: (F, 3) int, the face mesh (`mesh_topology.face_triangles`).
    """

    def __init__(self, source: np.ndarray, triangles: np.ndarray) -> None:
        src = np.asarray(source, np.float32)[:, :2]
        outline = src[list(OUTER_LIP_CONTOUR)]
        outside = [i for i in range(ids.NUM_LANDMARKS) if i not in _LIPS and cv2.pointPolygonTest(
            outline, tuple(float(v) for v in src[i]), False) < 0]
        lip = [i for i in range(ids.NUM_LANDMARKS) if i not in outside and i not in ids.FACE_OVAL]
        width = float(np.linalg.norm(src[ids.MOUTH_CORNERS[0]] - src[ids.MOUTH_CORNERS[1]]))
        self._source = src
        gap, inner_width = mouth_gap(src)
        shows_inside = gap / max(inner_width, 1e-6) > SHOWS_INSIDE
        self._turned = TURNED if shows_inside else 0.0  # the share of a triangle's area turned over that calls a mend
        self._corners: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []
        for corner in ids.MOUTH_CORNERS:
            points = np.array([i for i in lip if np.linalg.norm(src[i] - src[corner]) < NEAR * width])
            touching = np.isin(triangles, points).any(1)
            own = triangles[touching & np.isin(triangles, outside).any(1)]
            areas = signed_areas(src, own)
            kept = np.abs(areas) > MIN_TWICE_AREA  # smaller ones have no orientation
            # (F,) bool: those between the skin and the upper lip or the corner, which alone call for a mend (the lower
            # lip's, sr_1 dubbed shut: 0.35-0.52 turned over under its corner, drawn soft by `ShutLips`)
            upper = ~np.isin(own[kept], _LOWER).any(1)
            skin = np.intersect1d(triangles[touching], outside)  # (S,) the skin points round them
            self._corners.append((points, own[kept], areas[kept], skin, upper))

    def __call__(self, target: np.ndarray) -> np.ndarray:
        """(N, 2) float32: target (N, 2) px with each mouth corner's lip points (within `NEAR`) whose
        lip-to-skin triangles are turned over or squeezed below `KEPT` of their source area given a share of their own
        move (beyond the mean move of the skin round them): the greatest of `STEPS` even shares that leaves none so,
        where none does the one whose worst triangle keeps the most; the other points as they are."""
        out = np.asarray(target, np.float32).copy()
        for points, own, areas, skin, upper in self._corners:
            if not upper.any() or self._worst(out, own[upper], areas[upper]) >= -self._turned:
                continue
            moved = out[points].copy()
            still = self._source[points] + (out[skin] - self._source[skin]).mean(0)  # (P, 2) moved as the skin
            worst = np.empty(STEPS + 1)
            for step in range(STEPS + 1):
                out[points] = moved + (still - moved) * step / STEPS
                worst[step] = self._worst(out, own, areas)
                if worst[step] >= KEPT:
                    break
            else:
                out[points] = moved + (still - moved) * int(np.argmax(worst)) / STEPS
        return out

    @staticmethod
    def _worst(points: np.ndarray, triangles: np.ndarray, areas: np.ndarray) -> float:
        """The least share of its source twice signed area (F,) that a triangle (F, 3) of points (N, 2) px keeps
        (negative: turned over)."""
        return float((signed_areas(points, triangles) * np.sign(areas) / np.abs(areas)).min())
