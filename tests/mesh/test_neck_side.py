"""The photo's neck beside the neck band stays the photo under a moved jaw (`plate_fill.kept_photo.neck_sides`;
issue #9: lp_s6 `facereel edit --pitch 20 --roll -15 --smile -0.5`, a pale block with a straight edge cut between
the image-left ear and cheek; figure `figures.neck_side.paled_neck`)."""

from __future__ import annotations

import numpy as np
from mesh_faces import portrait

from facereel.animate.edit import StillEditor
from facereel.animate.inputs import Source
from facereel.engines.mesh.figures.neck_side import paled_neck
from facereel.engines.mesh.plate_fill.kept_photo import neck_sides
from facereel.motion.sliders import Sliders

UNDER_LOBE = (276, 360, 304, 440)
"""Image px (x0, y0, x1, y1): lp_s6's neck under the image-left lobe, beside the neck band."""
PALED_MOST = 40
"""`paled_neck` over `UNDER_LOBE`: source repeated 0, the engine before 152, now 4."""


def test_a_wide_part_beside_the_band_is_a_neck_side_and_a_thin_one_or_one_apart_a_rim():
    """A 12 px wide kept part touching the band is a neck side at a 10 px hole margin; a 2 px wide one touching it, or
    a wide one 6 px from it, is not."""
    band = np.zeros((60, 80), bool)
    band[:, 40:] = True
    kept = np.zeros((60, 80), bool)
    kept[10:50, 28:40] = True  # wide, touching
    kept[10:50, 20:22] = True  # thin, 6 px off the wide part
    assert np.array_equal(neck_sides(kept, band, 10), kept & (np.arange(80) >= 28)[None])
    thin = np.zeros_like(kept)
    thin[10:50, 38:40] = True
    assert not neck_sides(thin, band, 10).any()
    apart = np.zeros_like(kept)
    apart[10:50, 22:34] = True
    assert not neck_sides(apart, band, 10).any()


def test_lp_s6_neck_under_the_lobe_stays_under_a_raised_rolled_jaw():
    """lp_s6 (own size) `--pitch 20 --roll -15 --smile -0.5`: at most `PALED_MOST` pixels of the still neck under the
    image-left lobe paled."""
    image, landmarks = portrait("lp_s6")
    editor = StillEditor(Source(image=image, landmarks=landmarks))
    assert paled_neck(image, editor.animator, UNDER_LOBE) == 0
    paled = paled_neck(editor.render(Sliders(pitch=20, roll=-15, smile=-0.5)), editor.animator, UNDER_LOBE)
    assert paled <= PALED_MOST, f"{paled} px of the neck under the lobe paled"
