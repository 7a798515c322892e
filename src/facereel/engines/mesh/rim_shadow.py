"""Face triangles along the lower face's outline that hold no skin in the photo (shadow, hair), kept from
stretching.

The tracker's face oval can run a few px past the visible face: grace_hopper's near jaw (landmarks 58, 172,
136, 138, 215) lies on the dark shadow and grey hair beside her cheek. Those triangles are foreshortened
slivers in a frontal photo; a turn towards their side opens them to their 3D width (the stretch limit lets
skin stretch `MeshOptions.stretch_limit` = 3x) and the few px of shadow became a dark wedge smeared across the
near cheek (preset:turn frames 31-43). A triangle whose photo pixels are mostly not the face's skin colour
gets the limit `RIM_STRETCH` instead: its skin neighbours take the turn's stretch.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.face_colours import face_colours
from facereel.engines.mesh.hanging_hair import CHI2_99, colour_distance
from facereel.face import landmark_ids as ids

RIM_STRETCH = 1.0
"""Stretch limit of a face triangle near the outline whose photo pixels are not skin (`StretchLimit`)."""
RIM_DEPTH = 0.1
"""Face sizes inside the oval: how far in from the outline a triangle's centroid may lie to be checked."""
NOT_SKIN = 0.5
"""Share of a triangle's photo pixels farther from the skin's colour than `CHI2_99` that marks it."""


def face_oval(shape: tuple[int, int], landmarks: np.ndarray, origin: np.ndarray) -> tuple[np.ndarray, float]:
    """(h, w) uint8 (1 inside) face oval of `landmarks` ((478, 2+) image px) in a box of `shape` at `origin`
    (2,) px, and the eye corners' mean row in that box (px): the lower face lies below it."""
    oval = np.zeros(shape, np.uint8)
    cv2.fillPoly(oval, [np.round(landmarks[list(ids.FACE_OVAL), :2] - origin).astype(np.int32)], 1)
    return oval, float(landmarks[list(ids.LEFT_EYE_CORNERS + ids.RIGHT_EYE_CORNERS), 1].mean() - origin[1])


def unskinned_rim(crop: np.ndarray, landmarks: np.ndarray, origin: np.ndarray, vertices: np.ndarray,
                  triangles: np.ndarray, face_px: float) -> np.ndarray:
    """(F,) bool: which face `triangles` ((F, 3) indices into `vertices`, (V, 2) crop px) lie within
    `RIM_DEPTH` face sizes inside the face oval, below the eye corners, with over `NOT_SKIN` of their photo
    pixels not the face's skin colour. crop: (h, w, 3) uint8 RGB at `origin` (2,) px; landmarks (478, 2+)
    image px; face_px: the face size, px. All False when the skin's colour cannot be read."""
    h, w = crop.shape[:2]
    oval, row = face_oval((h, w), landmarks, origin)
    colours = face_colours(crop, landmarks, origin, oval)
    marked = np.zeros(len(triangles), bool)
    if colours.skin is None:
        return marked
    not_skin = colour_distance(colours.lab, colours.skin) > CHI2_99
    depth = cv2.distanceTransform(oval, cv2.DIST_L2, 3)
    corners = vertices[triangles]  # (F, 3, 2)
    centre = np.clip(np.rint(corners.mean(1)).astype(np.intp), 0, [w - 1, h - 1])
    near = (depth[centre[:, 1], centre[:, 0]] <= RIM_DEPTH * face_px) & (centre[:, 1] > row)
    for k in np.flatnonzero(near):
        lo = np.floor(corners[k].min(0)).astype(int).clip(0, [w - 1, h - 1])
        hi = np.ceil(corners[k].max(0)).astype(int).clip(0, [w - 1, h - 1]) + 1
        inside = np.zeros((hi[1] - lo[1], hi[0] - lo[0]), np.uint8)
        cv2.fillPoly(inside, [np.round(corners[k] - lo).astype(np.int32)], 1)
        seen = not_skin[lo[1]:hi[1], lo[0]:hi[0]][inside > 0]
        marked[k] = seen.size >= 3 and seen.mean() > NOT_SKIN
    return marked
