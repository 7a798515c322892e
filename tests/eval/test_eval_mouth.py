"""Mouth metrics on real talking faces: range ratio and correlation, realism proxy vs a flat grey mouth."""

from __future__ import annotations

import itertools

import cv2
import numpy as np
import pytest

from facereel.eval import mouth
from facereel.eval.faces import FaceSeries
from facereel.face.tracking import track_frames


def _frames(path, step: int = 3, count: int = 24) -> list[np.ndarray]:
    from facereel.media.video import open_video

    with open_video(path) as video:
        return list(itertools.islice(video.frames(), 0, step * count, step))


@pytest.fixture(scope="module")
def laughing(shared_clip):
    """lp_d18 (strong expressions): every 3rd frame (0.12 s apart) and their tracked faces."""
    frames = _frames(shared_clip("lp_d18.mp4"), count=80)
    return frames, FaceSeries.from_track(track_frames(iter(frames), 8.0))


def test_range_ratio_and_correlation(laughing):
    frames, driver = laughing
    valid = driver.valid
    assert mouth.range_ratio(driver.features, driver.features, valid) == pytest.approx(1.0)
    assert mouth.correlation(driver.features, driver.features, valid) == pytest.approx(1.0)
    still = FaceSeries.from_track(track_frames(itertools.repeat(frames[0], len(frames)), 8.0))
    assert mouth.range_ratio(still.features, driver.features, valid & still.valid) < 0.05
    half = driver.features.copy()
    half[:, mouth._MOUTH_OPEN] *= 0.5
    assert mouth.range_ratio(half, driver.features, valid) == pytest.approx(0.5)


def _grey_mouth(frame: np.ndarray, landmarks: np.ndarray) -> np.ndarray:
    """The inner mouth painted flat grey with a pink rim (the old synthetic interior)."""
    out = frame.copy()
    polygon = np.round(landmarks[mouth._INNER, :2]).astype(np.int32)
    cv2.fillPoly(out, [polygon], (128, 128, 128))
    cv2.polylines(out, [polygon], True, (220, 120, 130), 2)
    return out


def test_realism_separates_real_open_mouths_from_a_grey_band(laughing, shared_clip):
    """Reference from two other drivers (lp_d11, lp_d3); scored on lp_d18's open mouths, held out."""
    stats = []
    for name in ("lp_d11.mp4", "lp_d3.mp4"):
        frames = _frames(shared_clip(name), step=4, count=30)
        track = track_frames(iter(frames), 6.0)
        stats += [s for f, p in zip(frames, track.landmarks) if (s := mouth.interior_stats(f, p)) is not None]
    reference = mouth.Reference.from_stats(np.asarray(stats))
    frames, driver = laughing
    real, grey = [], []
    for frame, points in zip(frames, driver.landmarks):
        if (s := mouth.interior_stats(frame, points)) is not None:
            real.append(mouth.realism(s, reference))
            grey.append(mouth.realism(mouth.interior_stats(_grey_mouth(frame, points), points), reference))
    assert len(real) >= 8
    assert max(real) < 1.6 and min(grey) > 2.0


def test_closed_mouth_has_no_interior_and_packaged_reference_loads(grace_hopper):
    from facereel.face.tracking import track_image

    assert mouth.interior_stats(grace_hopper, track_image(grace_hopper).landmarks[0]) is None  # lips closed
    reference = mouth.packaged_reference()
    assert reference.count > 100 and reference.mean.shape == (len(mouth.STAT_NAMES),)
    assert (reference.std > 0).all()
