"""Crop selection, anti-aliased polygon masks, the disc of masks' morphology and alpha blending of small patches."""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.draw_kernels import blend_into
from facereel.face import landmark_ids as ids

_SHIFT = 3  # fractional bits for anti-aliased polygon drawing
_CONVEX_SHIFT = 4  # fractional bits of `fill_convex`'s corners: 1/16 px
LUMA = np.array([0.299, 0.587, 0.114], np.float32)
"""(3,) float32 Rec. 601 weights of RGB's grey level (OpenCV's RGB2GRAY): `rgb @ LUMA`, grey levels."""


def face_size(landmarks: np.ndarray) -> float:
    """The face outline's larger extent, px, of (478, 2+) landmarks (one "face size")."""
    return float(face_sizes(landmarks))


def face_sizes(landmarks: np.ndarray) -> np.ndarray:
    """(...) `face_size` of each of a stack of (..., 478, 2+) landmarks px, in their dtype."""
    oval = landmarks[..., list(ids.FACE_OVAL), :2]
    return (oval.max(-2) - oval.min(-2)).max(-1)


def head_crop(landmarks: np.ndarray, image_size: tuple[int, int], margin: float, below: float
              ) -> tuple[int, int, int, int]:
    """Pixel box (x0, y0, x1, y1), exclusive end, around the head, clipped to the image.

    The box reaches `margin` face sizes from the face-oval centre sideways and upwards and `below`
    face sizes downwards; outside it the output is the source, bit for bit. landmarks: (478, 3) px.
    """
    oval = landmarks[list(ids.FACE_OVAL), :2]
    centre, size = (oval.min(0) + oval.max(0)) / 2, face_size(landmarks)
    w, h = image_size
    x0 = int(np.clip(np.floor(centre[0] - margin * size), 0, w))
    x1 = int(np.clip(np.ceil(centre[0] + margin * size), 0, w))
    y0 = int(np.clip(np.floor(centre[1] - margin * size), 0, h))
    y1 = int(np.clip(np.ceil(centre[1] + below * size), 0, h))
    return x0, y0, x1, y1


def box_around(points: np.ndarray, pad: float, size: tuple[int, int]) -> tuple[int, int, int, int]:
    """Integer box (x0, y0, x1, y1) around (N, 2) points plus `pad` px, clipped to a (w, h) area."""
    lo = np.floor(points.min(0) - pad).astype(int)
    hi = np.ceil(points.max(0) + pad).astype(int) + 1
    return (max(lo[0], 0), max(lo[1], 0), min(hi[0], size[0]), min(hi[1], size[1]))


def padded_box(rows: np.ndarray, cols: np.ndarray, pad: int, shape: tuple[int, ...]) -> tuple[slice, slice]:
    """(rows, columns) slices of the box round the pixels at `rows`, `cols` ((K,) int, K > 0) grown by `pad` px on
    every side, inside an array of `shape` ((h, w, ...)): `box_around` of the pixels' extreme corners."""
    corners = np.array([[cols.min(), rows.min()], [cols.max(), rows.max()]])
    x0, y0, x1, y1 = box_around(corners, pad, (shape[1], shape[0]))
    return slice(int(y0), int(y1)), slice(int(x0), int(x1))


def box_overlap(a: tuple[slice, slice], b: tuple[slice, slice]) -> tuple[slice, slice] | None:
    """(rows, columns) slices where pixel boxes `a` and `b` meet (each (rows, columns) slices with start and stop,
    px of one image); None where they do not."""
    y0, y1 = max(a[0].start, b[0].start), min(a[0].stop, b[0].stop)
    x0, x1 = max(a[1].start, b[1].start), min(a[1].stop, b[1].stop)
    return (slice(y0, y1), slice(x0, x1)) if y0 < y1 and x0 < x1 else None


def box_from(box: tuple[slice, slice], corner: tuple[int, int]) -> tuple[slice, slice]:
    """`box` ((rows, columns) slices with start and stop, px) counted from pixel `corner` (row, column) of the same
    image: its window in an array whose first pixel lies there."""
    return slice(box[0].start - corner[0], box[0].stop - corner[0]), slice(box[1].start - corner[1],
                                                                            box[1].stop - corner[1])


def grey_image(rgb: np.ndarray) -> np.ndarray:
    """(h, w) float32 grey levels 0-255 of (h, w, 3) uint8 RGB, OpenCV's RGB2GRAY (`LUMA`'s weights, rounded)."""
    return cv2.cvtColor(np.ascontiguousarray(rgb), cv2.COLOR_RGB2GRAY).astype(np.float32)


def disc_kernel(radius: int) -> np.ndarray:
    """(2 radius + 1, 2 radius + 1) uint8 0/1: OpenCV's elliptic structuring element (`MORPH_ELLIPSE`), the disc
    of `radius` px round the centre pixel, for `cv2.dilate` / `cv2.erode` / `cv2.morphologyEx` (growing or shrinking
    a mask by `radius` px in every direction). Radius 0: the 1 x 1 kernel (no change)."""
    return cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * radius + 1, 2 * radius + 1))


def polygon_mask(polygons: list[np.ndarray], shape: tuple[int, int], origin: tuple[float, float]) -> np.ndarray:
    """(h, w) float32 anti-aliased coverage in [0, 1] of filled polygons ((N, 2) px) in a box at `origin`."""
    mask = np.zeros(shape, dtype=np.uint8)
    pts = [np.round((p - np.asarray(origin)) * (1 << _SHIFT)).astype(np.int32) for p in polygons]
    cv2.fillPoly(mask, pts, 255, cv2.LINE_AA, _SHIFT)
    return mask.astype(np.float32) * (1.0 / 255.0)


def fill_convex(image: np.ndarray, corners: np.ndarray, value: int) -> None:
    """Fill the convex polygon with corners (k, 2) float px (image px, 1/16 px exact) into image (h, w) in place with
    `value`: `cv2.fillConvexPoly`'s LINE_8 pixels, no anti-aliasing (a label or a bool cover)."""
    points = np.round(corners * (1 << _CONVEX_SHIFT)).astype(np.int32)
    cv2.fillConvexPoly(image, points, value, cv2.LINE_8, _CONVEX_SHIFT)


def blend(dst: np.ndarray, src: np.ndarray | tuple[float, float, float], alpha: np.ndarray) -> None:
    """dst (h, w, 3) uint8 <- alpha * src + (1 - alpha) * dst, in place, rounded (`draw_kernels.blend_into`);
    alpha (h, w) float in [0, 1]; src (h, w, 3) or one colour (3,)."""
    blend_into(dst, np.broadcast_to(np.asarray(src), dst.shape), alpha)
