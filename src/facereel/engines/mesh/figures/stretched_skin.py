"""How much of the drawn face its own triangles stretch beyond the warp-health limit (issue #9): the near
cheek's band between the jaw and the ear on preset:turn, whose slivers opened 4-18x while the stretch limit
stopped before it had converged (`stretch_limit.ITERATIONS`), or the rings' later rounds drew it out again after the
face's limit (grace_hopper's near jaw; limited with the rings on a turn by `MeshOptions.relimit_turned`, on by
default)."""

from __future__ import annotations

from facereel.engines.mesh.animator import MeshAnimator


def stretched_face_share(animator: MeshAnimator) -> float:
    """Of the last map's head samples (as `MeshAnimator.warp_health` takes them: head alpha >= 0.5, the
    openings the renderers paint over left out), the share drawn by a face triangle (not a ring's, not one the
    photo shows from behind, not of noise size: `triangle_health.TriangleHealth`) that its own map stretches
    more than `max_stretch` without folding. 0 for the source repeated (nothing moves)."""
    _, counted, _, _, tri = animator.health_samples()
    if not counted.any():
        return 0.0
    over = animator._triangle_health.stretched(animator.vertices, animator.options.max_stretch)
    over[:animator._num_ring_tris] = False
    drawn = (tri >= 0) & over[tri]
    return float(drawn[counted].mean())
