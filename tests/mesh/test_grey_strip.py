"""The light background a turned photo's head mask holds beside its far cheek, carried inside the moved face's
outline as a grey strip (`figures.grey_strip`; issue #9 item 2, sr_18 x preset:turn 24; traced by h31-health2,
mended by h32-greystrip: docs/status.md)."""

from __future__ import annotations

import pytest
from mesh_faces import portrait, set_up_copy

from facereel.engines.mesh import MeshOptions
from facereel.engines.mesh.figures.grey_strip import grey_pixels
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

BOX = (1150, 380, 1215, 490)
"""x0, y0, x1, y1 px: sr_18 (own size) x preset:turn frame 24's far cheek outline below the ear, where the grey strip
shows (x 1172-1195, y 395-470: 438 pixels; the source repeated 0)."""


def test_the_figure_reads_a_grey_strip_in_the_cheek_and_not_the_photo():
    """sr_18's photo over `BOX` (his cheek's skin) reads 0; the photo with a strip 20 px wide and 70 tall of his grey
    streak's colour (RGB 132, 123, 119, as preset:turn 24 draws it) painted into the box reads all its 1400 pixels."""
    image, _ = portrait("sr_18")
    assert grey_pixels(image, BOX) == 0
    painted = image.copy()
    painted[400:470, 1175:1195] = (132, 123, 119)
    assert grey_pixels(painted, BOX) == 1400


FRAMES = (16, 24, 32)
"""preset:turn frames (4 s, no smoothing, as `bench/warp_health.py` drives it) where the strip shows (the engine
before: 223 / 438 / 458 pixels over `BOX`)."""


@pytest.mark.slow
def test_sr_18s_turn_draws_no_grey_strip_inside_the_far_cheek():
    """sr_18 (own size) x preset:turn `FRAMES`: `grey_pixels` over `BOX` the engine before 223 / 438 / 458, now 1 / 0 /
    3 (the light background the mask held is drawn transparent off the head's surface, `outline_skin.far_wall`, over
    the plate that carries it on, `plate_fill.held_light`); the source repeated 0."""
    image, lm = portrait("sr_18")
    targets = retarget(lm, preset_motion("turn", 4.0), RetargetOptions(smoothing=None, translate=True))
    animator = set_up_copy(image, lm, MeshOptions())
    reads = [grey_pixels(animator.draw(animator.map_frame(targets[k])), BOX) for k in FRAMES]
    assert max(reads) < 40, reads


@pytest.mark.slow
def test_the_held_light_is_drawn_transparent_only_over_a_plate_that_carries_it():
    """sr_18 at 512 px: his held grey has no core to carry (`plate_fill.held_light`), and drawn transparent off the
    head (`outline_skin.far_wall`) it showed the hole's dark fill, a ragged dark bite beside the cheek on preset:turn 1-4,
    sr_1 and preset:laugh (h32-look2; with the gate the frames are those before h32-greystrip, 0 px differ on turn 1-4,
    24); at his own size the plate carries it and the strip's mend stays (`test_sr_18s_turn_...` above)."""
    from facereel.animate.inputs import Source
    from facereel.animate.run import resize_source

    image, lm = portrait("sr_18")
    small = resize_source(Source(image=image, landmarks=lm), 512)
    for animator, carried in ((set_up_copy(small.image, small.landmarks, MeshOptions()), False),
                              (set_up_copy(image, lm, MeshOptions()), True)):
        layer = animator.layer
        assert layer.light_carried is carried
        assert (layer.outline_skin.wall_alpha is not None) is carried
