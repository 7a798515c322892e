"""The driver's upper teeth under a turned face's upper lip (issue #9 item 3; h28-twoface's "left: the flat dark
mouth", h27-fresh's find (9)): sr_18 (../shared/data; skipped when absent) cut to x 700-1600 and halved (a face of
~190 px) driven by sr_1 from its frame 30 (the reference, its mouth open), sr_1 frame 42 (output frame 12: its upper
teeth over its dark cavity). The interior hangs from the target's upper lip column by column
(`mouth_driver.hung_from_lip`), but was hung by the driver's contour shrunk about its centre (`lip_band_cut`,
sr_1's 0.15): sr_1's teeth lie right under its tracked upper lip, so the shrunk lip ran through them and their upper
half hung above the target's lip, behind it: a thin teeth line over a flat dark-maroon cavity. Hung by the tracked
upper lip they show under it."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from mesh_faces import landmarks, portrait
from test_mouth_options import _driver

from facereel.engines.mesh import MeshAnimator, MeshOptions
from facereel.engines.mesh.figures.black_slot import UPPER_BAND, teeth_light
from facereel.engines.mesh.open_mouth.mouth import DriverFrame
from facereel.face.face_track import FaceTrack
from facereel.motion.extract import extract_motion
from facereel.motion.retarget import RetargetOptions, retarget

REFERENCE, SHOWN = 30, 42  # sr_1 frames: the cut driver's first (h27-fresh's sweep: 30-80) and output frame 12
COLUMNS, SCALE = (700, 1600), 0.5  # sr_18's cut (x0, x1 px) and its scale


@pytest.fixture(scope="module")
def half_sr_18_on_sr_1():
    """(sr_18 cut and halved, its landmarks, sr_1's frame `SHOWN`, its landmarks, its target)."""
    photo, _ = portrait("sr_18")
    image = np.ascontiguousarray(cv2.resize(photo[:, COLUMNS[0]:COLUMNS[1]], None, fx=SCALE, fy=SCALE,
                                            interpolation=cv2.INTER_AREA))
    lm = landmarks(image)
    if lm is None:
        pytest.skip("no face found in sr_18's cut")
    frames, driver_lm = _driver("sr_1", (REFERENCE, SHOWN))
    track = FaceTrack(landmarks=driver_lm, valid=np.ones(len(driver_lm), bool),
                      confidence=np.ones(len(driver_lm), np.float32), fps=25.0, frame_size=(0, 0))
    targets = retarget(lm, extract_motion(track), RetargetOptions(smoothing=None).for_engine("mesh"))
    return image, lm, frames[1], driver_lm[1], targets[1]


def test_a_turned_face_shows_the_drivers_upper_teeth_under_its_lip(half_sr_18_on_sr_1):
    """sr_1's own opening shows teeth in its upper `UPPER_BAND` (teeth-light 0.23 of it); carried into sr_18's
    opening the same band holds as much (hung by the shrunk contour, the engine before: 0.15; now 0.29)."""
    image, lm, frame, driver_lm, target = half_sr_18_on_sr_1
    own = teeth_light(frame, driver_lm, UPPER_BAND)
    assert own > 0.2, own
    animator = MeshAnimator(image, lm, MeshOptions(eyes=False))
    upper = teeth_light(animator.render(target, driver=DriverFrame(frame, driver_lm)), target, UPPER_BAND)
    assert upper > own, (upper, own)
