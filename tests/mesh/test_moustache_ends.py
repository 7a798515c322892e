"""A moustache's ends beside an opened mouth stay with the upper lip (issue #12, the expression editor):
lp_s12 `facereel edit --mouth-open 1` / `1.5` at his own size dragged both ends down into dark vertical bands to the
lower lip (`figures.moustache_drag`; `open_mouth.moustache_ends`)."""

from __future__ import annotations

import numpy as np
import pytest
from mesh_faces import portrait, scaled_portrait

from facereel.animate.edit import StillEditor
from facereel.animate.inputs import Source
from facereel.engines.mesh.figures.moustache_drag import moustache_drag
from facereel.engines.mesh.open_mouth.moustache_ends import ends_mask, skin_under
from facereel.face import landmark_ids as ids
from facereel.motion.sliders import Sliders


def test_a_dark_band_the_photo_lacks_reads_and_the_photo_does_not():
    """lp_s12 as he is reads 0; with a band as dark as his moustache drawn beside his right corner's end (4 px wide,
    13-17 px outside the corner) from the corner's row down past his lower lip it reads over 0.02 of the window."""
    image, lm = portrait("lp_s12")
    assert moustache_drag(image, image, lm, lm) == 0.0
    banded = image.copy()
    x, y = lm[ids.MOUTH_CORNERS[1], :2].astype(int)
    bottom = int(lm[ids.LOWER_LIP_BOTTOM, 1]) + 3
    banded[y:bottom, x + 13:x + 17] = 15
    assert moustache_drag(banded, image, lm, lm) > 0.02


def test_skin_under_reflects_the_column_below_each_run():
    """A 3-row run in one column is filled by the 3 rows below it, last row first; the rest is the image."""
    image = np.arange(10 * 2 * 3, dtype=np.uint8).reshape(10, 2, 3)
    mask = np.zeros((10, 2), bool)
    mask[2:5, 1] = True
    out = skin_under(image, mask)
    np.testing.assert_array_equal(out[2:5, 1], image[[7, 6, 5], 1])
    np.testing.assert_array_equal(out[~mask], image[~mask])


@pytest.mark.parametrize("name, scale", [("lp_s1", 512 / 1145), ("sr_4", 512 / 1280), ("lp_s3", 512 / 729),
                                         ("lp_s0", 512 / 704), ("sr_18", 512 / 1600)])
def test_a_clean_shaven_face_reads_no_ends(name, scale):
    """No portrait whose upper lip is lip reads ends, so theirs are drawn as before, bit for bit."""
    image, lm = scaled_portrait(name, scale)
    assert ends_mask(image, lm) is None


def test_the_ends_stay_beside_the_opened_mouth():
    """lp_s12 at his own size, `edit --mouth-open 1` / `1.5`: the share of the window beside the mouth's corners dark
    where the photo has no hair, source repeated 0; before 0.098 / 0.106, then 0.001 / 0.012. Since h41-laugh his
    mouth opens 1.35x as far for a slider (his hidden corners' scale 1, not 0.74): 0.005 / 0.043, at 1.5 the left
    end's hair a few px lower beside the taller opening, no band down to the lower lip (bar 0.03 -> 0.05)."""
    image, lm = portrait("lp_s12")
    editor = StillEditor(Source(image=image, landmarks=lm))
    reads = []
    for open_ in (1.0, 1.5):
        sliders = Sliders(mouth_open=open_)
        reads.append(moustache_drag(editor.render(sliders), image, lm, editor.target(sliders)))
    assert max(reads) < 0.05, reads
