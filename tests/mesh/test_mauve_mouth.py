"""A driver's mouth colour-matched into a dim, warm-lit portrait (`figures/mauve_mouth.py`, `mouth_driver._DIMMER`):
sr_4 (../shared/data; skipped when absent) at 256 px driven by lp_d12 cut at frames 140-170, frames 24-30 of the
clip, where the driver opens widest (`test_hung_teeth`'s set-up). Its tongue and cavity, mauve against its own
lips, kept their blue in sr_4's yellow face: a purple opening."""

from __future__ import annotations

import numpy as np
import pytest
from mesh_faces import portrait
from test_hung_teeth import laugh_frames

from facereel.engines.mesh.figures.mauve_mouth import bluer_share, dim_colour
from facereel.engines.mesh.open_mouth.mouth_driver import dimmer_light, to_lab
from facereel.engines.mesh.open_mouth.mouth_shape import skin_colour


@pytest.fixture(scope="module")
def sr_4_laugh():
    """`test_hung_teeth.laugh_frames`: sr_4 at 256 x lp_d12 140-170, frames 24-30 (made once for this file)."""
    return laugh_frames()


def test_sr_4s_opening_is_no_bluer_against_its_lips_than_the_drivers(sr_4_laugh):
    """The share of the opening's coloured pixels over 20 degrees bluer than the lips (`bluer_share`), mean over the
    frames, at most half the driver's own there (0.21): before 0.30 (each frame 0.22-0.39, a purple opening in the
    olive face), now 0.002; and it reads as every frame's (an opening is there to read)."""
    frames, landmarks, drivers, driver_lm = sr_4_laugh
    drawn = [bluer_share(frame, lm) for frame, lm in zip(frames, landmarks)]
    own = [bluer_share(frame, lm) for frame, lm in zip(drivers, driver_lm)]
    assert not np.isnan(drawn).any() and np.mean(own) > 0.1
    assert np.mean(drawn) < 0.5 * np.mean(own)


def test_sr_4s_opening_is_no_more_colourful_for_its_light_than_the_drivers(sr_4_laugh):
    """`dim_colour` (the opening's chroma over L* + 16, over the skin's), mean over the frames, at most the driver's
    own (1.08): before 1.16 (the lightness dimmed, the chroma kept), now 0.96."""
    frames, landmarks, drivers, driver_lm = sr_4_laugh
    drawn = np.mean([dim_colour(frame, lm) for frame, lm in zip(frames, landmarks)])
    assert drawn < np.mean([dim_colour(frame, lm) for frame, lm in zip(drivers, driver_lm)])


def test_only_a_far_dimmer_portrait_reads_as_under_another_light():
    """`dimmer_light` on the ../shared/data photos' cheeks against lp_d12's (skin L* 58): sr_4 (0.77) in full-ish,
    lp_s6 (the darkest other neutral-lit one, 0.92) and lp_s1 not at all."""
    driver = np.array([58.2, 24.8, 20.5], np.float32)
    shares = {name: dimmer_light(driver, to_lab(skin_colour(*portrait(name)))) for name in ("sr_4", "lp_s6", "lp_s1")}
    assert shares["sr_4"] > 0.8 and shares["lp_s6"] == 0 and shares["lp_s1"] == 0
