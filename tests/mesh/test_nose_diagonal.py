"""The nose kept inside the far cheek turned and looking down (`far_cheek.turn`: the chin's drop counted in the turn
that rounds the far cheek), read by `figures.far_outline.wing_past_cheek` on the shared portraits at 512 px as
`facereel edit --size 512` makes them (docs/status.md, h27-nose; issue #9, h27-fresh find (6))."""

from __future__ import annotations

import pytest
from mesh_faces import still_editor

from facereel.engines.mesh.figures.far_outline import wing_past_cheek
from facereel.engines.mesh.geometry.far_cheek import DIAGONAL, turn
from facereel.motion.sliders import Sliders

COMBINED = Sliders(yaw=30, pitch=20, mouth_open=1, smile=1)


def test_the_chins_drop_counts_in_the_turn_only_as_the_head_turns():
    assert turn(30.0, 31.0) == pytest.approx(42.0, abs=0.5)  # arccos(cos 30 cos 31): 42 deg off the camera
    assert turn(-30.0, 31.0) == pytest.approx(-turn(30.0, 31.0))  # either side
    assert turn(30.0, 0.0) == pytest.approx(30.0) == turn(30.0, -20.0)  # level, or looking up: the yaw
    assert turn(0.7, 31.0) == 0.7 and turn(DIAGONAL[0], 31.0) == DIAGONAL[0]  # frontal: a pitch alone
    assert 0.0 < turn(15.0, 31.0) - 15.0 < 0.5 * (turn(30.0, 31.0) - 30.0)  # in part, then in full


@pytest.mark.parametrize("name", ["lp_s1", "lp_s3"])
def test_the_nose_stays_inside_the_far_cheek_turned_and_looking_down(name):
    """`edit --yaw 30 --pitch 20 --mouth-open 1 --smile 1` (yaw 30, pitch 31 deg): lp_s1's far nose wing was drawn
    past the far cheek's outline, a notch under it and the outline cut straight; lp_s3's nose overhung a vertical
    cheek edge with a white notch under it. `wing_past_cheek` (face sizes the cheek's strip beyond the nose's
    outermost point falls short of 0.1): source repeated 0, before 0.045 / 0.070, now 0.012 / 0. A pitch alone is
    drawn as before (the same landmarks)."""
    editor, source, _ = still_editor(name)
    assert wing_past_cheek(source.landmarks) == 0.0  # the source repeated
    drawn = editor.animator.map_frame(editor.target(COMBINED)).target
    assert wing_past_cheek(drawn) < 0.025, wing_past_cheek(drawn)
