"""A lit, flat fill where the photo has dark cloth: the plate's neck band shown beside a shifted jaw (issue #9).

sr_8 (a hooded figure lit cyan) x preset:turn, frames 30-40 at 512: the head shifts ~120 px sideways and uncovers
the plate behind the hood's folds beside the jaw. The head's hole takes those folds in, and the plate there is the
neck band's fill (`layers.background_plate`: push-pull from the person), which carries the lit neck's teal skin
sideways over them: a smooth teal wedge where the photo shows dark blue folds. `lit_flat_share` is the share of a
box's pixels that are both flat (the luma's standard deviation over `WINDOW` x `WINDOW` px under `FLAT`) and
lighter in green than the photo's own pixels in the same box (over their `LIGHT_PERCENTILE` percentile): the
photo's folds are either dark or textured, so the source repeated reads a few hundredths only.
"""

from __future__ import annotations

import cv2
import numpy as np

WINDOW = 7
"""px: the side of the square over which the luma's spread is read (sr_8's hood folds ~6-10 px apart at 512)."""
FLAT = 1.0
"""grey levels (luma, 0-255): a spread under this is flat (the hood's shaded folds spread 1.0-1.4 at 512)."""
LIGHT_PERCENTILE = 90.0
"""percent: a pixel is lit where its green is over this percentile of the photo's green in the box (teal is
green and blue; the dark blue hood's green is low)."""


def lit_flat_share(frame: np.ndarray, source: np.ndarray, box: tuple[int, int, int, int]) -> float:
    """Share (0-1) of `frame`'s ((H, W, 3) uint8 RGB) pixels in `box` (x0, y0, x1, y1 px) that are flat and lighter
    in green than `source` ((H, W, 3) uint8 RGB, the photo) there (module docstring)."""
    luma = cv2.cvtColor(frame, cv2.COLOR_RGB2GRAY).astype(np.float32)
    mean = cv2.blur(luma, (WINDOW, WINDOW))
    spread = np.sqrt(np.maximum(cv2.blur(luma * luma, (WINDOW, WINDOW)) - mean * mean, 0))
    x0, y0, x1, y1 = box
    light = np.percentile(source[y0:y1, x0:x1, 1], LIGHT_PERCENTILE)
    lit = frame[y0:y1, x0:x1, 1] > light
    return float(((spread[y0:y1, x0:x1] < FLAT) & lit).mean())
