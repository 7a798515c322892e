"""The eyes sampled sharply: the detail a bilinear sample loses, given back round each moved eye (issue #9).

The head layer is moved by one bilinear remap (`draw_kernels.remap_linear`). At whole-pixel positions that is the
photo; half a pixel off it averages 2 x 2 photo pixels: a 1 px catchlight drops to a quarter of its step, lashes
and the iris's rim lose half their contrast. A talking head moves by fractions of a pixel, so the eyes went soft as
soon as the face moved (lp_s3 / lp_s5 at 384 x lp_d18 60-100: the eyes' box half as sharp from frame 4 on, lp_s3's
catchlight dimmed to 0.3-0.8 of its step; `figures.eye_detail`). Round each eye the drawn crop gets back the
difference between a `SHARP` sample of the photo and the one drawn at the same map (bilinear, bicubic on the
head's solid inside: `sharp_inside`), as far as the head layer shows
there (its drawn alpha), not on the map's jumps (drawn by `edge_coverage`) nor the unfolded band (`left_as_drawn`);
the eye's opening (`eyes.py`) is sampled `SHARP` itself, its catchlight laid unresampled (`catchlight.py`). Where the map reads whole pixels the two samples agree: nothing changes.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import box_around
from facereel.engines.mesh.draw_kernels import mark_pixels
from facereel.engines.mesh.geometry.mesh_topology import (
    LEFT_EYE_LOWER,
    LEFT_EYE_UPPER,
    RIGHT_EYE_LOWER,
    RIGHT_EYE_UPPER,
    contour,
)
from facereel.engines.mesh.geometry.warp import Seam
from facereel.engines.mesh.sharp_inside import SharpInside

SHARP = cv2.INTER_LANCZOS4
"""The interpolation the eyes are sampled with: OpenCV's 8 x 8 Lanczos, which keeps most of a fractionally moved
lash's and catchlight's contrast (lp_s3 at 384 x lp_d18 60-90, frames 4-30: the image-right catchlight 0.52-1.00 of
its step, bilinear 0.29-0.80; the eye box 0.80-0.89 / 0.67-0.91 of the photo's Laplacian variance, cubic 0.77-0.88 /
0.62-0.88) and gives whole-pixel positions back exactly."""
BOX_REACH = 0.4
"""Eye widths beyond the eye's lid contour whose detail is given back: the lids, lashes and lid fold (as far as
`eyes.LID_SKIN` + 0.1, the carried lid's box)."""
FEATHER = 0.1
"""Eye widths over which the given-back detail fades in from the box's edge (no step in sharpness)."""
EYES = ((contour(RIGHT_EYE_UPPER, RIGHT_EYE_LOWER), (RIGHT_EYE_UPPER[0], RIGHT_EYE_UPPER[-1])),
        (contour(LEFT_EYE_UPPER, LEFT_EYE_LOWER), (LEFT_EYE_UPPER[0], LEFT_EYE_UPPER[-1])))
"""The image-left and the image-right eye: lid contour and corners (landmark ids)."""


def eye_boxes(target: np.ndarray, origin: np.ndarray, size: tuple[int, int]) -> list[tuple[int, int, int, int, float]]:
    """(x0, y0, x1, y1, eye width px) per eye: the box BOX_REACH eye widths round its lid contour in a crop of `size`
    (w, h) whose top-left is `origin` (2,) image px; target (478, >=2) image px. Empty boxes left out."""
    points = np.asarray(target, np.float32)[:, :2] - origin
    boxes = []
    for eye, (a, b) in EYES:
        width = float(np.linalg.norm(points[a] - points[b]))
        x0, y0, x1, y1 = box_around(points[eye], BOX_REACH * width, size)
        if x1 > x0 and y1 > y0 and width > 0:
            boxes.append((x0, y0, x1, y1, width))
    return boxes


