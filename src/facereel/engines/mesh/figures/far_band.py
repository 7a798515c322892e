"""The far cheek's unfolded band stretched (issue #9 item 2: warp health on preset:turn).

A turned photo folds a band of its far cheek under its silhouette; turned back into view (lp_s12 x preset:turn
56-95, sr_18 3-46) that band was filled from the photo's last 1-3 px of skin along the silhouette, stretched 9-32x
over 10-30 frame px and sheared along it (drawn as streaks, a grey line, flat blocks): the most of both portraits'
warp health (0.039 / 0.036 max). `far_band_share` is the part of the warp health on that band and on the seen cheek
within `unfolded_fill.SPREAD` face sizes of it along the rows inwards (`unfolded_fill.laid_out`: what `spread_band`
lays out again, so a stretch moved into that cheek counts too): of the counted samples, the share flagged (folded
or stretched beyond `max_stretch`) there (a share of the band's own samples read a few samples' noise on frames
where it is narrow: lp_s12 56 0.39 either way); the source repeated shows no band (0).
"""

from __future__ import annotations

from facereel.engines.mesh.animator import _HEALTH_STRIDE, MeshAnimator
from facereel.engines.mesh.head_edge.unfolded_fill import laid_out


def far_band_share(animator: MeshAnimator) -> float:
    """Of the last map's counted warp-health samples (`MeshAnimator.health_samples`), the share flagged on the unfolded
    band (`MeshWarp.unfolded`) or the seen face within `SPREAD` face sizes of it along the rows inwards (`laid_out`);
    0 where no band shows."""
    if animator.warp.unfolded is None:
        return 0.0
    _, counted, differences, own, triangles = animator.health_samples()
    band = animator.warp.unfolded[::_HEALTH_STRIDE, ::_HEALTH_STRIDE][1:-1, 1:-1]  # as `head_samples`
    near = laid_out(band, animator.seen_face(triangles), animator.spread_reach(_HEALTH_STRIDE))
    return float(((differences | own) & counted & near).sum() / counted.sum()) if counted.any() else 0.0
