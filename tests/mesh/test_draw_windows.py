"""The draw stage's windowed helpers (issue #9's speed) equal the full-crop forms they replace on real frames:
`OutlineSkin._closed` (`draw_kernels.disc_close` on the points' box) against `cv2.morphologyEx`'s closing of the
edge-padded window, and `smooth_rows` (on `band_window`) against the blur of the whole crop, bit for bit."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from mesh_faces import portrait, shared_animator

from facereel.engines.mesh import animator as animator_module
from facereel.engines.mesh.head_edge import outline_skin
from facereel.engines.mesh.head_edge.unfolded_fill import ROW_BLUR
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


def _whole_crop_rows(part: np.ndarray, unfolded: np.ndarray, face_px: float) -> np.ndarray:
    """`smooth_rows` as drawn before, on the whole of `part` (a copy returned)."""
    sigma = max(0.5, ROW_BLUR * face_px)
    size = (1, 2 * int(np.ceil(3 * sigma)) + 1)
    weight = unfolded[..., None]
    colour = cv2.GaussianBlur(part * weight, size, 0, sigmaY=sigma)
    share = cv2.GaussianBlur(unfolded, size, 0, sigmaY=sigma)[..., None]
    blurred = colour / np.maximum(share, 1e-6)
    return np.rint(part + weight * (blurred - part)).astype(np.uint8)


@pytest.mark.slow
def test_the_windowed_draw_helpers_equal_their_whole_crop_forms(monkeypatch):
    """sr_8 x preset:turn: every closing `OutlineSkin.apply` asks for (three radii, 7-37 px) and every band
    `smooth_rows` blurs, each against its full-crop form on the same arrays; both ran on each frame."""
    engine = shared_animator("sr_8")
    targets = retarget(portrait("sr_8")[1], preset_motion("turn"), RetargetOptions().for_engine("mesh"))
    closed_inner, rows_inner = outline_skin.OutlineSkin._closed, animator_module.smooth_rows
    seen = {"closed": 0, "rows": 0}

    def closed(support, rows, cols, k):
        out = closed_inner(support, rows, cols, k)
        assert np.array_equal(out, _cv2_closed(support, rows, cols, k)), k
        seen["closed"] += 1
        return out

    def smooth(part, unfolded, face_px):
        whole = _whole_crop_rows(part, unfolded, face_px)
        rows_inner(part, unfolded, face_px)
        assert np.array_equal(part, whole)
        seen["rows"] += 1

    monkeypatch.setattr(outline_skin.OutlineSkin, "_closed", staticmethod(closed))
    monkeypatch.setattr(animator_module, "smooth_rows", smooth)
    for k in FRAMES:
        engine.render(targets[k])
    assert seen["closed"] >= 2 * len(FRAMES) and seen["rows"] == len(FRAMES), seen
