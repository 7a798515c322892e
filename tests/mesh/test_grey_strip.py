"""The light background a turned photo's head mask holds beside its far cheek, carried inside the moved face's
outline (`figures.grey_strip`, `outline_skin.far_wall`; issue #9 item 2, preset:turn)."""

from __future__ import annotations

from mesh_faces import portrait, shared_animator

from facereel.engines.mesh.figures.grey_strip import grey_pixels
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

BOX = (1150, 380, 1215, 490)
"""x0, y0, x1, y1 px: sr_18 (own size) x preset:turn frame 24's far cheek outline below the ear, where the grey strip
showed."""


def test_sr_18s_far_cheek_draws_no_grey_strip_on_the_turn():
    """sr_18 x preset:turn (4 s, own size, as bench/warp_health.py retargets) frame 24: the grey streak below his far
    ear, which the mask holds opaque, was carried and stretched into a grey strip inside the cheek's outline
    (`grey_pixels` 438; the source repeated 0). Drawn transparent off the head's surface (`far_wall`): 0. Looked at 4x
    (source | before | after): the cheek's outline runs from the ear down against the dark background."""
    image, _ = portrait("sr_18")
    animator = shared_animator("sr_18")
    targets = retarget(animator.source_landmarks, preset_motion("turn", 4.0),
                       RetargetOptions(smoothing=None, translate=True))
    frame = animator.render(targets[24])
    assert grey_pixels(image, BOX) == 0
    assert grey_pixels(frame, BOX) < 40, grey_pixels(frame, BOX)
