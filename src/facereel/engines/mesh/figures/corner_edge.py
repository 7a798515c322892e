"""Hard edges at a mouth's corners (issue #9 / #12 part 1), read on a rendered frame and the (478, 3) px landmarks it
was drawn to.

lp_d3's frames 100-129 as the clip dubbed by lp_d19 20-49 (`--regions lips`), frames 24 / 26: the smile moved the
lip corners past the skin beside them, the mesh's lip-to-skin triangles turned over and the warp drew the clip's soft
corner crease squeezed into a hard dark diagonal (and a torn pale fleck at the other corner). `corner_edge`: the
`SHARE` quantile of the grey level's gradient magnitude (levels per px, central differences) within `RADIUS` mouth
widths of each outer lip corner, the greater of the two corners; a soft crease reads low, a one-pixel fold line high.
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.composite import grey_image
from facereel.face import landmark_ids as ids

RADIUS = 0.15
"""Mouth widths round a corner that are read (lp_d3's diagonal ran ~8-12 px from the corner, ~0.1 of its ~95 px
mouth)."""
SHARE = 0.95
"""Quantile of the gradient read: the fold's line covers a few % of the disc, the lips' own edge less."""


def corner_edge(frame: np.ndarray, landmarks: np.ndarray, corners: tuple[int, ...] = ids.MOUTH_CORNERS) -> float:
    """Grey levels per px: the greatest over the outer lip `corners` (landmark ids; both by default) of the `SHARE`
    quantile of (H, W, 3) uint8 RGB `frame`'s grey gradient magnitude within `RADIUS` mouth widths of the corner (of
    the (478, >= 2) px `landmarks`)."""
    grey = grey_image(frame).astype(np.float64)
    gy, gx = np.gradient(grey)
    magnitude = np.hypot(gx, gy)
    points = np.asarray(landmarks, np.float64)[:, :2]
    left, right = points[ids.MOUTH_CORNERS[0]], points[ids.MOUTH_CORNERS[1]]
    radius = RADIUS * float(np.linalg.norm(right - left))
    rows, cols = np.mgrid[:grey.shape[0], :grey.shape[1]]
    edges = [float(np.quantile(magnitude[np.hypot(cols - x, rows - y) <= radius], SHARE)) for x, y in points[list(corners)]]
    return max(edges)
