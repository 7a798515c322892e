"""The photo's broken dark rim left on the wall beside a jaw moved sideways (`figures.rim_left`; issue #9,
docs/status.md h39-wall's left): lp_s6 at 384 px x lp_d12 140-180, frames 18-20 (the head ~10 px left), the strands of
the photo's outline stood dark on the wall the moved jaw uncovered; frames 22-24 (the head right) the same on the left."""

from __future__ import annotations

import numpy as np
from mesh_faces import moved_statue, shaken_statue

from facereel.engines.mesh.figures.rim_left import rim_left

SHOWN = tuple(range(18, 31))
"""lp_d12 140-180's frames where the shake has carried lp_s6's head sideways."""


def test_the_figure_reads_dark_rim_pixels_beside_the_uncovered_wall():
    """A 40 x 60 photo: the wall, a clay head (alpha 1) over x 10-39 with a dark strand at x 40-41 (alpha 0, on the
    person to x 44). Drawn moved 10 px left with the wall where the head was (x 30-39): the strand's 2 x 40 px stand
    beside the pale uncovered pixels; laid over with the wall, none; the photo repeated, none."""
    face_px = 100.0
    photo, alpha, person, drawn, frame = moved_statue(slice(10, 45), (slice(40, 42), 60), -10)
    assert rim_left(frame, photo, alpha, drawn, person, face_px) == 2 * 40 / face_px ** 2
    frame[:, 40:42] = photo[:, :2]
    assert rim_left(frame, photo, alpha, drawn, person, face_px) == 0.0
    assert rim_left(photo, photo, alpha, alpha, person, face_px) == 0.0


def test_lp_s6_shake_leaves_no_dark_rim_on_the_wall(shared_data):
    """lp_s6 at 384 px x lp_d12 140-180 as `facereel animate` draws it, `rim_left` over `SHOWN` (square face sizes):
    the source repeated 0; the engine before (the wall mixed into the fill beside the background at the head alpha
    from 0.5 only, the rim between its fingers kept as the photo) mean 8.0e-4, max 9.2e-4 (frames 22-30, on the
    left); with the rim in the hole's margin weighed in too (h39-crescent) mean 1.1e-4, max 1.8e-4 (frames 18-20: faint
    grey strands lower down, where the fill keeps the neck's tone); now (h40-wall: the weight full to the outline,
    `figures.outline_line`) mean 2.3e-4, max 4.6e-4: the strands at the wall's soft lower end (y 211-213) each lighter
    than before ((113, 106, 98) -> (139, 133, 127) at frame 20), counted as the wall above them is now paler within
    `NEAR` (looked at 10x: no strand darker, the outline's line gone). Bound: the mean a third of the engine's before
    h39-crescent, the max a half."""
    photo, alpha, person, face_px, drawn = shaken_statue(shared_data, SHOWN)
    assert rim_left(photo, photo, alpha, alpha, person, face_px) == 0.0
    left = [rim_left(frame, photo, alpha, drawn_alpha, person, face_px) for frame, drawn_alpha in drawn]
    assert np.mean(left) < 2.7e-4 and max(left) < 4.6e-4, left
