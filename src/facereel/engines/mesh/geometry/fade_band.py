"""The rings' fade band laid out in 2-D where its triangles are stretched (issue #9 item 2: warp health on
preset:turn).

Between the rigid ring (the head's extent along each ray from the face's centre) and the first ring that stays put,
the rings' triangles fade the head's motion out. Where the extent jumps between neighbouring rays (sr_8: a hood in
the head's mask along one ray, the neck's gap along the next), a ring point that moves with the head lies beside a
still one of the next ring much nearer the face, and the fade band's triangles between them are slivers that a
turn's shift (sr_8 x preset:turn 65-88: ~120 px) stretches 4-6x: the hood drawn as stepped horizontal wedges, most
of sr_8's warp health (0.048 at frame 82; `figures.health_causes`' "hair rings stretched"). `spread_fade_band` lays
the source positions of those triangles and of the fade band round them out again as one smooth (harmonic) fill
between the samples that move rigidly with the head or the face and those that stay put, so the shift is taken up
over the band's whole width, not by each sliver's own map.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.head_edge.unfolded_fill import harmonic

FADE_REACH = 0.3
"""Face sizes round a stretched fade-band triangle's samples over which `spread_fade_band` lays the fade band out
again (sr_8 x preset:turn 82: warp health 0.048 -> 0.006)."""


def spread_fade_band(reads: np.ndarray, triangles: np.ndarray, fade: np.ndarray, stretched: np.ndarray,
                     reach: float) -> np.ndarray:
    """(h, w, 2) float32 source positions: `reads` ((h, w, 2) float32, the source positions of a grid's samples)
    with the samples of the `fade` triangles ((F,) bool: the ring triangles that fade the head's motion out) within
    `reach` samples (a disc) of a sample of a `stretched` one ((F,) bool: folded or stretched beyond the limit by its
    own map) laid out again as one harmonic fill from every other sample, as it reads. triangles: (h, w) int, the
    samples' triangle ids (-1: none)."""
    on = triangles >= 0
    at = np.maximum(triangles, 0)
    band = on & fade[at]
    seed = band & stretched[at]
    if not seed.any():
        return reads
    r = max(1, round(reach))
    disc = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * r + 1, 2 * r + 1))
    solve = band & (cv2.dilate(seed.astype(np.uint8), disc) > 0)
    return harmonic(reads, solve, ~solve)
