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


def face_distances(faces: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """(F, H, W) float32: each pixel's distance to each face's oval centre over that face's size.
    faces: (F, 478, 3) image px; size: (width, height)."""
    oval = faces[:, list(ids.FACE_OVAL), :2]
    lo, hi = oval.min(1), oval.max(1)
    centre, extent = (lo + hi) / 2, (hi - lo).max(1)
    y, x = np.mgrid[0:size[1], 0:size[0]].astype(np.float32)
    dx = x[None] - centre[:, 0, None, None]
    dy = y[None] - centre[:, 1, None, None]
    return (np.sqrt(dx * dx + dy * dy) / extent[:, None, None]).astype(np.float32)


def owners(distances: np.ndarray) -> np.ndarray:
    """(H, W) int: the index of the nearest face at each pixel, from `face_distances`."""
    return np.argmin(distances, axis=0)


def region(distances: np.ndarray, index: int) -> np.ndarray:
    """(H, W) float32 in [0, 1]: where face `index` may draw its head layer: 1 where it is nearer than every
    other face by `FEATHER` or more, 0 where another face is nearer (and on the border itself)."""
    others = np.delete(distances, index, axis=0)
    if len(others) == 0:
        return np.ones(distances.shape[1:], np.float32)
    margin = others.min(0) - distances[index]
    return smoothstep(0.0, FEATHER, margin).astype(np.float32)
