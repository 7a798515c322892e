"""A turned face's far outline drawn as skin keeps the photo's grain (`head_edge.outline_skin.mirrored`, issue #9;
docs/status.md fresh sweep h28-fresh (5)): sr_18 (own size) x lp_d3 284-308, frames 10-23, drew the grey blob his
head mask holds beside the far jaw, moved inside the head, as its nearest skin pixel repeated along the rows: a flat,
streaked block between cheek and ear (`figures.flat_skin.row_runs`)."""

from __future__ import annotations

import numpy as np
from mesh_faces import portrait, set_up_copy, streamed_targets

from facereel.animate.options import AnimateOptions, mesh_options
from facereel.engines.mesh.figures.flat_skin import row_runs

DRAWN = tuple(range(10, 24))
"""lp_d3 284-308's frames where the face turns through frontal (the block at 10-23)."""
BLOCK = (1215, 395, 1255, 465)
"""x0, y0, x1, y1 px: the block beside sr_18's far jaw in those frames."""


def test_the_figure_reads_rows_of_one_colour_and_not_the_photo():
    """sr_18's photo over `BLOCK` reads under 0.01; the block's rows each painted one colour (its first pixel's)
    read over 0.3."""
    image, _ = portrait("sr_18")
    assert row_runs(image, BLOCK) < 0.01
    x0, y0, x1, y1 = BLOCK
    painted = image.copy()
    painted[y0:y1, x0:x1] = painted[y0:y1, x0:x0 + 1]
    assert row_runs(painted, BLOCK) > 0.3


def test_sr_18s_far_outline_drawn_as_skin_keeps_the_grain(shared_data):
    """Frames `DRAWN`' `row_runs` over `BLOCK`, mean: the engine before 0.041 (0.021-0.055 a frame), now 0.023 (0.012-0.038); the
    source repeated 0.002."""
    image, lm, targets = streamed_targets(shared_data, "sr_18.png", "lp_d3", 284 + DRAWN[-1] + 1, None, 284)
    animator = set_up_copy(image, lm, mesh_options(AnimateOptions()))
    reads = []
    for k, target in enumerate(targets):
        frame = animator.map_frame(target)
        if k in DRAWN:
            reads.append(row_runs(animator.draw(frame), BLOCK))
    assert np.mean(reads) < 0.032, reads
