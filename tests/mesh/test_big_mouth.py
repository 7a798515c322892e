"""The driver's upper teeth under the upper lip of a big face (issue #9 item 3, h27-fresh's find (8)): lp_s1's face
(../shared/data; skipped when absent) cut to x 150-850, y 60-760 and upscaled 2x (a face of ~650 px) driven by sr_1
from its frame 30 (the reference, its mouth open). The portrait opens flatter than sr_1, so its interior keeps its
height for its width (`mouth_driver.unsqueezed_map`), hung half-way from the upper lip; sr_1's arched upper lip over
lp_s1's flat one then left its upper teeth above the target's lip, a flat dark maroon slot between the lips (output
frames 12 and 40). Hung from the target's upper lip column by column (`mouth_driver.hung_from_lip`) the teeth show
under it, as sr_1's own do."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from mesh_faces import portrait
from test_mouth_options import _driver

from facereel.engines.mesh import MeshAnimator, MeshOptions
from facereel.engines.mesh.figures.black_slot import UPPER_BAND, teeth_light
from facereel.engines.mesh.open_mouth import mouth_driver
from facereel.engines.mesh.open_mouth.mouth import DriverFrame
from facereel.face.face_track import FaceTrack
from facereel.motion.extract import extract_motion
from facereel.motion.retarget import RetargetOptions, retarget

REFERENCE = 30  # sr_1's first frame of the cut driver (h27-fresh's sweep: sr_1 frames 30-80)
SHOWN = (42, 70)  # sr_1 frames (output 12 and 40) showing its upper teeth over its dark cavity
BOX, SCALE = (150, 60, 850, 760), 2  # lp_s1's face box (x0, y0, x1, y1 px) and its upscale: 1400 px


@pytest.fixture(scope="module")
def big_lp_s1_on_sr_1():
    """(lp_s1's face upscaled, its landmarks, the sr_1 frames `SHOWN`, their landmarks, their targets)."""
    photo, lm = portrait("lp_s1")
    x0, y0, x1, y1 = BOX
    image = cv2.resize(photo[y0:y1, x0:x1], None, fx=SCALE, fy=SCALE, interpolation=cv2.INTER_CUBIC)
    lm = (lm - np.array([x0, y0, 0], np.float32)) * SCALE
    frames, driver_lm = _driver("sr_1", (REFERENCE,) + SHOWN)
    track = FaceTrack(landmarks=driver_lm, valid=np.ones(len(driver_lm), bool),
                      confidence=np.ones(len(driver_lm), np.float32), fps=25.0, frame_size=(0, 0))
    targets = retarget(lm, extract_motion(track), RetargetOptions(smoothing=None).for_engine("mesh"))
    return np.ascontiguousarray(image), lm, frames[1:], driver_lm[1:], targets[1:]


@pytest.mark.slow
def test_a_big_face_shows_the_drivers_upper_teeth_under_its_lip(big_lp_s1_on_sr_1):
    """sr_1's own openings show teeth in their upper `UPPER_BAND` (teeth-light 0.23 / 0.71 of it); carried into the
    big face's flatter openings, the same band holds teeth-light pixels on both frames (hung half-way, the engine
    before: 0.02 / 0.22; now 0.16 / 0.82)."""
    image, lm, frames, driver_lm, targets = big_lp_s1_on_sr_1
    own = [teeth_light(f, d, UPPER_BAND) for f, d in zip(frames, driver_lm)]
    assert min(own) > 0.15, own
    animator = MeshAnimator(image, lm, MeshOptions(eyes=False))
    upper = [teeth_light(animator.render(t, driver=DriverFrame(f, d)), t, UPPER_BAND)
             for t, f, d in zip(targets, frames, driver_lm)]
    assert min(upper) > 0.1, upper
    assert np.mean(upper) > 0.3, upper


def test_the_hung_layer_follows_the_target_lip_column_by_column():
    """A layer whose white row lies right under an arched lip, moved by the identity onto a flat lip 8 px higher in
    the middle than the arch's top: hung in full its white row lies right under the flat lip in every column; not
    hung (share 0) it stays under the arch."""
    h, w = 40, 60
    xs = np.arange(w, dtype=np.float32)
    arch = 10 + 8 * ((xs - 30) / 30) ** 2  # y of the arched lip, 10 in the middle, 18 at the ends
    layer = np.zeros((h, w), np.float32)
    for x in range(w):
        layer[int(np.ceil(arch[x])):int(np.ceil(arch[x])) + 2, x] = 1.0
    src_upper = np.stack([xs[::6], arch[::6]], 1)
    flat = np.stack([xs[::6], np.full(len(src_upper), 5.0, np.float32)], 1)
    identity = np.array([[1, 0, 0], [0, 1, 0]], np.float32)
    hung = mouth_driver.hung_from_lip(layer, identity, src_upper, flat, (h, w))
    first = np.argmax(hung > 0.5, axis=0)
    assert np.all(np.abs(first[:55] - 5) <= 1), first
    still = mouth_driver.hung_from_lip(layer, identity, src_upper, flat, (h, w), share=0.0)
    assert np.array_equal(np.argmax(still > 0.5, axis=0)[:55], np.argmax(layer > 0.5, axis=0)[:55])
