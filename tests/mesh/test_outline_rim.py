"""The head's last half-skin outline pixels over the moved neck (issue #9): lp_s3 `facereel edit --pitch -15` (512 px)
drew a hard dark speck where the raised jaw's outline meets the neck (`layers.outline_rim` bounds their colour to
what their alpha can carry), read by `figures/outline_rim.py`."""

from __future__ import annotations

import numpy as np
from mesh_faces import portrait

from facereel.animate.edit import StillEditor
from facereel.animate.inputs import Source
from facereel.animate.run import resize_source
from facereel.engines.mesh.figures.outline_rim import outline_rim
from facereel.engines.mesh.layers import RIM_MOVE
from facereel.engines.mesh.layers import outline_rim as bound_rim
from facereel.motion.sliders import Sliders


def test_outline_rim_bounds_only_the_shown_pixels_colour():
    """A colour below 0 and one over 255 x alpha where the neck shows are bounded, in full where the head or the neck
    moved by `RIM_MOVE` or more, half at half of it, not where nothing moved; elsewhere left as they were."""
    head = np.zeros((4, 4, 4), np.float32)
    head[..., 3] = 0.1
    head[1, 1, :3], head[1, 2, :3], head[0, 0, :3], head[2, 1, :3], head[3, 1, :3] = -20.0, 40.0, -20.0, -20.0, -20.0
    shown = np.zeros((3, 3), bool)
    shown[:, :2] = True
    moved = np.full((3, 3), RIM_MOVE, np.float32)
    moved[1, 0], moved[2, 0] = 0.5 * RIM_MOVE, 0.0
    bound_rim(head, shown, (1, 1), moved)
    assert np.allclose(head[1, 1, :3], 0.0) and np.allclose(head[1, 2, :3], 25.5)
    assert np.allclose(head[2, 1, :3], -10.0) and np.allclose(head[3, 1, :3], -20.0)
    assert np.allclose(head[0, 0, :3], -20.0)


def test_lp_s3_raised_chin_has_no_dark_rim_over_the_neck():
    """lp_s3 at 512 px, pitch -15 / -10: the chin's last half-skin pixel over the neck band was unmixed against the
    photo's darker background fill, so over the lighter neck its colour went below 0 (a dark speck at the jaw's
    lower left, crops looked at). Measured (`outline_rim`, grey levels): source repeated 0.238; the engine before
    0.352 / 0.462, now 0.275 / 0.357 (the speck gone, the pale line of the old jaw beside it is the plate's, left)."""
    image, lm = portrait("lp_s3")
    editor = StillEditor(resize_source(Source(image=image, landmarks=lm), 512))
    assert outline_rim(editor.source.image, editor.animator) < 0.26
    assert outline_rim(editor.render(Sliders(pitch=-15)), editor.animator) < 0.30
    assert outline_rim(editor.render(Sliders(pitch=-10)), editor.animator) < 0.40
