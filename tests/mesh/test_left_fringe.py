"""The photo's dark outline just off the head moves with the head, not left standing in the plate (issue #9 / #12,
`figures.left_fringe`; h38-fresh: traced, not mended).

lp_s6 (the statue, its own 725 px) `facereel edit --yaw -16` (what `--yaw -25 --pitch 15` gets, `slider_room`): the
dark contour line round the image-left sideburn lies 1-3 px outside the head mask (alpha 0-0.02), where the plate is
the photo, and stays as a dark spike beside the moved jaw (x 286-291, y 376-393: 22 px; `--yaw 15` the image-right
one, x 433-436, y 377-385: 15 px); the source repeated reads 0 (looked at 4x, /tmp/h38-fresh/exp9.png in the bullet).
Mended by h46-s6wall: a small yaw lays the wall beside the far jaw (`shifted_wall.wall_share`), and where the wall is
laid so much less of the photo's kept pixels is (`KeptPhoto.lay`): 22 -> 0 and 15 -> 0 px
(/tmp/h46-s6wall/v_fringe.png: source | main | branch, 3x).
"""

from __future__ import annotations

import pytest
from mesh_faces import still_editor

from facereel.engines.mesh.figures.left_fringe import left_fringe
from facereel.motion.slider_options import Sliders

SIZE = 725
"""px: lp_s6 at its own size."""
LEFT_MOST = 3
"""px: at most this many of the line's pixels left standing (an anti-aliased end; the source repeated: 0)."""


@pytest.fixture(scope="module")
def statue():
    editor, source, _ = still_editor("lp_s6", SIZE)
    return editor, source


@pytest.mark.parametrize("yaw", [-16.0, 15.0])
def test_the_outline_moves_with_the_head(statue, yaw: float) -> None:
    editor, source = statue
    animator = editor.animator
    x0, y0, x1, y1 = animator.box
    photo = source.image[y0:y1, x0:x1]
    photo_alpha = animator.layer.alpha.copy()
    assert left_fringe(photo, photo, photo_alpha, photo_alpha, animator.layer.filled) == 0  # the source repeated
    frame = editor.render(Sliders(yaw=yaw))[y0:y1, x0:x1]
    left = left_fringe(frame, photo, photo_alpha, animator.drawn_alpha(), animator.layer.filled)
    assert left <= LEFT_MOST, left
