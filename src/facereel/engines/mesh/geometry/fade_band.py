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

from facereel.engines.mesh.composite import disc_kernel
from facereel.engines.mesh.head_edge.unfolded_fill import harmonic

FADE_REACH = 0.3
"""Face sizes round a stretched fade-band triangle's samples over which `spread_fade_band` lays the fade band out
again (sr_8 x preset:turn 82: warp health 0.048 -> 0.006)."""

FADE_MOST = 2.0
"""Times `max_stretch`: a fade-band triangle stretched more is not one round which the band is laid out. sr_8's hood
slivers stretch 4-7x; the fade band's slivers along the face outline collapse to 8-13x on preset:turn (the turned
chin and cheek), and laid out there it moved the outline (lp_s12 16 a wall sliver cut into the chin, grace_hopper 44
a skin strip off the cheek, sr_8 36 the teal fill by the jaw a wedge, own size sr_18 42 / sr_4 18 a ragged chin)."""

FACE_CLEAR = 0.1
"""Face sizes round the face's own samples within which `spread_fade_band` leaves the fade band as it reads (laid out
up to the face outline it cut into the chin and cheek: lp_s12 16, grace_hopper 44, sr_8 36 at 512)."""


def spread_fade_band(reads: np.ndarray, triangles: np.ndarray, fade: np.ndarray, stretched: np.ndarray,
                     face: np.ndarray, reach: float, clear: float) -> np.ndarray:
    """(h, w, 2) float32 source positions: `reads` ((h, w, 2) float32, the source positions of a grid's samples)
    with the samples of the `fade` triangles ((F,) bool: the ring triangles that fade the head's motion out) within
    `reach` samples (a disc) of a sample of a `stretched` one ((F,) bool: folded or stretched beyond the limit by its
    own map) and beyond `clear` samples of a `face` one ((F,) bool: the face's triangles) laid out again as one
    harmonic fill from every other sample, as it reads. triangles: (h, w) int, the samples' triangle ids (-1: none)."""
    on = triangles >= 0
    at = np.maximum(triangles, 0)
    band = on & fade[at]
    seed = band & stretched[at]
    if not seed.any():
        return reads
    solve = band & _within(seed, reach) & ~_within(on & face[at], clear)
    return harmonic(reads, solve, ~solve) if solve.any() else reads


def _within(samples: np.ndarray, reach: float) -> np.ndarray:
    """(h, w) bool: the grid's samples within `reach` samples (a disc, at least 1) of one of `samples` ((h, w) bool)."""
    r = max(1, round(reach))
    return cv2.dilate(samples.astype(np.uint8), disc_kernel(r)) > 0
