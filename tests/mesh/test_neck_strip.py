"""The lighter strip on the moved neck under the near hair's end (`figures/neck_strip`; issue #9, "## Next" "Head
turn, hair rings and outline", the lp_s1 512 x preset:turn 42 bullet): lp_s1 at 512 x preset:turn (2 s, as `facereel
animate -d preset:turn` retargets it), frames 36-48: the turned head lifts her near hair's end, and the moved neck
under it was lighter than the photo's neck down to a step at its top (the wall / neck edge read on a slant, the neck
band's fill from the person below and the jaw's skin kept under the hair, where the shadowed tone hardly laid; mended
by h45-s1neck and h46-s1neck, `plate_fill/hair_side`)."""

from __future__ import annotations

import numpy as np
import pytest
from mesh_faces import WALL, set_up_copy, turned_reads

from facereel.animate.options import AnimateOptions, mesh_options
from facereel.engines.mesh.composite import grey_image
from facereel.engines.mesh.figures.neck_strip import lifted_share
from facereel.engines.mesh.figures.neck_wall_mix import GAP

FRAMES = range(36, 49)
STRIP = (186, 294, 214, 312)  # x0, y0, x1, y1 px of lp_s1 at 512: the moved neck under the near hair's end
BESIDE = (170, 280, 200, 320)  # x0, y0, x1, y1 px of lp_s1 at 512: the plate beside the neck under that hair's end


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


def test_no_tone_tail_over_the_wall_beside_the_hair(lp_s1_512):
    """At rest, on the plate's wall fill beside the neck under the near hair's end (`BESIDE`, its grey within
    `neck_wall_mix.GAP` of the photo's wall), the neck tone's share (`HeadLayer.laid_tone`) is crisp there: its mean
    at most 0.01 and at most 2 % of those pixels over 0.05 (before h46-s1neck: the tone's share blurred ~6 px over the
    wall, mean 0.056, 36 % over 0.05, up to 0.34: the light ramp `test_no_lighter_strip_under_the_near_hair_end`
    reads once the neck layer moves it; now 0.001 and 0.4 %)."""
    image, lm = lp_s1_512
    animator = set_up_copy(image, lm, mesh_options(AnimateOptions()))
    ox, oy = animator.box[:2]  # the crop's corner, image px
    x0, y0, x1, y1 = BESIDE
    on_crop = slice(y0 - oy, y1 - oy), slice(x0 - ox, x1 - ox)
    a, b, c, d = WALL
    wall = float(np.median(grey_image(image)[b:d, a:c]))
    on_wall = grey_image(np.clip(animator.layer.plate[on_crop], 0, 255).astype(np.uint8)) >= wall - GAP
    assert on_wall.sum() > 300  # the wall's fill covers about half the box
    share = animator.layer.laid_tone(None)[on_crop][on_wall]
    assert share.mean() <= 0.01 and (share > 0.05).mean() <= 0.02, (share.mean(), (share > 0.05).mean())
