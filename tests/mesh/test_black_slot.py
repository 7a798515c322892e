"""The driver's mouth not carried as a flat black slot (`figures/black_slot.py`): lp_s0 (../shared/data; skipped when
absent) at 512 px driven by sr_1 from its frame 30 (the reference, its mouth open) at `--multiplier 1.5`, so the
portrait opens flatter than sr_1 and its interior keeps its height for its width (`mouth_driver.unsqueezed_map`).
Centred, only sr_1's black cavity showed between the lips, its upper teeth under the target's upper lip; hung
half-way from the upper lip the teeth show under it."""

from __future__ import annotations

import numpy as np
import pytest
from mesh_faces import portrait
from test_mouth_options import _driver
from test_mouth_teeth import _shrunk

from facereel.engines.mesh import MeshAnimator, MeshOptions
from facereel.engines.mesh.figures.black_slot import black_slot, teeth_light
from facereel.engines.mesh.open_mouth.mouth import DriverFrame
from facereel.face.face_track import FaceTrack
from facereel.motion.extract import extract_motion
from facereel.motion.retarget import RetargetOptions, retarget

REFERENCE = 30  # sr_1's first frame of the cut driver (h23-fresh's sweep)
TALKING = (47, 48, 49)  # sr_1 frames showing its upper teeth whose target opening is under 0.4 of its own


@pytest.fixture(scope="module")
def lp_s0_on_sr_1():
    """(lp_s0 at 512 px, the sr_1 frames `TALKING`, their landmarks, their targets at multiplier 1.5)."""
    image, lm = _shrunk(*portrait("lp_s0"))
    frames, driver_lm = _driver("sr_1", (REFERENCE,) + TALKING)
    track = FaceTrack(landmarks=driver_lm, valid=np.ones(len(driver_lm), bool),
                      confidence=np.ones(len(driver_lm), np.float32), fps=25.0, frame_size=(0, 0))
    targets = retarget(lm, extract_motion(track), RetargetOptions(smoothing=None, multiplier=1.5).for_engine("mesh"))
    return image, lm, frames[1:], driver_lm[1:], targets[1:]


def test_the_carried_mouth_shows_the_drivers_upper_teeth(lp_s0_on_sr_1):
    """sr_1's own openings hold teeth (teeth-light share > 0.1) and are less than half near black; carried into
    lp_s0's flatter openings, teeth-light pixels on every frame (> 0.03; the interior centred, the engine before:
    0.08 / 0 / 0, now 0.17 / 0.07 / 0.11) and near black under 0.68 of the opening on average (before 0.70, now
    0.65)."""
    image, lm, frames, driver_lm, targets = lp_s0_on_sr_1
    assert np.mean([teeth_light(f, d) for f, d in zip(frames, driver_lm)]) > 0.1
    assert np.mean([black_slot(f, d) for f, d in zip(frames, driver_lm)]) < 0.5
    animator = MeshAnimator(image, lm, MeshOptions(eyes=False))
    outs = [animator.render(t, driver=DriverFrame(f, d)) for t, f, d in zip(targets, frames, driver_lm)]
    black = [black_slot(o, t) for o, t in zip(outs, targets)]
    teeth = [teeth_light(o, t) for o, t in zip(outs, targets)]
    assert min(teeth) > 0.03, teeth
    assert np.mean(black) < 0.68, black
