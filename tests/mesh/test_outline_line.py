"""A faint grey line at the person's outline beside the wall a jaw moved sideways uncovered (`figures.outline_line`;
issue #9, docs/status.md h39-crescent's left): lp_s6 at 384 px x lp_d12 140-180, frames 22-30 (the head ~30 px
right), a thin grey line stood down the left side of the wall mixed in beside the old jaw; frames 18-20 (the head
left) the same on the right."""

from __future__ import annotations

import numpy as np
from mesh_faces import moved_statue, shaken_statue

from facereel.engines.mesh.figures.outline_line import outline_line

SHOWN = tuple(range(18, 31))
"""lp_d12 140-180's frames where the shake has carried lp_s6's head sideways."""


def test_the_figure_reads_a_grey_outline_beside_the_uncovered_wall():
    """A 40 x 60 photo: the wall, the person from x 8 with a grey outline at x 8-9 (alpha 0), a clay head (alpha 1)
    over x 10-39. Drawn moved 20 px right with the wall where the head was (x 10-29): the outline's 2 x 40 px stand
    beside the pale uncovered pixels; laid over with the wall, none; the photo repeated, none."""
    face_px = 100.0
    photo, alpha, person, drawn, frame = moved_statue(slice(8, 60), (slice(8, 10), 200), 20)
    assert outline_line(frame, photo, alpha, drawn, person, face_px) == 2 * 40 / face_px ** 2
    frame[:, 8:10] = photo[:, :2]
    assert outline_line(frame, photo, alpha, drawn, person, face_px) == 0.0
    assert outline_line(photo, photo, alpha, alpha, person, face_px) == 0.0


def test_lp_s6_shake_leaves_no_grey_line_at_the_outline(shared_data):
    """lp_s6 at 384 px x lp_d12 140-180 as `facereel animate` draws it, `outline_line` over `SHOWN` (square face
    sizes): the source repeated 0; the engine before (the wall's weight softened alone, half at the outline, and the
    kept photo's pixels laid over with the fill without the wall) mean 2.8e-3, max 3.1e-3 (frames 22-30, left of the
    jaw: x 151-155, y 198-210); now (softened with the background and the margin beside it, the kept pixels taking the
    wall's share) mean 1.1e-3, max 1.2e-3 (the soft lower end of the wall at the collar's top, y 208-213). Bound: half
    of the engine's before."""
    photo, alpha, person, face_px, drawn = shaken_statue(shared_data, SHOWN)
    assert outline_line(photo, photo, alpha, alpha, person, face_px) == 0.0
    line = [outline_line(frame, photo, alpha, drawn_alpha, person, face_px) for frame, drawn_alpha in drawn]
    assert np.mean(line) < 1.4e-3 and max(line) < 1.6e-3, line
