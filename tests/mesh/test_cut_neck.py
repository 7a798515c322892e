"""A neck the frame cuts off: the engine works on the photo extended below by its last row (`cut_neck.Extended`,
issue #9), so the neck layer finds a neck under a chin at the frame's border."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from group_photo import CUT_CHIN
from mesh_faces import driven_targets, portrait

from facereel.animate.inputs import source_from_image
from facereel.animate.options import AnimateOptions, mesh_options
from facereel.engines.mesh.choose_engine import mesh_animator
from facereel.engines.mesh.cut_neck import Extended, rows_below
from facereel.engines.mesh.figures.tone_patch import TonePatch

RAISED = range(17, 21)
"""lp_d12 107-110 (frames 17-20 of the driver cut at 90): the chin raised over the frame's bottom."""


def _cut_lp_s1() -> tuple[np.ndarray, np.ndarray]:
    """lp_s1 cut so that her chin touches the bottom (`group_photo.CUT_CHIN`, the h27-fresh sweep's find (7)) and its
    landmarks (478, 3) px, tracked on the cut."""
    image, _ = portrait("lp_s1")
    x0, y0, x1, y1 = CUT_CHIN
    source = source_from_image(np.ascontiguousarray(image[y0:y1, x0:x1]))
    return source.image, source.landmarks


def test_only_a_neck_cut_off_by_the_frame_is_extended_and_nothing_moved_is_the_source():
    """lp_s1 cut at her chin is extended by over 0.25 face sizes and, drawn for its own landmarks, is the cut photo bit
    for bit; sr_8, whose collar line (0.28 face sizes below the chin) the frame holds at 0.32, is not extended."""
    image, lm = _cut_lp_s1()
    animator = mesh_animator(image, lm, mesh_options(AnimateOptions()))
    assert isinstance(animator, Extended)
    assert rows_below(lm, image.shape[0]) > 100
    assert np.array_equal(animator.render(lm), image)
    sr_8, sr_8_lm = portrait("sr_8")
    assert rows_below(sr_8_lm, sr_8.shape[0]) == 0


@pytest.mark.slow
def test_lp_s1_cut_at_her_chin_shows_no_tone_rectangle_under_the_raised_chin(shared_data: Path):
    """lp_s1 cut at her chin x lp_d12 90-150, frames 17-20 (the chin raised over the frame's bottom): no flat tone patch
    with straight sides under the chin (`TonePatch.straight_step`, grey levels x face sizes). The engine before found no
    neck below the chin (the plate's hole ran to the frame's last rows) and showed the plate's fallback tone there, a
    flat salmon rectangle: 1.33-3.06 a frame; now the photo's neck stretched down from the moved jaw, 0.01-0.02 (looked
    at: source | before | now at 3-4x); the source repeated reads 0."""
    image, lm = _cut_lp_s1()
    source = source_from_image(image)
    targets = driven_targets(source, shared_data / "driving" / "lp_d12.mp4", 90, RAISED[-1] + 1)
    figure = TonePatch(image, lm)
    animator = mesh_animator(image, lm, mesh_options(AnimateOptions()))
    assert all(figure.straight_step(image, targets[k]) == 0 for k in RAISED)
    steps = [figure.straight_step(animator.render(targets[k]), targets[k]) for k in RAISED]
    assert max(steps) < 0.3, steps
