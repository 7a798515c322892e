"""A far eye the nose's bridge covers (issue #9, h38-eyes): sr_8 `facereel edit --yaw 20` turns her from 34 to 54 deg
and the head map draws the bridge over the far eye's inner third; the eye layer drew the whole opening over it, the
eye sliced by the bridge's edge. Now it draws only where the head map reads the eye (`eyes.SHOWN_REACH`)."""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import pytest

from facereel.animate.edit import StillEditor
from facereel.animate.inputs import load_source
from facereel.animate.options import AnimateOptions, mesh_options
from facereel.engines.mesh.choose_engine import mesh_animator
from facereel.engines.mesh.figures.covered_eye import covered, drawn_over, head_reads
from facereel.motion.sliders import Sliders

pytestmark = pytest.mark.slow  # out of the README's suite by its measured time: .ci/run's third step

FAR_EYE = 0  # RIGHT_EYE: image-left on sr_8, the far one


def _covered_scores(shared_data: Path, lid: bool, **edit: float) -> dict[str, tuple[int, float]]:
    """{"repeated": ..., "edit": ...}: (covered px, `drawn_over`) of sr_8's far eye (its opening, with `lid` the lid
    above it too) with no sliders and with `edit`'s."""
    source = load_source(shared_data / "portraits" / "sr_8.png")
    editor = StillEditor(source)
    plain = mesh_animator(source.image, source.landmarks,
                          dataclasses.replace(mesh_options(AnimateOptions(engine="mesh")), eyes=False))
    size = source.image.shape[:2]
    scores = {}
    for name, sliders in (("repeated", Sliders()), ("edit", Sliders(**edit))):
        target = editor.target(editor.fit(sliders)[0])
        frame = editor.animator.map_frame(target)
        mask = covered(head_reads(editor.animator, frame, size), frame.target, source.landmarks, FAR_EYE, lid)
        scores[name] = (int(mask.sum()), drawn_over(editor.animator.draw(frame), plain.render(target), mask))
    return scores


def test_the_bridge_covers_the_far_eye(shared_data: Path) -> None:
    scores = _covered_scores(shared_data, False, yaw=20)
    assert math.isnan(scores["repeated"][1])  # the photo's own landmarks: the map covers no eye
    count, over = scores["edit"]
    assert count >= 100  # the bridge covers the eye's inner third (157 px): the case is still read
    assert over < 1.0, f"the eye drawn over the bridge: {over:.2f} grey levels (13.2 before h38-eyes)"


def test_the_bridge_covers_the_far_lid(shared_data: Path) -> None:
    """The far eye shut (`blink_right`) at the same turn: the closing lid (`EyeRenderer._cover`), carried over the
    whole target lid, was drawn over the bridge past the eye's inner corner, a lid wedge and its lash line laid on
    the nose (44.7 grey levels over 157 px before h39-eyes); now it too is drawn only where the head map reads the
    photo's lid (`EyeRenderer.lid_socket`)."""
    scores = _covered_scores(shared_data, True, yaw=20, blink_right=1.0)
    assert math.isnan(scores["repeated"][1])
    count, over = scores["edit"]
    assert count >= 100
    assert over < 1.0, f"the lid drawn over the bridge: {over:.2f} grey levels"