def restore_detail(crop: np.ndarray, photo: np.ndarray, maps: np.ndarray, alpha: np.ndarray, box: tuple[slice, slice],
                   left: np.ndarray | None, boxes: list[tuple[int, int, int, int, float]],
                   inside: SharpInside | None = None) -> None:
    """Give back round each eye of `crop` ((h, w, 3) uint8, drawn in place) the photo's detail a bilinear sample
    lost (module docstring). photo: (h, w, 3) uint8, the crop the head layer was made of; maps: (b, a, 2) float32,
    the source position (crop px) of each pixel of `box` ((rows, columns) of the crop, the part the frame moved);
    alpha: (b, a) float32, the head layer's alpha as drawn there; left: (b, a) bool, the pixels of the box drawn
    otherwise (`left_as_drawn`), or None; boxes: the eyes' boxes on `box` (`boxes_on`); inside: the head layer's
    solid inside as it was read bicubic (`sharp_inside`), or None: the detail given back is the `SHARP` sample less
    the sample drawn there."""
    r0, c0 = box[0].start or 0, box[1].start or 0
    for x0, y0, x1, y1, width in boxes:
        rows, cols = slice(y0 - r0, y1 - r0), slice(x0 - c0, x1 - c0)
        at = np.ascontiguousarray(maps[rows, cols])
        sharp = cv2.remap(photo, at, None, SHARP, borderMode=cv2.BORDER_REPLICATE).astype(np.float32)
        drawn = cv2.remap(photo, at, None, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE).astype(np.float32)
        if inside is not None:
            inside.apply(drawn, at)
        detail = sharp - drawn
        weight = alpha[rows, cols] * _feather((y1 - y0, x1 - x0), FEATHER * width)
        if left is not None:
            weight = weight * ~left[rows, cols]
        part = crop[y0:y1, x0:x1]
        part[:] = np.clip(np.round(part + weight[..., None] * detail), 0, 255).astype(np.uint8)


def boxes_on(target: np.ndarray, origin: np.ndarray, box: tuple[slice, slice], shape: tuple[int, int]
             ) -> list[tuple[int, int, int, int, float]]:
    """`eye_boxes` (x0, y0, x1, y1 crop px, eye width px) cut to `box` ((rows, columns) of the crop, with starts;
    `shape` (b, a) its size): the boxes `restore_detail` gives the detail back on and `left_as_drawn` reads, found
    once a frame (target (478, >=2) image px, the frame's landmarks; origin (2,) image px, the crop's top-left);
    empty ones left out."""
    r0, c0 = box[0].start or 0, box[1].start or 0
    boxes = [(max(x0, c0), max(y0, r0), x1, y1, width)
             for x0, y0, x1, y1, width in eye_boxes(target, origin, (c0 + shape[1], r0 + shape[0]))]
    return [(x0, y0, x1, y1, width) for x0, y0, x1, y1, width in boxes if x1 > x0 and y1 > y0]


def left_as_drawn(seam: Seam | None, box: tuple[slice, slice], shape: tuple[int, int],
                  boxes: list[tuple[int, int, int, int, float]], *drawn: np.ndarray | None) -> np.ndarray | None:
    """(b, a) bool of `box` ((rows, columns) of the crop; `shape` (b, a)): the pixels `restore_detail` leaves as
    drawn: the map's jumps (`seam`'s pixels: their coverage supersampled, `edge_coverage`) and those set in any of
    `drawn` ((b, a) masks, > 0 set: the unfolded band, smoothed or redrawn); None where there are none. Read only on
    the window holding the eyes' boxes that `restore_detail` reads it on (`boxes`, `boxes_on`): False elsewhere; the
    seam's pixels marked in one pass (`draw_kernels.mark_pixels`; numpy's statement of the whole box cost ~0.2 CPU ms
    a frame at 512)."""
    if not boxes:
        return None
    x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)  # crop px: the window's corner
    r0, c0 = box[0].start or 0, box[1].start or 0
    left = np.zeros(shape, bool)
    window = slice(y0 - r0, max(b[3] for b in boxes) - r0), slice(x0 - c0, max(b[2] for b in boxes) - c0)
    part = left[window]
    if seam is not None and len(seam.rows):
        mark_pixels(part, seam.rows, seam.cols, y0, x0)
    for mask in drawn:
        if mask is not None:
            part |= mask[window] > 0
    return left if part.any() else None


def _feather(shape: tuple[int, int], reach: float) -> np.ndarray:
    """(h, w) float32: 0 on a box's outermost pixels rising linearly to 1 `reach` px in from its edge."""
    h, w = shape
    ys = np.minimum(np.arange(h), np.arange(h)[::-1]).astype(np.float32)
    xs = np.minimum(np.arange(w), np.arange(w)[::-1]).astype(np.float32)
    reach = max(reach, 1.0)
    return np.clip(np.minimum(ys[:, None], xs[None, :]) / reach, 0, 1)
