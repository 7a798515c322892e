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

from facereel.engines.mesh.composite import fill_convex
from facereel.engines.mesh.geometry.map_kernels import double_reads

_RIM = 3  # px: a ring's read this far inside the photo's face or more may be another's (nearer the outline it is the
# rim `outline_skin.far_rim` draws as skin: filled, sr_8 at 512 x lp_d12 drew it as a dotted dark line)


@dataclass(frozen=True)
class PhotoCover:
    """rings: (F,) bool, the rings' triangles; under_face: (F,) bool, those whose photo area reaches `inner` (the only
    ones whose reads can land there); owner: (H, W) int32, per crop px the face triangle the photo shows there (of
    those it shows, not turned over; -1: none); inner: (H, W) bool, the crop px `_RIM` or more inside them."""

    rings: np.ndarray
    under_face: np.ndarray
    owner: np.ndarray
    inner: np.ndarray

    def read_twice(self, reads: np.ndarray, tri: np.ndarray, shown: np.ndarray) -> np.ndarray:
        """(N,) bool: reads (N, 2) crop px of triangles tri (N,) int (-1: none) that are a ring's, land on `inner`
        and on (or 1 px from) the photo area of a face triangle the frame shows (shown: (F,) bool), which reads them
        too."""
        return double_reads(reads, tri, shown, self.under_face, self.owner, self.inner)


def photo_cover(vertices: np.ndarray, triangles: np.ndarray, ring: np.ndarray, face: np.ndarray,
                size: tuple[int, int]) -> PhotoCover:
    """The photo's `PhotoCover`: vertices (V, 2) crop px, the photo's; triangles (F, 3) int; ring (F,) bool, the
    rings' triangles; face (F,) bool, the face's triangles the photo shows (not turned over); size: the crop (w, h)
    px."""
    owner = np.full((size[1], size[0]), -1, np.int32)
    drawn = np.flatnonzero(face)
    for tri in drawn:
        fill_convex(owner, vertices[triangles[tri]], int(tri))
    kernel = np.ones((2 * _RIM + 1,) * 2, np.uint8)
    inner = cv2.erode((owner >= 0).astype(np.uint8), kernel, borderValue=0) > 0
    return PhotoCover(ring, ring & _over(vertices, triangles, ring, inner), owner, inner)


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
        fill_convex(area, corners - (x0, y0), 1)
        out[tri] = bool((area.astype(bool) & inner[y0:y1, x0:x1]).any())
    return out
