"""The photo's lip seam along an opened lower lip (`figures/lip_seam.py`, `lip_edge.py`): 0 on a closed mouth, low on
real open mouths; grace_hopper's dark crease no longer drawn along her opened lower lip, and the figure catches a
dark line drawn there."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from matplotlib import cbook

from facereel.engines.mesh.animator import MeshAnimator, MeshOptions
from facereel.engines.mesh.figures.lip_seam import lip_seam
from facereel.engines.mesh.figures.teeth_band import TALKING, teeth_band_reads
from facereel.face import landmark_ids as ids
from facereel.face.tracking import track_image
from facereel.media.image import read_image
from facereel.media.video import open_video
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

_REAL = (20, 40, 60, 80, 120, 140, 160, 180)  # lp_d12's open mouths (speech)


@pytest.fixture(scope="module")
def grace_talking() -> list[tuple[np.ndarray, np.ndarray]]:
    """grace_hopper at 512 px (as `animate --size 512`), preset:talk's open frames (every 3rd, from `TALKING`
    mouth widths), synthetic interior: (frame, target landmarks)."""
    image = read_image(cbook.get_sample_data("grace_hopper.jpg", asfileobj=False))
    scale = 512 / max(image.shape[:2])
    image = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    lm = track_image(image).landmarks[0]
    targets = retarget(lm, preset_motion("talk", 4.0), RetargetOptions().for_engine("mesh"))[::3]
    animator = MeshAnimator(image, lm, MeshOptions(mouth_interior="synthetic"))
    return [(animator.render(t), t) for t in targets if teeth_band_reads(t, TALKING)]


def test_closed_mouth_reads_zero(face):
    """A closed mouth (grace_hopper; the source repeated) reads 0."""
    image, lm = face
    if not teeth_band_reads(lm, TALKING):
        assert lip_seam(image, lm) == 0.0


def test_real_open_mouths_read_low(shared_data):
    """lp_d12's speech: its lower lips are lit at their inner edge, under 12 grey levels on average (5.4)."""
    with open_video(shared_data / "driving" / "lp_d12.mp4") as video:
        frames = [f for k, f in zip(range(max(_REAL) + 1), video.frames()) if k in _REAL]
    values = [lip_seam(f, lm) for f in frames for lm in [track_image(f).landmarks[0]] if teeth_band_reads(lm, TALKING)]
    assert len(values) > 5
    assert np.mean(values) < 12, values


def test_grace_hoppers_seam_stays_shut(grace_talking):
    """grace_hopper at 512 px, preset:talk: under 20 grey levels on average (15.0 with the seam lifted towards the
    lower lip's lit colour, `lip_edge.LIT`; 25.6 towards the whole lip's median, the bound 32 until the h18 mouth
    round, tightened to catch that; 40 with the opening's anti-aliased edge spread half a px onto the lip, before
    `mouth._opening_edge`; her photo's dark crease carried down with the lower lip read 63 before `lip_edge.py`; the
    source repeated 0)."""
    assert len(grace_talking) > 8
    values = [lip_seam(f, t) for f, t in grace_talking]
    assert np.mean(values) < 20, np.mean(values)


def test_figure_catches_a_drawn_line(grace_talking):
    """The same frames with a 1 px line at half their brightness drawn 1.5 px under the lower inner lip read over
    10 grey levels higher (40 -> 100 before the opening's fill ended on the lower lip, h17 mouth3)."""
    plain, lined = [], []
    for frame, t in grace_talking:
        plain.append(lip_seam(frame, t))
        mask = np.zeros(frame.shape[:2], np.uint8)
        edge = t[list(ids.INNER_LOWER_LIP), :2] + np.array([0.0, 1.5])
        cv2.polylines(mask, [np.round(edge).astype(np.int32)], False, 1, 1)
        drawn = frame.copy()
        drawn[mask > 0] //= 2
        lined.append(lip_seam(drawn, t))
    assert np.mean(lined) > np.mean(plain) + 10, (np.mean(plain), np.mean(lined))
