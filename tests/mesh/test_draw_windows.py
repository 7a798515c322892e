"""The draw stage's windowed helpers (issue #9's speed) equal the full-crop forms they replace on real frames:
`OutlineSkin._closed` (`draw_kernels.disc_close` on the points' box) against `cv2.morphologyEx`'s closing of the
edge-padded window, bit for bit."""

from __future__ import annotations

import cv2
import numpy as np
from mesh_faces import portrait, shared_animator

from facereel.engines.mesh.head_edge import outline_skin
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

FRAMES = range(20, 44, 3)
"""preset:turn frames of sr_8 (a small face turned away in the photo) with the far band unfolded and the outline's
skin drawn in (`OutlineSkin.apply` reads its band on each)."""


def _cv2_closed(support: np.ndarray, rows: np.ndarray, cols: np.ndarray, k: int) -> np.ndarray:
    """The closing as drawn before: OpenCV's on the points' box grown by k, edge-padded by k."""
    r0, r1, c0, c1 = rows.min(), rows.max() + 1, cols.min(), cols.max() + 1
    window = np.pad(support[max(0, r0 - k):r1 + k, max(0, c0 - k):c1 + k], k, mode="edge")
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * k + 1,) * 2)
    closed = cv2.morphologyEx(window, cv2.MORPH_CLOSE, kernel)[k:-k, k:-k]
    return closed[rows - max(0, r0 - k), cols - max(0, c0 - k)]


def test_the_windowed_draw_helpers_equal_their_whole_crop_forms(monkeypatch):
    """sr_8 x preset:turn: every closing `OutlineSkin.apply` asks for (three radii, 7-37 px) against its full-crop
    form on the same arrays."""
    engine = shared_animator("sr_8")
    targets = retarget(portrait("sr_8")[1], preset_motion("turn"), RetargetOptions().for_engine("mesh"))
    closed_inner = outline_skin.OutlineSkin._closed
    seen = {"closed": 0}

    def closed(support, rows, cols, k):
        out = closed_inner(support, rows, cols, k)
        assert np.array_equal(out, _cv2_closed(support, rows, cols, k)), k
        seen["closed"] += 1
        return out

    monkeypatch.setattr(outline_skin.OutlineSkin, "_closed", staticmethod(closed))
    for k in FRAMES:
        engine.render(targets[k])
    assert seen["closed"] >= 2 * len(FRAMES), seen
