"""Which face owns each pixel when one source frame shows several faces: the nearest face wins.

A pixel's distance to a face is measured from the face-oval centre in units of that face's size (the
oval's larger extent), so a large face claims proportionally more room than a small one beside it. Each
face's head layer (alpha) and background plate are limited to the pixels it owns, fading to zero over
`FEATHER` before the border, and a composed frame takes every pixel from the face that owns it.
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.head_proxy import smoothstep
from facereel.face import landmark_ids as ids

FEATHER = 0.05  # face sizes: a face's region fades from 1 to 0 over this much before the border


class FaceRegions:
    """The nearest-face partition of an image. faces: (F, 478, 3) image px; size: (width, height).

    Memory is a few (H, W) arrays whatever the number of faces: the nearest and second-nearest distances
    are kept, not one map per face."""

    def __init__(self, faces: np.ndarray, size: tuple[int, int]) -> None:
        oval = np.asarray(faces, np.float32)[:, list(ids.FACE_OVAL), :2]
        lo, hi = oval.min(1), oval.max(1)
        self._centres, self._sizes = (lo + hi) / 2, (hi - lo).max(1)
        self._y, self._x = np.mgrid[0:size[1], 0:size[0]].astype(np.float32)
        self.owner = np.zeros((size[1], size[0]), np.intp)  # (H, W) the index of the nearest face
        self._nearest = np.full(self.owner.shape, np.inf, np.float32)
        self._second = np.full(self.owner.shape, np.inf, np.float32)
        for index in range(len(oval)):
            distance = self.distance(index)
            closer = distance < self._nearest
            self._second = np.where(closer, self._nearest, np.minimum(self._second, distance))
            self._nearest = np.where(closer, distance, self._nearest)
            self.owner[closer] = index

    def distance(self, index: int) -> np.ndarray:
        """(H, W) float32: each pixel's distance to face `index`'s oval centre over that face's size."""
        cx, cy = self._centres[index]
        return (np.hypot(self._x - cx, self._y - cy) / self._sizes[index]).astype(np.float32)

    def region(self, index: int) -> np.ndarray:
        """(H, W) float32 in [0, 1]: where face `index` may draw its head layer: 1 where it is nearer than
        every other face by `FEATHER` or more, 0 where another face is nearer (and on the border itself)."""
        if len(self._sizes) == 1:
            return np.ones(self.owner.shape, np.float32)
        others = np.where(self.owner == index, self._second, self._nearest)  # the nearest other face
        return smoothstep(0.0, FEATHER, others - self.distance(index)).astype(np.float32)
