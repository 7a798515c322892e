"""Retargeted blinks: closed lids keep the source's own lid shape (no V on a narrow eye), and a quick blink
reaches closed through the smoothing."""

from __future__ import annotations

import numpy as np
import pytest

from facereel.face import landmark_ids as ids
from facereel.face.face_track import FaceTrack
from facereel.face.pose import estimate_pose
from facereel.motion.extract import extract_motion
from facereel.motion.features import INDEX, expression_features
from facereel.motion.retarget import RetargetOptions, retarget

EYES = ((ids.RIGHT_EYE_CORNERS, ids.RIGHT_UPPER_LID, ids.RIGHT_LOWER_LID),
        (ids.LEFT_EYE_CORNERS, ids.LEFT_UPPER_LID, ids.LEFT_LOWER_LID))


def _track(frames: np.ndarray, fps: float = 25.0) -> FaceTrack:
    n = len(frames)
    return FaceTrack(frames.astype(np.float32), np.ones(n, bool), np.ones(n, np.float32), fps, (512, 512))


def across(points: np.ndarray, corners: tuple[int, int], lid: tuple[int, ...]) -> np.ndarray:
    """(N,) canonical y of lid points below the line through the eye corners (at each point's x), in eye widths."""
    c = estimate_pose(points[None])[1][0]
    a, b = c[corners[0]], c[corners[1]]
    u = (c[list(lid), 0] - a[0]) / (b[0] - a[0])
    return (c[list(lid), 1] - (a[1] + u * (b[1] - a[1]))) / abs(b[0] - a[0])


def narrowed(points: np.ndarray, k: float) -> np.ndarray:
    """Landmarks (478, 3) px with both eyes' lid points drawn towards their corner line to k of their distance."""
    out = points.copy()
    for corners, upper, lower in EYES:
        a, b = points[corners[0]], points[corners[1]]
        lid = list(upper + lower)
        u = (points[lid, 0] - a[0]) / (b[0] - a[0])
        line = a[1] + u * (b[1] - a[1])
        out[lid, 1] = line + k * (points[lid, 1] - line)
    return out


def shut(points: np.ndarray) -> np.ndarray:
    """Landmarks (478, 3) px with each upper lid on its lower lid."""
    out = points.copy()
    for _, upper, lower in EYES:
        out[list(upper)] = points[list(lower)]
    return out


def test_a_narrow_eye_closes_without_bending_into_a_v(source: np.ndarray, driver: np.ndarray) -> None:
    narrow = narrowed(source, 0.5)
    out = retarget(narrow, extract_motion(_track(np.stack([driver, shut(driver)]))), RetargetOptions(smoothing=None))
    for corners, upper, lower in EYES:
        src_up, src_lo = across(narrow, corners, upper), across(narrow, corners, lower)
        up, lo = across(out[1], corners, upper), across(out[1], corners, lower)
        assert (lo - up).mean() < 0.15 * (src_lo - src_up).mean()  # closed
        # both lids stay between the source's own lids: the driver's deeper lid travel bent them below the
        # lower lid (a V down the cheek) before the lids took the source's shape
        assert (up > src_up - 0.01).all() and (lo < src_lo + 0.01).all()
        assert (up < src_lo + 0.01).all()


def test_a_quick_blink_reaches_closed_through_the_smoothing(source: np.ndarray, driver: np.ndarray) -> None:
    frames = np.repeat(driver[None], 30, axis=0)
    frames[12:15] = shut(driver)  # shut for three frames at 25 fps, as lp_d3's blinks
    out = retarget(source, extract_motion(_track(frames)))  # default One-Euro smoothing
    f = expression_features(estimate_pose(out)[1])
    src = expression_features(estimate_pose(source[None])[1])[0]
    for side in ("right", "left"):
        k = INDEX[f"eye_open_{side}"]
        assert f[12:15, k].min() < 0.1 * src[k]  # 0.00-0.02 (0.24 before the blink filter, BLINK_BETA)
        assert f[-1, k] == pytest.approx(src[k], abs=0.02)  # and opens again
