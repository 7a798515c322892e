"""lp_s12's laugh under his moustache (issue #9, h40-s12laugh, `figures/short_opening.py`): preset:laugh frames
25-28 at 512 px open his mouth 0.056-0.073 face widths (source repeated: 0.001), lp_s1's 0.097-0.118: a pale slab under
the moustache, the cavity a 2 px line. The retarget scales the opening by the tracked mouth's width, narrow where the
moustache hides the corners; not mended (docs/mesh-engine.md "Mouth": a short opening under a moustache)."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from facereel.engines.mesh.figures.short_opening import opening_height
from facereel.face.tracking import track_image
from facereel.media.image import read_image
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

FRAMES = slice(25, 29)
"""preset:laugh's frames where lp_s12's opening read as a pale slab (h40-sweep)."""


def _laugh_openings(shared_data, name: str) -> tuple[float, np.ndarray]:
    """(the source's opening, preset:laugh's `FRAMES` openings) in face widths of portrait `name` at 512 px."""
    image = read_image(shared_data / "portraits" / f"{name}.jpg")
    scale = 512 / max(image.shape[:2])
    image = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    lm = track_image(image).landmarks[0]
    targets = retarget(lm, preset_motion("laugh", 4.0), RetargetOptions().for_engine("mesh"))[FRAMES]
    return opening_height(lm), np.array([opening_height(t) for t in targets])


def test_laugh_opens_a_bare_mouth(shared_data):
    """lp_s1 (no moustache) opens preset:laugh 25-28 over 0.09 face widths, from a near-closed 0.03."""
    rest, opened = _laugh_openings(shared_data, "lp_s1")
    assert rest < 0.04 and (opened > 0.09).all(), (rest, opened)


@pytest.mark.xfail(strict=True, reason="the retarget scales the opening by the tracked mouth width, narrow under "
                   "lp_s12's moustache (docs/mesh-engine.md)")
def test_laugh_opens_a_mouth_under_a_moustache(shared_data):
    """lp_s12 opens preset:laugh 25-28 at least 0.8 of lp_s1's height in face widths (now 0.58-0.62 of it)."""
    _, moustached = _laugh_openings(shared_data, "lp_s12")
    _, bare = _laugh_openings(shared_data, "lp_s1")
    assert (moustached >= 0.8 * bare).all(), moustached / bare
