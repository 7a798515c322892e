"""The lighter strip on the moved neck under the near hair's end (`figures/neck_strip`; issue #9, "## Next" "Head
turn, hair rings and outline", the lp_s1 512 x preset:turn 42 bullet): lp_s1 at 512 x preset:turn (2 s, as `facereel
animate -d preset:turn` retargets it), frames 36-48: the turned head lifts her near hair's end, and the moved neck
under it was lighter than the photo's neck down to a step at its top (the wall / neck edge read on a slant, the neck
band's fill from the person below and the jaw's skin kept under the hair, where the shadowed tone hardly laid; mended
by h45-s1neck and h46-s1neck, `plate_fill/hair_side`)."""

from __future__ import annotations

import numpy as np
import pytest
from mesh_faces import turned_reads

from facereel.engines.mesh.figures.neck_strip import lifted_share

FRAMES = range(36, 49)
STRIP = (186, 294, 214, 312)  # x0, y0, x1, y1 px of lp_s1 at 512: the moved neck under the near hair's end


@pytest.fixture(scope="module")
def turned(lp_s1_512) -> tuple[float, list[float]]:
    """`lifted_share` of `STRIP` on the source (its own head alpha) and on each frame of `FRAMES` (the drawn
    alpha)."""
    return turned_reads(*lp_s1_512, FRAMES, lifted_share, STRIP)


def test_source_repeated_has_no_strip(turned):
    """The source repeated reads none: the hair's end covers the box."""
    assert turned[0] <= 0.01


def test_no_lighter_strip_under_the_near_hair_end(turned):
    """At most 0.08 of the box lighter than the neck over the frames (mean; the source repeated 0; the engine 0.17,
    0.15-0.33 a frame over 37-45: the wall / neck edge read on a slant as a ~6 px ramp and the fill and kept jaw skin
    under the hair's end; h45-s1neck, the neck tone laid there (`hair_side.person_fill`, `hidden_kept`): 0.136, the
    ramp left; h46-s1neck, the tone's soft share made crisp on the wall's side of that edge (`hair_side.wall_fill`):
    0.076, 0-0.16 a frame, its 2-3 px edge to the wall and the tone's lighter pixels beside it; a moved neck of the
    photo's tone with its 1-2 px edge to the wall reads ~0.07 of the box's 28 columns)."""
    _, shares = turned
    assert np.mean(shares) <= 0.08, np.round(shares, 3)
