"""A photo's dark smile corner not drawn as a hole in a laughing mouth's upper lip corners (issue #9, h49-sr18laugh;
`figures/corner_hole.py`): sr_18 (his own open smile) at 1024 px x preset:laugh frames 18-36 drew the upper lip's
corners between the drawn outer and inner corners from his photo's dark corner stretched, a cavity-dark wedge up to
the outer corner: the opening's near end a straight vertical edge with a dark notch. `lip_corners.LipCorners` lifted
it at 0.3-0.6 (his bands 1.9-2.4x his photo's, the lift from 1.5x); a photo showing its teeth is lifted from its own
opening on (`lip_corners.OPENED_SMILE`)."""

from __future__ import annotations

import numpy as np
import pytest

from facereel.animate.inputs import load_source
from facereel.animate.options import AnimateOptions, mesh_options
from facereel.animate.run import resize_source
from facereel.engines.mesh.choose_engine import mesh_animator
from facereel.engines.mesh.composite import polygon_mask
from facereel.engines.mesh.figures.corner_hole import corner_hole, upper_corners
from facereel.engines.mesh.open_mouth.hidden_corners import mesh_retarget
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

HOLE = 0.3
"""Share of an upper lip corner darker than the photo's own: sr_18 1024 x preset:laugh 18 / 24 read 0.44 / 0.53
before (the wedge), -0.13 / -0.15 lifted; lp_s1's laugh box (her dark lipstick corners) 512: 0.02 / 0.17, 1024:
0.13 / 0.15; lp_s5, lp_s3 0; the source repeated 0."""


def _source(shared_data, name: str, size: int):
    """Portrait `name` of ../shared/data scaled to `size` px (longer side) as `facereel animate --size` has it."""
    return resize_source(load_source(next((shared_data / "portraits").glob(f"{name}.*"))), size)


def test_a_dark_upper_lip_corner_reads_and_the_photo_does_not(shared_data):
    """sr_18 at 1024 repeated reads 0; his photo with its left upper lip corner painted as dark as the wedge (grey 50)
    reads over 0.5 (the share of that corner's lip outside his own opening)."""
    source = _source(shared_data, "sr_18", 1024)
    image, lm = source.image, source.landmarks
    assert corner_hole(image, lm, image, lm) == 0.0
    painted = image.copy()
    painted[polygon_mask([upper_corners(lm)[0]], image.shape[:2], (0, 0)) > 0.5] = 50
    assert corner_hole(painted, lm, image, lm) > 0.5


@pytest.mark.parametrize(("name", "size"), [("sr_18", 1024), ("lp_s1", 512)])
def test_a_laugh_keeps_its_upper_lip_corners_lip(shared_data, name, size):
    """sr_18 (his open smile) at 1024 and lp_s1 (a near-closed mouth) at 512 x preset:laugh frames 18 and 24 (the
    engine's drawn landmarks): each upper lip corner no more than `HOLE` darker than the photo's."""
    source = _source(shared_data, name, size)
    image, lm = source.image, source.landmarks
    targets = retarget(lm, preset_motion("laugh"), mesh_retarget(RetargetOptions(), image, lm))
    animator = mesh_animator(image, lm, mesh_options(AnimateOptions()))
    holes = []
    for k in (18, 24):
        frame = animator.map_frame(targets[k])
        holes.append(corner_hole(animator.draw(frame), frame.target, image, lm))
    assert np.max(holes) < HOLE, holes
