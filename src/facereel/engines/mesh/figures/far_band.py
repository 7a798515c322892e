"""The far cheek's unfolded band stretched (issue #9 item 2: warp health on preset:turn).

A turned photo folds a band of its far cheek under its silhouette; turned back into view (lp_s12 x preset:turn
56-95, sr_18 3-46) that band was filled from the photo's last 1-3 px of skin along the silhouette, stretched 9-32x
over 10-30 frame px and sheared along it (drawn as streaks, a grey line, flat blocks): the most of both portraits'
warp health (0.039 / 0.036 max). `far_band_share` is the share of the warp-health samples on that band and on the
seen cheek within `unfolded_fill.SPREAD` face sizes of it along the rows (what `unfolded_fill.spread_band` lays out
again: a stretch moved into that cheek counts too) that the figure flags (folded or stretched beyond
`max_stretch`); the source repeated shows no band (0).
"""

from __future__ import annotations

from facereel.engines.mesh.animator import _HEALTH_STRIDE, MeshAnimator
from facereel.engines.mesh.head_edge.unfolded_fill import laid_out


def far_band_share(animator: MeshAnimator) -> float:
    """Of the last map's counted warp-health samples (`MeshAnimator.health_samples`) on the unfolded band
    (`MeshWarp.unfolded`) or the seen face within `SPREAD` face sizes of it along the rows, the share flagged; 0
    where no band shows."""
    if animator.warp.unfolded is None:
        return 0.0
    _, counted, differences, own, triangles = animator.health_samples()
    band = animator.warp.unfolded[::_HEALTH_STRIDE, ::_HEALTH_STRIDE][1:-1, 1:-1]  # as `head_samples`
    near = counted & laid_out(band, animator.seen_face(triangles), animator.spread_reach(_HEALTH_STRIDE))
    return float((differences | own)[near].mean()) if near.any() else 0.0
