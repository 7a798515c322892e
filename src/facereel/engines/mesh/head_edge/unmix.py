"""A soft edge's colour unmixed against a plate: one pixel of the photo `S` with the head's alpha `a` is
a F + (1 - a) P over a plate `P`, so the head carries the premultiplied colour a F = S - (1 - a) P, and its own
colour is F = a F / a (the alpha at least `ALPHA_FLOOR`)."""

from __future__ import annotations

import cv2
import numpy as np

ALPHA_FLOOR = 1e-3  # the unmixed colour's divisor is the alpha, at least this


def premultiplied(source: np.ndarray, alpha: np.ndarray, plate: np.ndarray) -> np.ndarray:
    """(h, w, 3) float32 a F = S - (1 - a) P for `source` S and `plate` P ((h, w, 3) float32) and `alpha` a
    ((h, w) float32 in [0, 1])."""
    inverse = cv2.subtract(1.0, alpha)
    return source - cv2.multiply(plate, cv2.merge([inverse, inverse, inverse]))


def unmixed(source: np.ndarray, alpha: np.ndarray, plate: np.ndarray) -> np.ndarray:
    """(h, w, 3) float32 F, grey levels (outside 0..255 where `plate` cannot be what lies behind the edge):
    `premultiplied` over max(alpha, `ALPHA_FLOOR`)."""
    return premultiplied(source, alpha, plate) / np.maximum(alpha, ALPHA_FLOOR)[..., None]
