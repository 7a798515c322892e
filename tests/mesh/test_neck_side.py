"""The photo's neck beside the neck band stays the photo under a moved jaw (`plate_fill.kept_photo.neck_sides`;
issue #9: lp_s6 `facereel edit --pitch 20 --roll -15 --smile -0.5`, a pale block with a straight edge cut between
the image-left ear and cheek; figure `figures.neck_side.paled_neck`)."""

from __future__ import annotations

import numpy as np
from mesh_faces import portrait

from facereel.animate.edit import StillEditor
from facereel.animate.inputs import Source
from facereel.engines.mesh.figures.neck_side import paled_neck
from facereel.engines.mesh.plate_fill.kept_photo import WALL_LIKE, neck_sides, wall_like
from facereel.motion.sliders import Sliders

UNDER_LOBE = (276, 360, 304, 440)
"""Image px (x0, y0, x1, y1): lp_s6's neck under the image-left lobe, beside the neck band."""
PALED_MOST = 40
"""`paled_neck` over `UNDER_LOBE`: source repeated 0, the engine before 152, now 4."""


def _strips(kept_cols: tuple[int, int], wall_to: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(60, 80) bool kept (rows 10-49, columns `kept_cols`), the neck band (columns 40 on) and the background (columns
    before `wall_to`)."""
    kept, band, background = (np.zeros((60, 80), bool) for _ in range(3))
    kept[10:50, slice(*kept_cols)] = True
    band[:, 40:] = True
    background[:, :wall_to] = True
    return kept, band, background


def test_a_wide_part_between_the_band_and_the_background_is_a_neck_side_and_others_a_rim():
    """At a 10 px hole margin a 12 px wide kept part touching the band and the background is a neck side; one 8 px
    off the background, a 2 px wide one touching both, or a wide one 6 px off the band, is not."""
    kept, band, background = _strips((28, 40), 28)
    assert np.array_equal(neck_sides(kept, band, background, 10), kept)
    assert not neck_sides(*_strips((28, 40), 20), 10).any()
    assert not neck_sides(*_strips((38, 40), 38), 10).any()
    assert not neck_sides(*_strips((22, 34), 22), 10).any()


def test_the_walls_light_line_inside_the_person_mask_is_wall_like_and_the_neck_is_not():
    """A wall of grey 235 (x < 10, the background), the person mask's fringe as light (x 10-11: 240, and 235 less
    `WALL_LIKE`), the neck's dark outline (x 12: 80) and skin (x 13 on: 150): only the fringe is wall-like."""
    source = np.full((20, 30, 3), 150, np.uint8)
    source[:, :10], source[:, 10], source[:, 11], source[:, 12] = 235, 240, 235 - WALL_LIKE, 80
    background = np.zeros((20, 30), bool)
    background[:, :10] = True
    like = wall_like(source, background)
    assert like[:, 10:12].all() and not like[:, 12:].any()
    assert not wall_like(source, np.zeros_like(background)).any()


def test_lp_s6_neck_under_the_lobe_stays_under_a_raised_rolled_jaw():
    """lp_s6 (own size) `--pitch 20 --roll -15 --smile -0.5`: at most `PALED_MOST` pixels of the still neck under the
    image-left lobe paled."""
    image, landmarks = portrait("lp_s6")
    editor = StillEditor(Source(image=image, landmarks=landmarks))
    assert paled_neck(image, editor.animator, UNDER_LOBE) == 0
    paled = paled_neck(editor.render(Sliders(pitch=20, roll=-15, smile=-0.5)), editor.animator, UNDER_LOBE)
    assert paled <= PALED_MOST, f"{paled} px of the neck under the lobe paled"
