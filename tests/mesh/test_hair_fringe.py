"""The head mask's fringe round the hair: the wall's light there is not head (`head_mask.hair_fringe`; issue #9,
h22-curtain: lp_s1 rolled 20-30 deg carried the white wall down beside her hair over the curtain, `figures.wall_band`)."""

from __future__ import annotations

import numpy as np
import pytest
from mesh_faces import portrait

from facereel.animate.edit import StillEditor
from facereel.animate.inputs import Source
from facereel.engines.mesh.figures.wall_band import wall_band
from facereel.engines.mesh.head_mask.face_colours import FaceColours
from facereel.engines.mesh.head_mask.hair_fringe import hair_fringe
from facereel.motion.sliders import Sliders


def _colours(lightness: np.ndarray) -> FaceColours:
    """Grey Lab of `lightness` ((h, w)), the skin a warm colour none of it has, all of it far above the eyes."""
    lab = np.stack([lightness, np.full_like(lightness, 128), np.full_like(lightness, 128)], -1).astype(np.float32)
    skin = (np.array([170.0, 145.0, 150.0]), np.eye(3) / 4.0)
    return FaceColours(lab, np.array([0.0, -1.0]), np.full(lightness.shape, -1000, np.float32), skin)


def test_the_wall_in_the_fringe_leaves_the_head_and_the_hair_stays():
    """Dark hair (L 60, x < 50) over a light wall (L 210), its edge blurred over x 50-59, the mask grown to x 64:
    the wall in the fringe keeps nothing, the blurred edge its share of hair, the hair all; a wall as dark as the
    hair beside it (under `CONTRAST`) is not read."""
    shape = (120, 120)
    ramp = np.clip((np.arange(120) - 50) / 10, 0, 1)
    lightness = np.tile(60 + 150 * ramp, (120, 1)).astype(np.float32)
    segmented = np.tile((ramp < 0.5).astype(np.float32), (120, 1))
    head = np.zeros(shape, np.float32)
    head[:, :65] = 1
    oval = np.zeros(shape, np.float32)
    keep = hair_fringe(_colours(lightness), head, head, segmented, oval, 500.0)
    assert np.allclose(keep[:, :30], 1) and (keep[:, 61:65] < 0.05).all()
    assert np.allclose(keep[60, 52:58], 1 - ramp[52:58], atol=0.1)
    dim = hair_fringe(_colours(np.minimum(lightness, 100)), head, head, segmented, oval, 500.0)
    assert np.allclose(dim, 1)
    below = _colours(lightness)
    below.down[:] = 0  # at the eyes' height: `jaw_edge`'s, not read
    assert np.allclose(hair_fringe(below, head, head, segmented, oval, 500.0), 1)


@pytest.mark.slow
def test_lp_s1_wall_is_not_carried_down_beside_the_rolled_hair():
    """lp_s1 at full size as `facereel edit --roll` makes it: the wall band (`wall_band`). Measured: source repeated 0;
    roll 15 / 20 / 25 / 30 engine before 308 / 490 / 676 / 885 px (the wall's white down the hair's right side over
    the pelmet and the curtain), now 8 / 7 / 9 / 8."""
    image, lm = portrait("lp_s1")
    editor = StillEditor(Source(image=image, landmarks=lm))
    x0, y0, x1, y1 = editor.animator.box
    plate = image.copy()
    plate[y0:y1, x0:x1] = np.clip(editor.animator.layer.filled, 0, 255).astype(np.uint8)
    assert wall_band(image, image, plate, lm) == 0
    for roll in (20, 30):
        sliders = Sliders(roll=roll)
        assert wall_band(editor.render(sliders), image, plate, editor.target(sliders)) <= 60, roll
