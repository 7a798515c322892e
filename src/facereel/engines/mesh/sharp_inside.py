"""The head layer's inside read with a sharper kernel: the photo's grain kept on every moved pixel (issue #9).

The head layer is moved by one bilinear remap (`draw_kernels.remap_linear`). At a fractional position that averages
2 x 2 photo pixels: the photo's grain (pores, stubble, film grain) drops wherever the head moves, the face slightly
soft next to the photo (lp_s12 at 512 x lp_d3: the cheeks' and chin's high-pass std 0.74-0.83 of the photo's,
`figures.skin_grain`; 0.87-1.00 read so). Where the head is solid (alpha 1) its premultiplied colour is the photo itself, so there the
colour is read with the bicubic kernel instead (`CUBIC_A`, OpenCV's INTER_CUBIC on its 1/32 px lattice). Only reads
more than `REACH` px inside the solid head (all their taps solid) take it, fading in over `FEATHER` px: the soft edges
(hair against the wall, the outline), whose alpha and unmixed colour the bicubic kernel would ring, stay bilinear, as
does the alpha everywhere. At whole-pixel positions both kernels read the photo: nothing changes. The stages after the
remap (the squeeze filter, the jumps' coverage, the fold's regrain, the outline's skin) redraw their own pixels from
this as they did from the bilinear sample; `sharp_eyes` gives its detail over it.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.compiled import kernel as _kernel
from facereel.engines.mesh.draw_kernels import lattice

CUBIC_A = -0.75
"""The bicubic kernel's free parameter (OpenCV's INTER_CUBIC); Lanczos (8 x 8) keeps little more grain
(h36-moustache: lp_s12's chin 10.7 / 10.9 of the photo's 11.7, bilinear 9.2) at four times the taps."""
REACH = 3.0
"""px: the distance inside the solid head (alpha 1) from which a pixel is read bicubic (its point's pixel's depth, a
distance transform's): its taps reach 2 px beyond that pixel (diagonally 2.9 px)."""
FEATHER = 3.0
"""px past `REACH` over which the bicubic read fades in (no step in grain at the soft edge)."""


def cubic_weights() -> np.ndarray:
    """(1024, 16) float32: the bicubic kernel's 4 x 4 taps' weights (rows -1..2, each columns -1..2 px) for the
    fractions fy/32, fx/32 (row fy * 32 + fx): OpenCV's `interpolateCubic` (`CUBIC_A`) per axis, multiplied."""
    a = CUBIC_A
    x = np.arange(32, dtype=np.float64) / 32
    w0 = ((a * (x + 1) - 5 * a) * (x + 1) + 8 * a) * (x + 1) - 4 * a
    w1 = ((a + 2) * x - (a + 3)) * x * x + 1
    w2 = ((a + 2) * (1 - x) - (a + 3)) * (1 - x) * (1 - x) + 1
    axis = np.stack([w0, w1, w2, 1 - w0 - w1 - w2], axis=1)  # (32, 4)
    return (axis[:, None, :, None] * axis[None, :, None, :]).reshape(1024, 16).astype(np.float32)


CUBIC_WEIGHTS = cubic_weights()


@_kernel
def _read_sharp(photo: np.ndarray, weight: np.ndarray, maps: np.ndarray, taps: np.ndarray, head: np.ndarray) -> None:
    """In place: the colour (first three channels) of each pixel of `head` ((b, a, >=3) float32; with a fourth, its
    alpha, only where that is ~1) whose position in `maps` ((b, a, 2) float32, photo px, rounded to 1/32 px) is not a
    whole pixel, blended by `weight` ((h, w) float32 in [0, 1], read at the position's pixel) towards the bicubic
    sample of `photo` ((h, w, 3) float32) there (`taps` = `CUBIC_WEIGHTS`); positions whose taps leave the photo are
    left."""
    h, w = weight.shape
    solid_only = head.shape[2] > 3  # the alpha read beside the colour: a quick test before the map's point
    for y in range(maps.shape[0]):
        for x in range(maps.shape[1]):
            if solid_only and head[y, x, 3] < np.float32(0.999):  # read off the solid head: its soft edge or none
                continue
            ix, iy = lattice(maps[y, x, 0]), lattice(maps[y, x, 1])
            fx, fy = ix & 31, iy & 31
            if fx == 0 and fy == 0:
                continue
            sx, sy = ix >> 5, iy >> 5
            if sx < 1 or sy < 1 or sx + 2 >= w or sy + 2 >= h:
                continue
            share = weight[sy, sx]
            if share == 0:
                continue
            t = taps[fy * 32 + fx]
            r = g = b = np.float32(0)
            for j in range(4):
                for i in range(4):
                    tap = t[j * 4 + i]
                    r += photo[sy - 1 + j, sx - 1 + i, 0] * tap
                    g += photo[sy - 1 + j, sx - 1 + i, 1] * tap
                    b += photo[sy - 1 + j, sx - 1 + i, 2] * tap
            head[y, x, 0] += share * (r - head[y, x, 0])
            head[y, x, 1] += share * (g - head[y, x, 1])
            head[y, x, 2] += share * (b - head[y, x, 2])


class SharpInside:
    """The photo's crop and how much a read at each of its pixels takes the bicubic sample (`REACH`, `FEATHER`), for
    `apply`."""

    def __init__(self, crop: np.ndarray, alpha: np.ndarray) -> None:
        """crop (h, w, 3) uint8: the photo the head layer was made of; alpha (h, w) float32: the head's alpha."""
        solid = np.pad(alpha >= 1, 1).astype(np.uint8)  # past the crop's sides: not solid
        inside = cv2.distanceTransform(solid, cv2.DIST_L2, 3)[1:-1, 1:-1]  # px to the nearest pixel not solid
        self.weight = np.clip((inside - REACH) / FEATHER, 0, 1).astype(np.float32)  # (h, w)
        self._photo = crop.astype(np.float32)  # (h, w, 3)
        self._any = bool(self.weight.any())

    def apply(self, head: np.ndarray, maps: np.ndarray) -> None:
        """Sets in place the colour of `head` ((b, a, >=3) float32: premultiplied colour (and alpha), the layer remapped
        bilinearly by `maps` (b, a, 2) float32 photo px, C-contiguous) towards the photo's bicubic sample at the same
        positions by `weight` there (the solid inside only; module docstring)."""
        if self._any:
            _read_sharp(self._photo, self.weight, maps, CUBIC_WEIGHTS, head)
