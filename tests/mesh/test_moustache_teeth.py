"""lp_s12's synthetic upper teeth under his moustache (issue #9 item 3, `bench/moustache_teeth.py`): lit like bare
teeth (`figures/dub_teeth.py` ratio 0.80-0.96 of the cheeks' L* over preset:laugh's open frames at 512 px) they
read as a white band under the dark hair; in the moustache's shade (`mouth_synthetic.overhang_share`, 0.63-0.76;
0.65-0.78 since the cavity's wall they are shaded towards is built from the lower lip, `cavity_lip`) darker than
the bare-teeth portraits' (means 0.86-1.17, `bench/moustache_teeth.py`), still warm teeth.
Portraits whose upper lip is lip, not hair, get no shade (their mouths drawn as before)."""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.figures.dub_teeth import dub_teeth
from facereel.engines.mesh.figures.teeth_band import TALKING, teeth_band
from facereel.engines.mesh.open_mouth.mouth import MouthRenderer
from facereel.face.tracking import track_image
from facereel.media.image import read_image


def test_teeth_under_a_moustache_are_in_its_shade(laughing):
    """The read frames' teeth under 0.8 of the cheeks' L* (before: 0.80-0.96), none clipped white, over
    0.5 (teeth, not cavity), and warm (`teeth_band`'s grey under 0.1, as `test_teeth_band`'s bound)."""
    frames = laughing("lp_s12")
    reads = [r for frame, t in frames if (r := dub_teeth(frame, t)) is not None]
    assert len(reads) >= 4
    ratios = np.array([r[0] for r in reads])
    assert ratios.max() < 0.8 and ratios.min() > 0.5, ratios
    assert max(r[1] for r in reads) == 0.0
    assert max(teeth_band(frame, t, TALKING)[1] for frame, t in frames) < 0.1


def test_lips_without_a_moustache_get_no_shade(shared_data):
    """lp_s0, lp_s1, lp_s3 (upper lip 0.85-0.91 of the lower's L*), lp_s6 (a statue's shaded upper lip, 0.66) and
    sr_18 at 512 px: no moustache read, so their synthetic teeth are drawn as before."""
    for name in ("lp_s0.jpg", "lp_s1.jpg", "lp_s3.jpg", "lp_s6.jpg", "sr_18.png"):
        image = read_image(shared_data / "portraits" / name)
        scale = 512 / max(image.shape[:2])
        image = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        assert MouthRenderer(image, track_image(image).landmarks[0], "synthetic").overhang == 0.0, name


def test_built_in_faces_get_no_shade(face):
    """The astronaut and grace_hopper (her painted, shaded upper lip 0.59 of the lower's L*): no moustache read."""
    assert MouthRenderer(*face, "synthetic").overhang == 0.0
