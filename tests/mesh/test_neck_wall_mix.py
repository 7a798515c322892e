"""No pale block between the hanging hair's end and the moved neck (`figures/neck_wall_mix.py`): lp_s1 at 512 px
driven by lp_d12 150-174 (h38-fresh's find (2)), whose head lifts her hair's lower end off the neck's side; the
plate there mixed the neck band's fill with the wall into a pale pink block beside the moved neck."""

from __future__ import annotations

import numpy as np
import pytest
from mesh_faces import NECK, WALL, portrait
from test_mouth_options import _driver, _targets
from test_mouth_teeth import _shrunk

from facereel.engines.mesh import MeshAnimator, MeshOptions
from facereel.engines.mesh.composite import grey_image
from facereel.engines.mesh.figures.neck_wall_mix import mixed_share

REFERENCE, LIFTED = 150, (166, 170)  # lp_d12 frames: the clip's first (the reference); the hair's end lifted
BLOCK = (170, 305, 185, 330)  # x0, y0, x1, y1 px of lp_s1 at 512: where the block stood (h39-lilac's box)


@pytest.fixture(scope="module")
def lifted():
    """(lp_s1 at 512, its head alpha on the frame, the wall's and the neck's grey, [(frame, drawn alpha)] for
    `LIFTED`)."""
    image, lm = _shrunk(*portrait("lp_s1"))
    _, driver_lm = _driver("lp_d12", (REFERENCE, *LIFTED))
    targets = _targets(lm, driver_lm)
    animator = MeshAnimator(image, lm, MeshOptions(eyes=False))
    x0, y0, x1, y1 = animator.box

    def on_frame(alpha: np.ndarray) -> np.ndarray:
        whole = np.zeros(image.shape[:2], np.float32)
        whole[y0:y1, x0:x1] = alpha
        return whole

    drawn = []
    for target in targets[1:]:
        out = animator.render(target)
        drawn.append((out, on_frame(animator.drawn_alpha())))
    grey = grey_image(image)
    wall, neck = (float(np.median(grey[b:d, a:c])) for a, b, c, d in (WALL, NECK))
    return image, on_frame(animator.mask.alpha), wall, neck, drawn


def test_figure_reads_a_mixed_block(lifted):
    """The wall and the neck read apart (the wall ~242, the neck ~113 grey); the rendered frame with the box
    painted halfway between them reads the whole box's bare pixels."""
    _, _, wall, neck, drawn = lifted
    assert wall - neck > 100
    frame, alpha = drawn[0]
    painted = frame.copy()
    x0, y0, x1, y1 = BLOCK
    painted[y0:y1, x0:x1] = round((wall + neck) / 2)
    bare = float((alpha[y0:y1, x0:x1] < 0.1).mean())
    assert bare > 0.8 and mixed_share(painted, alpha, BLOCK, wall, neck) == pytest.approx(bare)


def test_no_pale_block_beside_the_moved_neck(lifted):
    """At most 0.04 of the box mixed (source repeated 0.011; before, the neck band's fill behind the hair mixed
    with the wall: 0.21 / 0.21 at 166 / 170; now 0.013 / 0.013)."""
    image, alpha, wall, neck, drawn = lifted
    assert mixed_share(image, alpha, BLOCK, wall, neck) <= 0.04
    for frame, drawn_alpha in drawn:
        assert mixed_share(frame, drawn_alpha, BLOCK, wall, neck) <= 0.04
