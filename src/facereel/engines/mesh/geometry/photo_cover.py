"""Which of the mesh's triangles the photo shows at each pixel, and which reads of a frame's map land on a pixel
the photo shows another triangle at (issue #9, sr_8's far cheek; `figures/read_fold`).

A turned photo's far cheek stands past its face oval: the first ring's triangles, and the face's triangles beyond the
silhouette's fold, lie under the cheek in the photo. Turned back towards frontal they show, and each read the cheek's
pixels by its own map beside the cheek reading them again: the map went back 6-15 px along a row, the cheek's edge
drawn twice (a comb of light slivers, a stretched dark blotch). Such reads are not the triangle's own; the warp fills
them from around as it fills the triangles the photo shows from behind (`MeshWarp.displacement`'s `unseen`).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

_SHIFT = 4  # fractional bits of the vertices rasterised into `PhotoCover.owner`
_REACH = 1  # triangles: the checked face reaches this many past those beside the fold or on the outline
_RIM = 3  # px: a ring's read this far inside the photo's face or more is another's (nearer the outline it is the rim
# `outline_skin.far_rim` draws as skin: filled, sr_8 at 512 x lp_d12 drew it as a dotted dark line, test_cheek_specks)


@dataclass(frozen=True)
class PhotoCover:
    """ring: (F,) bool, the rings' triangles (drawn behind every face triangle) whose photo area reaches `inner` (a
    turned photo's far cheek over the first ring); edge: (F,) bool, the face's triangles whose reads are checked
    against the others' (those on the outline or beside the photo's fold, and `_REACH` past them);
    owner: (H, W) int32, per crop px the seen face triangle the photo shows there (the nearest covering it), -1
    where none; inner: (H, W) bool, the face's pixels `_RIM` px or more inside its outline (the outline's own pixels
    the ring beside it reads too)."""

    ring: np.ndarray
    edge: np.ndarray
    owner: np.ndarray
    inner: np.ndarray

    def hidden(self, x: np.ndarray, y: np.ndarray, tri: np.ndarray) -> np.ndarray:
        """(N,) bool: reads at crop px x, y (N,) of triangles tri (N,) int that land where the photo shows another
        triangle: a ring triangle's on `inner`, a face triangle's (of `edge`) on a face pixel with none of its own
        within 1 px (its own edge's pixels belong to its neighbours too)."""
        h, w = self.owner.shape
        out = np.zeros(len(tri), bool)
        at = np.flatnonzero(self.ring[tri] | self.edge[tri])
        ix, iy = np.rint(x[at]).astype(np.int64), np.rint(y[at]).astype(np.int64)
        keep = (ix >= 1) & (iy >= 1) & (ix < w - 1) & (iy < h - 1)
        at, ix, iy = at[keep], ix[keep], iy[keep]
        ring = self.ring[tri[at]]
        out[at[ring]] = self.inner[iy[ring], ix[ring]]
        face = ~ring & (self.owner[iy, ix] >= 0)
        at, ix, iy = at[face], ix[face], iy[face]
        own = np.zeros(len(at), bool)
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                own |= self.owner[iy + dy, ix + dx] == tri[at]
        out[at[~own]] = True
        return out


def photo_cover(vertices: np.ndarray, triangles: np.ndarray, ring: np.ndarray, skin: np.ndarray, folded: np.ndarray,
                outline: np.ndarray, depth: np.ndarray, size: tuple[int, int]) -> PhotoCover:
    """The photo's `PhotoCover`: vertices (V, 2) crop px, the photo's; triangles (F, 3) int; ring (F,) bool, the
    rings' triangles; skin (F,) bool, the face's but the eyes' and mouth's openings (repainted); folded (F,) bool, the
    face's the photo shows from behind (turned over); outline (V,) bool, the face oval's points. The seen skin is
    drawn far to near by its corners' mean `depth` ((V,) image-depth px, larger = farther); size: the crop (w, h)
    px."""
    beside = np.isin(triangles, triangles[skin & folded]).any(1) | outline[triangles].any(1)
    for _ in range(_REACH):
        beside = np.isin(triangles, triangles[beside & skin]).any(1)
    edge = beside & skin & ~folded
    owner = np.full((size[1], size[0]), -1, np.int32)
    drawn = np.flatnonzero(skin & ~folded)
    order = drawn[np.argsort(-depth[triangles[drawn]].mean(1), kind="stable")]
    corners = np.round(vertices[triangles[order]] * (1 << _SHIFT)).astype(np.int32)
    for tri, points in zip(order, corners):
        cv2.fillConvexPoly(owner, points, int(tri), cv2.LINE_8, _SHIFT)
    inner = cv2.erode((owner >= 0).astype(np.uint8), np.ones((2 * _RIM + 1,) * 2, np.uint8), borderValue=0) > 0
    return PhotoCover(ring & _over(vertices, triangles, ring, inner), edge, owner, inner)


def _over(vertices: np.ndarray, triangles: np.ndarray, which: np.ndarray, inner: np.ndarray) -> np.ndarray:
    """(F,) bool: the triangles of `which` (F,) bool whose photo area (vertices (V, 2) crop px, triangles (F, 3))
    reaches a pixel of `inner` (H, W) bool: the only ones whose reads can land there (the rest need no check)."""
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
