"""The background a turned face's head mask holds beside its far cheek keeps the photo in the plate
(`head_mask.held_background`, issue #9; docs/status.md fresh sweep h28-fresh (5)): sr_18 (own size) x lp_d3 284-308,
the driver's yaw -17 -> +12 deg, moved the grey the head carries a few px off the photo's grey blob beside his far
jaw, and the hole's fill showed between them as a vertical dark crack (`figures.far_tear.background_cracks`)."""

from __future__ import annotations

import numpy as np
from mesh_faces import portrait, set_up_copy, streamed_targets

from facereel.animate.options import AnimateOptions, mesh_options
from facereel.engines.mesh.composite import face_size
from facereel.engines.mesh.figures.far_tear import background_cracks, far_side, skin_model

DRAWN = tuple(range(10, 24))
"""lp_d3 284-308's frames where the face turns through frontal (the crack at 10-23)."""


def test_the_figure_reads_a_dark_line_down_the_grey_background_and_not_the_photo():
    """sr_18's photo reads 0; a line 6 px wide, 35 grey levels darker, painted down the grey blob beside his far jaw
    (x 1262-1268, y 405-460) reads > 0.5; painted over his cheek (not grey) it is not read."""
    image, lm = portrait("sr_18")
    skin, side, size = skin_model(image, lm), far_side(lm), face_size(lm)
    assert side == 1 and background_cracks(image, lm, skin, side, size) == 0.0
    cracked = image.copy()
    cracked[405:460, 1262:1268] = np.clip(cracked[405:460, 1262:1268].astype(int) - 35, 0, 255)
    assert background_cracks(cracked, lm, skin, side, size) > 0.5
    cheek = image.copy()
    cheek[405:460, 1180:1186] = np.clip(cheek[405:460, 1180:1186].astype(int) - 35, 0, 255)
    assert background_cracks(cheek, lm, skin, side, size) == 0.0


def test_sr_18s_turn_through_frontal_shows_no_crack_beside_the_far_jaw(shared_data):
    """Frames `DRAWN`' `background_cracks` mean: the engine before 1.09 (0.71-1.38 a frame), 0.28 after the held
    background was kept (frame 10 0.77, the rest 0.11-0.55), 0.47 after the held light was carried under the head
    (`plate_fill.held_light`: frames 10-11 1.1 / 0.88, a dark line down the grey, the head's shadow read against the
    carried light, `layers.HeadLayer`'s `unlit`), now 0.38 (frames 10-11 0.41 / 0.40; the dark sliver under the ear
    lobe left, frames 12-23 0.33-0.42 as before); the source repeated 0."""
    image, lm, targets = streamed_targets(shared_data, "sr_18.png", "lp_d3", 284 + DRAWN[-1] + 1, None, 284)
    skin, side, size = skin_model(image, lm), far_side(lm), face_size(lm)
    animator = set_up_copy(image, lm, mesh_options(AnimateOptions()))
    reads = []
    for k, target in enumerate(targets):
        frame = animator.map_frame(target)
        if k in DRAWN:
            reads.append(background_cracks(animator.draw(frame), frame.target, skin, side, size))
    assert np.mean(reads) < 0.4, reads
    assert max(reads[:2]) < 0.5, reads  # frames 10-11: no dark line down the grey where the head moved off it
