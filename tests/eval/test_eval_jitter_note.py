"""Jitter that reads n/a says why (h31-fresh5 sweep): `eval self` on lp_d11 180-224, a talking child whose face
moves in every step, read `jitter` n/a for method and baseline and no note gave the reason (report.md promises one
for every n/a). Now a note names the driver's still-speed rule; a driver that holds still gets none."""

from __future__ import annotations

import math

import pytest


@pytest.mark.slow
def test_a_driver_never_still_says_why_jitter_is_n_a(self_eval):
    result = self_eval("lp_d11", 180, 12)
    assert all(math.isnan(result.rows[method][0]["jitter"]) for method in ("method", "baseline"))
    assert [note for note in result.notes if note.startswith("lp_d11: jitter n/a: the driver's face moves")]


@pytest.mark.slow
def test_a_still_driver_gets_no_jitter_note(self_eval):
    result = self_eval("lp_d18", 0, 10)  # its first frames barely move
    assert not math.isnan(result.rows["method"][0]["jitter"])
    assert not [note for note in result.notes if "jitter n/a" in note]
