"""The warp mesh's connectivity: mediapipe's face tessellation, its eye/mouth holes filled, and outer rings.

Vertex numbering: 0..477 are the mediapipe landmarks (the irises are not part of any triangle, the eyes
module moves them); vertices from 478 on are the ring points built by `outer_rings`.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

import numpy as np

from facereel.face import landmark_ids as ids

NUM_FACE_VERTICES = ids.NUM_LANDMARKS


def _strip(upper: tuple[int, ...], lower: tuple[int, ...]) -> list[tuple[int, int, int]]:
    """Triangles between two polylines sharing their first and last point (an eye or the mouth opening).

    A strip (rather than a fan) keeps every triangle spanning the opening from upper to lower edge, so
    the fill collapses cleanly when the lids or lips meet.
    """
    tris = []
    for i in range(len(upper) - 1):
        if upper[i] != lower[i]:
            tris.append((upper[i], lower[i + 1], lower[i]))
        if upper[i + 1] != lower[i + 1]:
            tris.append((upper[i], upper[i + 1], lower[i + 1]))
    return tris


def _eye_polylines(corners: tuple[int, int], upper: tuple[int, ...], lower: tuple[int, ...]):
    return (corners[0],) + upper + (corners[1],), (corners[0],) + lower + (corners[1],)


RIGHT_EYE_UPPER, RIGHT_EYE_LOWER = _eye_polylines(ids.RIGHT_EYE_CORNERS, ids.RIGHT_UPPER_LID, ids.RIGHT_LOWER_LID)
LEFT_EYE_UPPER, LEFT_EYE_LOWER = _eye_polylines(ids.LEFT_EYE_CORNERS, ids.LEFT_UPPER_LID, ids.LEFT_LOWER_LID)
# Both eyes' lid lines, corner to corner (the lines a warp holds around the eye openings).
EYE_LINES = RIGHT_EYE_UPPER + RIGHT_EYE_LOWER + LEFT_EYE_UPPER + LEFT_EYE_LOWER


def contour(upper: tuple[int, ...], lower: tuple[int, ...]) -> np.ndarray:
    """Closed polygon (indices) of an opening: upper edge forward, lower edge back (no repeated corners)."""
    return np.array(upper + tuple(reversed(lower[1:-1])), dtype=np.intp)


INNER_LIP_CONTOUR = contour(ids.INNER_UPPER_LIP, ids.INNER_LOWER_LIP)


@lru_cache(maxsize=1)
def face_triangles() -> np.ndarray:
    """(F, 3) int32 triangles over landmarks 0..467 covering the face oval, eyes and mouth included.

    mediapipe publishes only the tessellation's edges; its triangles are the 3-cycles of that graph, except
    the two 3-cycles that are not faces (their three edges are each shared by three cycles). The eye and
    mouth openings are holes in mediapipe's mesh and are filled here with strips.
    """
    from facereel.face.mp_runtime import mediapipe

    edges = {tuple(sorted(e)) for e in mediapipe().solutions.face_mesh_connections.FACEMESH_TESSELATION}
    neighbours: dict[int, set[int]] = defaultdict(set)
    for a, b in edges:
        neighbours[a].add(b)
        neighbours[b].add(a)
    cycles = {tuple(sorted((a, b, c))) for a, b in edges for c in neighbours[a] & neighbours[b]}
    uses: dict[tuple[int, int], int] = defaultdict(int)
    for a, b, c in cycles:
        for e in ((a, b), (a, c), (b, c)):
            uses[e] += 1
    faces = [t for t in cycles if not all(uses[e] == 3 for e in ((t[0], t[1]), (t[0], t[2]), (t[1], t[2])))]
    faces += _strip(RIGHT_EYE_UPPER, RIGHT_EYE_LOWER) + _strip(LEFT_EYE_UPPER, LEFT_EYE_LOWER)
    faces += _strip(ids.INNER_UPPER_LIP, ids.INNER_LOWER_LIP)
    return np.array(sorted(faces), dtype=np.int32)


def _ray_exit(centre: np.ndarray, direction: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """(K,) distance along each unit `direction` (K, 2) from `centre` to the border of a w x h rectangle."""
    w, h = size
    with np.errstate(divide="ignore", invalid="ignore"):
        tx = np.where(direction[:, 0] > 0, (w - 1 - centre[0]) / direction[:, 0],
                      np.where(direction[:, 0] < 0, -centre[0] / direction[:, 0], np.inf))
        ty = np.where(direction[:, 1] > 0, (h - 1 - centre[1]) / direction[:, 1],
                      np.where(direction[:, 1] < 0, -centre[1] / direction[:, 1], np.inf))
    return np.minimum(tx, ty)


def ray_exits(oval: np.ndarray, centre: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """(K,) where the ray from `centre` through each oval point (K, 2) leaves the crop of `size` (w, h),
    in units of that point's distance from `centre` (1 = on the oval; at least 1.05)."""
    offset = oval - centre
    reach = np.linalg.norm(offset, axis=1)
    return np.maximum(_ray_exit(centre, offset / reach[:, None], size) / reach, 1.05)


def outer_rings(oval: np.ndarray, centre: np.ndarray, radii: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rings of control points between the face oval and the border of the crop, and their triangles.

    Each oval landmark spawns a ray from `centre`; ring r puts a point on it at `radii[r]` times the oval
    point's distance (the last ring should be `ray_exits`: on the crop border). Radii increase ring by
    ring, so rings never cross (the oval is star-shaped about its centre), and quads between consecutive
    rings triangulate the whole annulus.

    Args:
        oval: (K, 2) source positions of `ids.FACE_OVAL`, crop px, in contour order.
        centre: (2,) a point inside the oval (its centroid), crop px.
        radii: (R, K) increasing along R, each > 1.
    Returns:
        points (R*K, 2) float32 crop px, ring by ring; triangles (T, 3) int32 in the global vertex
        numbering (oval = landmark ids, ring r point k = NUM_FACE_VERTICES + r*K + k).
    """
    k = len(oval)
    points = centre + (oval - centre)[None] * np.asarray(radii)[..., None]
    rings = [np.asarray(ids.FACE_OVAL)] + [NUM_FACE_VERTICES + r * k + np.arange(k) for r in range(len(radii))]
    tris = []
    nxt = np.roll(np.arange(k), -1)
    for inner, outer in zip(rings[:-1], rings[1:]):
        tris.append(np.stack([inner, outer, outer[nxt]], 1))
        tris.append(np.stack([inner, outer[nxt], inner[nxt]], 1))
    return points.reshape(-1, 2).astype(np.float32), np.concatenate(tris).astype(np.int32)
