"""The chin's outline in the head mask: round, not the landmarks' straight chords.

The face oval's landmarks under the chin (148, 152, 377 and their neighbours) are few and, on a rounded
chin, often nearly in a line a little below the chin's real outline (lp_s1: a 90 px flat chord in the
neck's shadow). The head mask followed those chords, so when the jaw dropped the moved chin's lower edge
was a straight horizontal cut over the neck (lp_s1 x lp_d18, over the pearl necklace). Here the jaw line
from one jaw angle round the chin to the other is resampled densely and smoothed along its length
(`ROUNDING` face sizes): the corners between the chords round off, pulling the outline in towards the
chin, and the jaw angles stay where they are.
"""

from __future__ import annotations

import numpy as np
from scipy.ndimage import gaussian_filter1d

ROUNDING = 0.1
"""Face sizes: the Gaussian's sigma, along the jaw line, with which the chin's outline is smoothed."""


def round_jaw(jaw: np.ndarray, face_px: float) -> np.ndarray:
    """(M, 2) px: the jaw line `jaw` ((J, 2) px, from one jaw angle round the chin to the other) resampled
    every px and smoothed along its length by `ROUNDING` * face_px (px); its two ends stay in place (the
    smoothing fades in linearly over two sigmas from each)."""
    jaw = np.asarray(jaw, np.float64)
    steps = np.linalg.norm(np.diff(jaw, axis=0), axis=1)
    arc = np.concatenate([[0.0], np.cumsum(steps)])
    if arc[-1] < 2.0:
        return jaw.astype(np.float32)
    s = np.linspace(0.0, arc[-1], max(int(np.ceil(arc[-1])), 2) + 1)
    dense = np.stack([np.interp(s, arc, jaw[:, 0]), np.interp(s, arc, jaw[:, 1])], 1)
    sigma = max(ROUNDING * face_px, 1e-3)
    smooth = gaussian_filter1d(dense, sigma, axis=0, mode="nearest")
    weight = np.clip(np.minimum(s, arc[-1] - s) / (2 * sigma), 0.0, 1.0)[:, None]
    return (dense + weight * (smooth - dense)).astype(np.float32)
