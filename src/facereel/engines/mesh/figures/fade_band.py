"""The rings' fade band stretched (issue #9 item 2: warp health on preset:turn).

Where the head's extent jumps between neighbouring rays (sr_8: the hood in the head's mask along one, the neck's gap
along the next), the fade band's triangles between a ring point moving with the head and a still one of the next ring
are slivers that a turn's shift stretches 4-6x (sr_8 x preset:turn 65-88: the hood drawn as stepped horizontal
wedges, most of its warp health, 0.048 at frame 82). `fade_band_share` is the part of the warp health on the fade
band's triangles (`MeshAnimator._fade_tris`: a corner moving with the head, one not rigidly; what
`fade_band.spread_fade_band` lays out again): of the counted samples, the share flagged (folded or stretched beyond
`max_stretch`) there; the source repeated moves no ring (0).
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.animator import MeshAnimator


def fade_band_share(animator: MeshAnimator) -> float:
    """Of the last map's counted warp-health samples (`MeshAnimator.health_samples`), the share flagged on the rings'
    fade band's triangles (`MeshAnimator._fade_tris`)."""
    _, counted, differences, own, triangles = animator.health_samples()
    on = (triangles >= 0) & animator._fade_tris[np.maximum(triangles, 0)]
    return float(((differences | own) & counted & on).sum() / counted.sum()) if counted.any() else 0.0
