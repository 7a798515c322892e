"""No pale smear under the near hair's end on a turn (`plate_fill/hair_side.py`, read by `figures/neck_wall_mix`):
lp_s1 at 512 x preset:turn (2 s, as `facereel animate -d preset:turn` retargets it), frames 36-48 (the forty-second
session's end review): the turned head lifts her near hair's end off the jaw's side, and the plate behind it was the
neck band's fill and the kept photo of the jaw each blended with the wall, a pale skin-coloured smear on the white
wall left of the neck, cut by a straight side where the hanging hair's mask ended the kept photo."""

from __future__ import annotations

import numpy as np
import pytest
from mesh_faces import turned_reads

from facereel.engines.mesh.figures.neck_wall_mix import mixed_share

FRAMES = range(36, 49)
SMEAR = (174, 282, 196, 314)  # x0, y0, x1, y1 px of lp_s1 at 512: under the near hair's end, left of the neck


@pytest.fixture(scope="module")
def turned(lp_s1_512) -> tuple[float, list[float]]:
    """`mixed_share` of `SMEAR` on the source (its own head alpha) and on each frame of `FRAMES` (the drawn alpha)."""
    return turned_reads(*lp_s1_512, FRAMES, mixed_share, SMEAR)


def test_no_pale_smear_under_the_near_hair_end(turned):
    """At most 0.15 of the box mixed over the frames (mean; the source repeated 0; the engine before 0.22, up to 0.37
    a frame: the wall's fill, the neck band's fill and the kept jaw blended over ~12 px; now 0.10: the wall up to a
    2-4 px edge of the neck carried on up under the hair, and what is left the neck band's own fill from the person
    below, lighter than the photo's neck (grey ~160 on ~113), beside it)."""
    source, shares = turned
    assert source <= 0.01
    assert np.mean(shares) <= 0.15, np.round(shares, 3)
