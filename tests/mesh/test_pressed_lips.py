"""A driver's closing from an open reference mouth leaves a closed portrait mouth its own lips
(`motion.retarget._close_no_further`), read by `figures.pressed_lips.thickness_share` on shared portraits at 512 px
driven by lp_d12 90-150 as `facereel animate --size 512` drives them (docs/status.md, h28-pressed; issue #9, #12)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from mesh_faces import set_up_copy, streamed_targets

from facereel.animate.options import AnimateOptions, mesh_options
from facereel.engines.mesh.figures.pressed_lips import thickness_share
from facereel.motion import retarget

FIRST = 90  # lp_d12's frame 90, its mouth open, is the reference: the driver closes its mouth from ~95 on


def _drawn_share(shared_data: Path, name: str, frames: tuple[int, ...]) -> np.ndarray:
    """(len(frames), 3) `thickness_share` of `frames` as the engine draws them (all frames mapped in order)."""
    image, lm, targets = streamed_targets(shared_data, name, "lp_d12", FIRST + max(frames) + 1, 512, first=FIRST)
    animator = set_up_copy(image, lm, mesh_options(AnimateOptions()))
    drawn = np.array([animator.map_frame(target).target for target in targets])
    return thickness_share(lm, drawn[list(frames)])


@pytest.mark.parametrize("name, frames", [("lp_s5.jpg", (9, 10, 54, 55, 56)), ("sr_4.png", (9, 10, 54, 55))])
def test_a_closing_driver_leaves_a_closed_mouth_its_own_lips(shared_data: Path, name: str, frames: tuple[int, ...],
                                                             monkeypatch: pytest.MonkeyPatch):
    """lp_d12 closes the mouth its reference frame opens: added as lengths to a closed mouth, the closing lifted the
    lower lip's outer edge over the upper one's and both lips were drawn as a thin line (dark specks on sr_4).
    `thickness_share` (each lip's drawn thickness over the photo's own, canonical): source repeated 1; before, both
    lips together -0.19 to 0.3 on lp_s5's frames (the lower lip down to -1.3, upside down), -0.21 on sr_4's; now
    0.86-0.94, each lip at least 0.79 of its own (the lips may press together by `retarget.LIP_SOFTNESS`, and the
    driver's moves away from the mouth line, its upper lip's inner edge rising, pass)."""
    now = _drawn_share(shared_data, name, frames)
    assert now.min() > 0.75, now
    monkeypatch.setattr(retarget, "_close_no_further", lambda c, c_src: None)
    before = _drawn_share(shared_data, name, frames)
    assert before[:, 2].min() < 0.4, before
