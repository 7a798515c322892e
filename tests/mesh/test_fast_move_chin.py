"""The photo's jaw edge left on the neck under a chin moved far and fast (`figures/chin_ghost`, issue #9, h50-fresh's
sweep): portraits of ../shared/data (skipped when absent) at 512 px driven by lp_d12 cut at 140 (its first frame the
reference; the driver lifts and turns its head ~0.3 face sizes in a second), frames 26-32 of the clip, drawn by the
engine `facereel animate` sets up (no body).

- sr_4 (a man in a red T-shirt, his jaw's underside in shadow): under the chin moved up and left, the photo's dark
  jaw line stays on the neck as a second chin, a dark stroke below the drawn chin (/tmp/h50-fresh/sr4_d12_crop.png).
- sr_18 (a man in a dark jacket against a dark crowd): the neck between the near ear and the collar is stretched
  into a sheet with the photo's jaw line and creases drawn across it (/tmp/h50-fresh/sr18_d12_crop.png).
- lp_s1 under the same move: the neck under her chin as plain as her photo's (the figure's contrast case)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from mesh_faces import drawn_on_image, streamed_targets

from facereel.animate.inputs import Source
from facereel.engines.mesh.composite import face_size
from facereel.engines.mesh.figures.chin_ghost import chin_ghost

CUT = 140  # lp_d12's frame the clip starts at
READ = (26, 28, 30, 32)  # the clip's frames read: the chin highest and furthest off the photo's
CHIN = 152  # the chin's landmark
PLAIN_MOST = 2.0
"""`chin_ghost` lightness per px on a neck as plain as the photo's (lp_s1 1.32-1.36 on `READ`; sr_4 2.87-3.23 and
sr_18 5.3-16.2 show the jaw line)."""


def _ghosts(shared_data: Path, name: str) -> np.ndarray:
    """`chin_ghost` of `name` at 512 x lp_d12 cut at `CUT` on each `READ` frame (lightness per px)."""
    image, landmarks, targets = streamed_targets(shared_data, name, "lp_d12", CUT + max(READ) + 1, 512, CUT)
    photo_alpha, drawn = drawn_on_image(Source(image, landmarks), targets, READ)
    return np.array([chin_ghost(pixels, alpha, targets[k][CHIN, :2], image, photo_alpha, landmarks[CHIN, :2],
                                face_size(landmarks)) for k, (pixels, alpha) in zip(READ, drawn)])


def test_a_plain_neck_under_the_moved_chin_reads_low(shared_data):
    """lp_s1's neck under her moved chin reads as plain as her photo's (1.32-1.36), so `PLAIN_MOST` is a bar a drawn
    neck can meet."""
    assert _ghosts(shared_data, "lp_s1.jpg").max() <= PLAIN_MOST


@pytest.mark.parametrize("name", ["sr_4.png", "sr_18.png"])
@pytest.mark.xfail(strict=True, reason="lp_d12's fast lift: the photo's jaw line left on the stretched neck under "
                   "the moved chin (sr_4 a second chin, 2.87-3.23; sr_18 a creased sheet, 5.3-16.2; h50-fresh: the "
                   "neck layer's stretch, off it tears, not traced further)")
def test_the_neck_under_a_fast_moved_chin_is_plain(shared_data, name):
    """On `READ` the neck under the drawn chin as plain as lp_s1's: `chin_ghost` at most `PLAIN_MOST` (the source
    repeated 0; today sr_4 2.87-3.23, sr_18 5.3-16.2)."""
    assert _ghosts(shared_data, name).max() <= PLAIN_MOST
