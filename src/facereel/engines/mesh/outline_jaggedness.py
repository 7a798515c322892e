"""Outline jaggedness: a sawtooth along the face's warped outline (issue #9's look).

The backward map is rasterised on a coarse grid and upsampled bilinearly (`warp.MeshWarp`); where it jumps
(the face drawn over the background behind it, a fold) a jump that follows the coarse grid shows as teeth
one coarse cell wide along the face's outline. Measured on the face oval: its anti-aliased polygon in the
photo (crop px), carried through a frame's backward displacement, is cut at coverage 0.5 (marching
squares, sub-pixel); the outline, resampled every `STEP` px of arc length, is compared with itself
smoothed along the arc (Gaussian, `SIGMA` px): the 95th percentile of the distance between the two, px.
Smooth curves and corners wider than `SIGMA` score little; teeth a few px wide score about their depth.
The source repeated (the do-nothing baseline) scores the photo's own oval polygon.
"""

from __future__ import annotations

import cv2
import numpy as np
from scipy.ndimage import gaussian_filter1d
from skimage.measure import find_contours

STEP = 0.5  # px of arc length between resampled outline points
SIGMA = 4.0  # px of arc length: the outline's smoothing; detail narrower than this counts as jagged
QUANTILE = 95  # percentile of the outline's distances to its smoothed self that is reported


def outline_jaggedness(coverage: np.ndarray, displacement: np.ndarray | None = None) -> float:
    """px: how jagged the outline of `coverage` (h, w) float32 in [0, 1] is once warped by the backward
    `displacement` (h, w, 2) float32 crop px (None: as it is), the longest outline only; 0 when empty."""
    if displacement is not None:
        h, w = coverage.shape
        gy, gx = np.mgrid[0:h, 0:w].astype(np.float32)
        coverage = cv2.remap(coverage, gx + displacement[..., 0], gy + displacement[..., 1],
                             cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=0.0)
    outlines = find_contours(np.pad(coverage, 1), 0.5)  # padded: every outline closes
    if not outlines:
        return 0.0
    pts = max(outlines, key=len)  # (N, 2) row, col
    seg = np.hypot(*np.diff(pts, axis=0).T)
    arc = np.concatenate([[0.0], np.cumsum(seg)])
    if arc[-1] < 8 * SIGMA:
        return 0.0
    at = np.arange(0.0, arc[-1], STEP)
    even = np.stack([np.interp(at, arc, pts[:, k]) for k in (0, 1)], 1)
    smooth = gaussian_filter1d(even, SIGMA / STEP, axis=0, mode="wrap")
    return float(np.percentile(np.hypot(*(even - smooth).T), QUANTILE))
