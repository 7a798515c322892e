"""Hair cut by the photo's top: the rings go on past it, so a lowered head does not stretch the hair's last rows
into streaks (`figures.cut_top`, `animator._past_cut_top`, `HeadLayer.reflect_top`; issue #9, warp health on
preset:turn)."""

from __future__ import annotations

from mesh_faces import set_up_copy, shared_animator

from facereel.engines.mesh.figures.cut_top import cut_top_share
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

LOWERED = (14, 17, 20, 66)
"""preset:turn (4 s) frames where sr_8's head is lowered furthest below the photo's top (the worst warp health)."""


def test_hair_cut_by_the_photos_top_is_not_stretched_into_streaks():
    """sr_8's hair runs off the photo's top. Pinned there, the rings squeezed it into 6-8 px that the lowered head
    stretched 5-10x: `cut_top_share` 0.62-0.65 on frames 14-20 (mean over the turn 0.29), warp health up to 0.131,
    the worst of every portrait. With the rings past the top (the layer above it read mirrored): 0.02-0.03 (mean
    0.002), health at most 0.048 (frame 82: the near side's band under the ear). Looked at 1-2.5x (frames 8-36,
    62-90): the hair above the moved head drawn as hair, not long straight streak lines; a mirrored curl's
    chevron at its far top corner."""
    animator = shared_animator("sr_8")
    lm = animator.source_landmarks
    targets = retarget(lm, preset_motion("turn", 4.0), RetargetOptions(smoothing=None, translate=True))
    shares, health = [], []
    for k in LOWERED:
        animator.map_frame(targets[k])
        shares.append(cut_top_share(animator))
        health.append(animator.warp_health)
    assert max(shares) < 0.1, shares
    assert max(health) < 0.06, health


def test_a_head_below_the_photos_top_keeps_its_rings(face):
    """The astronaut's hair and grace_hopper's cap come within ~0.2 oval radii of the photo's top but are not cut
    by it: their rings end on the photo's top and the layer is read without a mirror, as before (pushed past it,
    grace_hopper's cap badge was drawn with a mirrored piece and a straight vertical edge, turn frames 12 / 62)."""
    animator = set_up_copy(*face)
    assert not animator.layer.reflect_top
    assert animator._ring_src[:, 1].min() > -0.5
