"""lp_s12's cavity under his moustache (issue #9 item 3, `bench/moustache_cavity.py`): built from the lips' median,
mostly hair (L* 34; his lower lip 44), his synthetic cavity over preset:laugh's open frames at 512 px was drawn near
black: `figures/black_slot.py`'s darkest tenth of the opening's L* 12.1 and near-black share 0.15 over frames 20-35
(his own closed mouth's slit: 16.0 and 0.08). From the lower lip (`mouth_synthetic.cavity_lip`): 15.3 and 0.10.
Portraits whose upper lip is lip, not hair, keep the lips' median."""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.figures.black_slot import black_slot, lightness_steps
from facereel.engines.mesh.open_mouth.mouth import MouthRenderer
from facereel.engines.mesh.open_mouth.mouth_shape import lip_colour
from facereel.face.tracking import track_image
from facereel.media.image import read_image


def test_cavity_under_a_moustache_is_not_near_black(laughing):
    """lp_s12's read frames (every 6th, from `TALKING` mouth widths): the opening's darkest tenth over L* 14 on
    average (before: 11.8; now 15.1) and under 0.12 of it near black (before: 0.17; now 0.11)."""
    frames = laughing("lp_s12")
    reads = np.array([(lightness_steps(frame, t, (0.1,))[0], black_slot(frame, t)) for frame, t in frames])
    assert len(reads) >= 4
    assert reads[:, 0].mean() > 14.0, reads
    assert reads[:, 1].mean() < 0.12, reads


def test_lips_without_a_moustache_keep_their_cavity(shared_data):
    """lp_s0, lp_s1, lp_s3 and sr_18 at 512 px: no moustache read, so the cavity is built from the lips' median as
    before (their mouths drawn bit-identical)."""
    for name in ("lp_s0.jpg", "lp_s1.jpg", "lp_s3.jpg", "sr_18.png"):
        image = read_image(shared_data / "portraits" / name)
        scale = 512 / max(image.shape[:2])
        image = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        lm = track_image(image).landmarks[0]
        np.testing.assert_array_equal(MouthRenderer(image, lm, "synthetic").colours.lip, lip_colour(image, lm),
                                      err_msg=name)
