"""Hair cut by the photo's top, stretched (issue #9: warp health on preset:turn).

sr_8's hair runs off the photo's top. The rings beyond the head were pinned there, so the hair between the
rigid ring and the photo's top row lay squeezed in a 6-8 px band; a lowered head (preset:turn frames 8-24,
60-90) stretched that band 5-10x into straight streaks along the strands, the most of sr_8's warp health
(0.131 max). `cut_top_share` is the share of the warp-health samples drawn from the photo's top band that
the figure flags (folded or stretched beyond `max_stretch`); the source repeated flags none (0).
"""

from __future__ import annotations

from facereel.engines.mesh.animator import _HEALTH_STRIDE, MeshAnimator
from facereel.engines.mesh.composite import face_size

TOP_BAND = 0.1
"""Face sizes: the photo's rows this near its top (or above it, read mirrored) are its top band."""


def cut_top_share(animator: MeshAnimator) -> float:
    """Of the last map's counted warp-health samples (`MeshAnimator.health_samples`) whose source lies in the
    photo's top `TOP_BAND` (image px), the share flagged; 0 where none lies there."""
    _, counted, differences, own, _ = animator.health_samples()
    coarse = animator.warp.coarse_displacement[::_HEALTH_STRIDE, ::_HEALTH_STRIDE][1:-1, 1:-1]  # as `head_samples`
    source_y = animator._coarse_y + coarse[..., 1] + animator.origin[1]  # (n, m) image px
    top = counted & (source_y < TOP_BAND * face_size(animator.source_landmarks))
    return float((differences | own)[top].mean()) if top.any() else 0.0
