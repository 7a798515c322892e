"""Hair cut by the photo's top: the rings go on past it, so a lowered head does not stretch the hair's last rows
into streaks (`figures.cut_top`, `animator._past_cut_top`, `HeadLayer.reflect_top`; issue #9, warp health on
preset:turn)."""

from __future__ import annotations

import pytest
from mesh_faces import set_up_copy, shared_animator

from facereel.engines.mesh.figures.cut_top import cut_top_share
from facereel.engines.mesh.figures.mirrored_skin import mirrored_skin_share, skin
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

LOWERED = (14, 17, 20, 66)
"""preset:turn (4 s) frames where sr_8's head is lowered furthest below the photo's top (the worst warp health)."""


@pytest.mark.slow
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


@pytest.mark.slow
def test_a_lowered_head_reads_no_skin_past_the_photos_top():
    """sr_8 x lp_d12 (from frame 0) lowers the head ~110-145 px (frames 114-150). The layer past the photo's top
    read mirrored as abs(y) read through the hair into the lit forehead: an upside-down fringe and a skin patch
    above the head (`mirrored_skin_share` 0.181 on this target; the source repeated 0). Read mirrored only within
    each column's hair band (`top_band.hair_band`), ping-ponged beyond it: 0.077 (the band's floor and its average
    over the columns read into sr_8's lit curl, skin-coloured, at x 440-550). Looked at 1.2x (lp_d12 frames 96,
    114, 138, 150; preset:turn 12, 16, 62): hair above the head, no lit patch, no streaks."""
    animator = shared_animator("sr_8")
    target = animator.source_landmarks.copy()
    target[:, :2] += (40.0, 110.0)  # lp_d12 frame 114's mean shift of sr_8's landmarks, image px
    animator.map_frame(target)
    assert mirrored_skin_share(animator, skin(animator)) < 0.1
