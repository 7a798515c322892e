"""The first ring's reads of a turned photo's far cheek that the face the frame shows reads again (issue #9, sr_8's
far cheek; `figures/read_fold`).

A turned photo's far cheek stands past its face oval: the first ring's triangles lie under the cheek in the photo.
Turned back towards frontal they show, and each reads the cheek's rim by its own map beside the face's triangles
reading the same rim again: the map steps back 8-12 px along a row, the rim drawn twice (a comb of light slivers down
the far cheek's edge). A ring's read that lands inside the photo's face where a face triangle the frame shows reads
the same pixels is such a double read: the warp fills it from the ring's other samples (the ring beyond the face's
rim moves as the ring around it, `MeshWarp.displacement`'s `cover`). Where no face triangle the frame shows reads
those pixels (the face turned away over them) the ring's read is the only one and is left.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

_SHIFT = 4  # fractional bits of the vertices rasterised into the photo's face
_RIM = 3  # px: a ring's read this far inside the photo's face or more may be another's (nearer the outline it is the
# rim `outline_skin.far_rim` draws as skin: filled, sr_8 at 512 x lp_d12 drew it as a dotted dark line)
_SLACK = 0.02  # barycentric: a read this far outside a face triangle's photo area still lies in it


@dataclass(frozen=True)
class PhotoCover:
    """rings: (F,) bool, the rings' triangles; under_face: (F,) bool, those whose photo area reaches `inner` (the only
    ones whose reads can land there); face: (F,) bool, the face's triangles the photo shows; inner: (H, W) bool, the
    crop px `_RIM` or more inside the photo's shown face; corner: (F, 2) crop px, each triangle's first corner in
    the photo; inverse: (F, 2, 2), the inverse of its edges to the other two corners (columns): a photo point's offset
    from `corner` times it gives its barycentric weights of those two corners (a degenerate triangle's: 0)."""

    rings: np.ndarray
    under_face: np.ndarray
    face: np.ndarray
    inner: np.ndarray
    corner: np.ndarray
    inverse: np.ndarray

    def read_twice(self, reads: np.ndarray, tri: np.ndarray, shown: np.ndarray) -> np.ndarray:
        """(N,) bool: reads (N, 2) crop px of triangles tri (N,) int (-1: none) that are a ring's, land on `inner`
        and lie in the photo area of a face triangle the frame shows (shown: (F,) bool), which reads them too."""
        h, w = self.inner.shape
        x, y = np.rint(reads[:, 0]).astype(np.int64), np.rint(reads[:, 1]).astype(np.int64)
        out = (tri >= 0) & self.under_face[np.maximum(tri, 0)] & (x >= 0) & (y >= 0) & (x < w) & (y < h)
        out[out] = self.inner[y[out], x[out]]
        at, faces = np.flatnonzero(out), np.flatnonzero(shown & self.face)
        if not len(at) or not len(faces):
            return np.zeros(len(tri), bool)
        offset = reads[at, None, :] - self.corner[None, faces]  # (K, G, 2) from each face triangle's first corner
        weights = np.einsum("gij,kgj->kgi", self.inverse[faces], offset)  # (K, G, 2): of its second and third
        out[at] = ((weights >= -_SLACK).all(2) & (weights.sum(2) <= 1 + _SLACK)).any(1)
        return out


def photo_cover(vertices: np.ndarray, triangles: np.ndarray, ring: np.ndarray, face: np.ndarray,
                size: tuple[int, int]) -> PhotoCover:
    """The photo's `PhotoCover`: vertices (V, 2) crop px, the photo's; triangles (F, 3) int; ring (F,) bool, the
    rings' triangles; face (F,) bool, the face's triangles the photo shows (not turned over); size: the crop (w, h)
    px."""
    drawn = np.zeros((size[1], size[0]), np.uint8)
    for points in np.round(vertices[triangles[face]] * (1 << _SHIFT)).astype(np.int32):
        cv2.fillConvexPoly(drawn, points, 1, cv2.LINE_8, _SHIFT)
    inner = cv2.erode(drawn, np.ones((2 * _RIM + 1,) * 2, np.uint8), borderValue=0) > 0
    corners = vertices[triangles].astype(np.float64)  # (F, 3, 2)
    edges = np.stack([corners[:, 1] - corners[:, 0], corners[:, 2] - corners[:, 0]], 2)  # (F, 2, 2), columns
    flat = np.abs(np.linalg.det(edges)) < 1e-9
    edges[flat] = np.eye(2)
    inverse = np.linalg.inv(edges)
    inverse[flat] = 0.0
    return PhotoCover(ring, ring & _over(vertices, triangles, ring, inner), face, inner, corners[:, 0], inverse)


def _over(vertices: np.ndarray, triangles: np.ndarray, which: np.ndarray, inner: np.ndarray) -> np.ndarray:
    """(F,) bool: the triangles of `which` (F,) bool whose photo area (vertices (V, 2) crop px, triangles (F, 3))
    reaches a pixel of `inner` (H, W) bool."""
    out = np.zeros(len(triangles), bool)
    h, w = inner.shape
    for tri in np.flatnonzero(which):
        corners = vertices[triangles[tri]]
        x0, y0 = np.maximum(np.floor(corners.min(0)).astype(int) - 1, 0)
        x1, y1 = np.minimum(np.ceil(corners.max(0)).astype(int) + 2, (w, h))
        if x1 <= x0 or y1 <= y0 or not inner[y0:y1, x0:x1].any():
            continue
        area = np.zeros((y1 - y0, x1 - x0), np.uint8)
        cv2.fillConvexPoly(area, np.round((corners - (x0, y0)) * (1 << _SHIFT)).astype(np.int32), 1, cv2.LINE_8,
                           _SHIFT)
        out[tri] = bool((area.astype(bool) & inner[y0:y1, x0:x1]).any())
    return out
