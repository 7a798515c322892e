"""A driver's mouth colour-matched into a dim, warm-lit portrait (`figures/mauve_mouth.py`, `mouth_driver._DIMMER`):
sr_4 (../shared/data; skipped when absent) at 256 px driven by lp_d12 cut at frames 140-170, frames 24-30 of the
clip, where the driver opens widest. Its tongue and cavity, mauve against its own lips, kept their blue in sr_4's
yellow face: a purple opening."""

from __future__ import annotations

import numpy as np
import pytest
from mesh_faces import PORTRAITS, portrait
from test_mouth_teeth import _shrunk

from facereel.engines.mesh import MeshOptions
from facereel.engines.mesh.choose_engine import mesh_animator
from facereel.engines.mesh.figures.mauve_mouth import bluer_share, dim_colour
from facereel.engines.mesh.open_mouth.mouth import DriverFrame
from facereel.engines.mesh.open_mouth.mouth_driver import dimmer_light, to_lab
from facereel.engines.mesh.open_mouth.mouth_shape import skin_colour
from facereel.face.tracking import track_frames
from facereel.media.video import open_video
from facereel.motion.extract import extract_motion
from facereel.motion.retarget import RetargetOptions, retarget

CUT = (140, 171)  # lp_d12's frames cut into the clip
WIDE = range(24, 31)  # the clip's frames where the driver opens widest


@pytest.fixture(scope="module")
def sr_4_wide():
    """(the rendered frames, their retargeted landmarks, lp_d12's frames, their landmarks) over `WIDE`."""
    path = PORTRAITS.parent / "driving" / "lp_d12.mp4"
    if not path.exists():
        pytest.skip(f"{path} not present")
    with open_video(path) as video:
        clip = [f for _, f in zip(range(CUT[1]), video.frames())][CUT[0]:]
    track = track_frames(iter(clip), 25.0)
    image, lm = _shrunk(*portrait("sr_4"), 256)
    targets = retarget(lm, extract_motion(track), RetargetOptions().for_engine("mesh"))
    animator = mesh_animator(image, lm, MeshOptions(eyes=False))
    frames = [animator.render(targets[k], driver=DriverFrame(clip[k], track.landmarks[k])) for k in WIDE]
    return frames, [targets[k] for k in WIDE], [clip[k] for k in WIDE], [track.landmarks[k] for k in WIDE]


def test_sr_4s_opening_is_no_bluer_against_its_lips_than_the_drivers(sr_4_wide):
    """The share of the opening's coloured pixels over 20 degrees bluer than the lips (`bluer_share`), mean over the
    frames, at most half the driver's own there (0.21): before 0.30 (each frame 0.22-0.39, a purple opening in the
    olive face), now 0.002; and it reads as every frame's (an opening is there to read)."""
    frames, landmarks, drivers, driver_lm = sr_4_wide
    drawn = [bluer_share(frame, lm) for frame, lm in zip(frames, landmarks)]
    own = [bluer_share(frame, lm) for frame, lm in zip(drivers, driver_lm)]
    assert not np.isnan(drawn).any() and np.mean(own) > 0.1
    assert np.mean(drawn) < 0.5 * np.mean(own)


def test_sr_4s_opening_is_no_more_colourful_for_its_light_than_the_drivers(sr_4_wide):
    """`dim_colour` (the opening's chroma over L* + 16, over the skin's), mean over the frames, at most the driver's
    own (1.08): before 1.16 (the lightness dimmed, the chroma kept), now 0.96."""
    frames, landmarks, drivers, driver_lm = sr_4_wide
    drawn = np.mean([dim_colour(frame, lm) for frame, lm in zip(frames, landmarks)])
    assert drawn < np.mean([dim_colour(frame, lm) for frame, lm in zip(drivers, driver_lm)])


def test_only_a_far_dimmer_portrait_reads_as_under_another_light():
    """`dimmer_light` on the ../shared/data photos' cheeks against lp_d12's (skin L* 58): sr_4 (0.77) in full-ish,
    lp_s6 (the darkest other neutral-lit one, 0.92) and lp_s1 not at all."""
    driver = np.array([58.2, 24.8, 20.5], np.float32)
    shares = {name: dimmer_light(driver, to_lab(skin_colour(*portrait(name)))) for name in ("sr_4", "lp_s6", "lp_s1")}
    assert shares["sr_4"] > 0.8 and shares["lp_s6"] == 0 and shares["lp_s1"] == 0
