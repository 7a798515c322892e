"""The photo the plate keeps behind the head's faintest fringe, far from the hole's fill, is laid over with the plate
round it once the head beside it moved off (`plate_fill.kept_photo`; issue #9: lp_s0's dark hair rim by her right
cheek stood still beside the moved hair; figure `figures.left_marks.kept_marks`)."""

from __future__ import annotations

import numpy as np
import pytest
from mesh_faces import portrait

from facereel.animate.edit import StillEditor
from facereel.animate.inputs import Source
from facereel.animate.run import resize_source
from facereel.engines.mesh.figures.left_marks import kept_marks
from facereel.engines.mesh.plate_fill.kept_photo import KeptPhoto
from facereel.motion.sliders import Sliders


def _layer() -> tuple[KeptPhoto, np.ndarray]:
    """A head (alpha 1, x < 10) on a light plate (200) with one kept dark pixel (60) at (5, 12) beside it; the
    (20, 20) alpha."""
    alpha = np.zeros((20, 20), np.float32)
    alpha[:, :10] = 1
    plate = np.full((20, 20, 3), 200, np.float32)
    plate[5, 12] = 60
    kept = np.zeros((20, 20), bool)
    kept[5, 12] = True
    return KeptPhoto(kept, alpha, plate), alpha


def test_the_kept_pixel_stays_while_the_head_beside_it_stays_and_goes_with_it():
    photo, alpha = _layer()
    box = (slice(0, 20), slice(0, 20))
    out = np.full((20, 20, 3), 200, np.uint8)
    out[5, 12] = 60
    still = out.copy()
    photo.lay(still, alpha, box)
    assert np.array_equal(still, out)  # nothing moved: the photo
    moved = alpha.copy()
    moved[:, 6:10] = 0  # the head's edge moved 4 px off the kept pixel's nearest head pixel (5, 9)
    photo.lay(out, moved, box)
    assert out[5, 12].min() >= 195  # the plate round it
    inside = out.copy()
    photo.lay(inside, alpha, (slice(0, 20), slice(11, 20)))  # its nearest head pixel outside the box: unmoved
    assert np.array_equal(inside, out)


@pytest.mark.parametrize("roll, bound", [(20, 30), (30, 30)])
def test_lp_s0_hair_rim_is_not_left_still_beside_the_rolled_head(roll, bound):
    """lp_s0 at 512 px as `facereel edit --size 512` makes it, rolled: the photo left still beside the fill the moved
    head laid bare (`kept_marks`, the whole frame). Measured: source repeated 0; the engine before 83 / 87 px (roll 20
    / 30: her dark hair rim over the dress, by her right cheek), now 13 / 12."""
    image, lm = portrait("lp_s0")
    source = resize_source(Source(image=image, landmarks=lm), 512)
    editor = StillEditor(source)
    assert not kept_marks(source.image, editor.animator).any()
    assert kept_marks(editor.render(Sliders(roll=roll)), editor.animator).sum() <= bound
