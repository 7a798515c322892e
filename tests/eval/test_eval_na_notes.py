"""`flicker` and `mouth_realism` that read n/a say why (h32-fresh6 sweep): `eval self` on lp_d19 150-174 (a face that
fills its 480 px frame) read `flicker` n/a, and on lp_d3 100-140 (a frowning driver whose lips stay shut)
`mouth_realism` n/a, with no note giving the reason (report.md promises one for every n/a). Now a note names the
rule; a clip with background beside the face and an open mouth gets neither."""

from __future__ import annotations

import math

import pytest


@pytest.mark.slow
def test_a_face_filling_its_frame_says_why_flicker_is_n_a(self_eval):
    result = self_eval("lp_d19", 150, 8)
    assert math.isnan(result.rows["method"][0]["flicker"])
    assert [note for note in result.notes if note.startswith("lp_d19: flicker n/a for the method")]


@pytest.mark.slow
def test_shut_lips_say_why_mouth_realism_is_n_a(self_eval):
    result = self_eval("lp_d3", 100, 8)
    assert math.isnan(result.rows["method"][0]["mouth_realism"])
    assert [note for note in result.notes if note.startswith("lp_d3: mouth_realism n/a for the method")]


@pytest.mark.slow
def test_an_open_mouth_before_a_wall_gets_neither_note(self_eval):
    result = self_eval("lp_d18", 66, 8)  # its mouth open (inner-lip gap 0.46-0.57 of the eye distance)
    row = result.rows["method"][0]
    assert not math.isnan(row["flicker"]) and not math.isnan(row["mouth_realism"])
    assert not [note for note in result.notes if "flicker n/a" in note or "mouth_realism n/a" in note]
