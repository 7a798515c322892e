"""A smooth fill moved over the photo beside a front head (issue #12): the back face's hidden cheek filled.

lp_s5 behind lp_s1 (`overlap_photo.one_in_front`), her head moved 12 px left: a group that draws her from a picture
with the front person removed (her pixels under the front head filled, h38- to h41-twice) moves that fill out from
under the front head's side hair, where it shows as a slab of one smooth colour (tan, grey) with hard edges between
her moved cheek and the front hair, where the photo shows her cheek or the front hair's soft edge. `flat_fill`
counts a box's pixels whose luma is smooth over a `WINDOW` px square (standard deviation under `SMOOTH` grey
levels) and more than `CHANGED` grey levels off the photo's there: something smooth drawn where the photo shows
else. Her moved cheek over her cheek, or hair over hair, changes little or is not smooth; the source repeated
reads 0. The second strip of the front hair itself (`side_hair_copy`) is hair: not smooth, hardly counted.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import LUMA

WINDOW = 5
"""px: the side of the square the luma's smoothness is read over (the painted cheek's grain shows over 5 px)."""
SMOOTH = 3.0
"""Grey levels of luma: a standard deviation over `WINDOW` under this is smooth (the fills tried: 0.5-2; the
photo's cheek and hair beside the front head mostly over it)."""
CHANGED = 15.0
"""Grey levels of luma: a smooth pixel this far off the photo is drawn there, not the photo's own."""


def flat_fill(frame: np.ndarray, photo: np.ndarray, box: tuple[int, int, int, int]) -> np.ndarray:
    """(y1 - y0, x1 - x0) bool: the pixels of `box` (x0, y0, x1, y1 px, end excluded) where `frame` ((H, W, 3) uint8
    RGB) is smooth (luma's standard deviation over `WINDOW` px under `SMOOTH`) and off `photo` ((H, W, 3) uint8
    RGB) by over `CHANGED` grey levels of luma."""
    here, spread = luma_spread(frame)
    there = photo.astype(np.float32) @ LUMA
    x0, y0, x1, y1 = box
    return ((spread < SMOOTH) & (np.abs(here - there) > CHANGED))[y0:y1, x0:x1]


def luma_spread(image: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """((H, W) float32 luma, (H, W) float32 its standard deviation over `WINDOW` px), grey levels, of `image`
    ((H, W, 3) uint8 RGB)."""
    luma = image.astype(np.float32) @ LUMA
    mean = cv2.blur(luma, (WINDOW, WINDOW))
    return luma, np.sqrt(np.maximum(cv2.blur(luma * luma, (WINDOW, WINDOW)) - mean * mean, 0))
