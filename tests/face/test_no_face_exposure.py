"""A photo or driving video too dark to find a face in says so in its one error line (h28-fresh find (9)): sr_8
darkened (gamma 2.5 x 0.6, mean level 6-7 of 255) read "no face found", exit 2, with no hint; now "no face found;
the image is very dark (mean level 7 of 255): brighten it". A faceless picture of ordinary exposure gets no hint."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest

from facereel.errors import InputError
from facereel.face.every_face import track_faces
from facereel.face.exposure import Exposure
from facereel.face.tracking import track_frames, track_image
from facereel.media.image import read_image
from facereel.media.video import open_video


def _darkened(image: np.ndarray, gamma: float = 2.5, gain: float = 0.6) -> np.ndarray:
    """The image under `gamma`, times `gain` (by default the fresh sweep's underexposed photo)."""
    return np.round(255 * gain * (image / 255.0) ** gamma).astype(np.uint8)


def test_a_dark_photo_is_told_to_brighten(shared_data: Path):
    dark = _darkened(read_image(shared_data / "portraits" / "sr_8.png"))
    for track in (track_image, track_faces):
        with pytest.raises(InputError, match=r"dark.png: no face found; the image is very dark \(mean level \d of "
                                             r"255\): brighten it$"):
            track(dark, what="dark.png")


def test_dark_driving_frames_are_told_to_brighten(shared_data: Path):
    """lp_d18 at 0.05 of its light (mean level 6; its face is still found under gamma 2.5 x 0.1, mean 5.5)."""
    with open_video(shared_data / "driving" / "lp_d18.mp4") as video:
        frames = [_darkened(frame, 1.0, 0.05) for frame in itertools.islice(video.frames(), 0, 30, 10)]
    with pytest.raises(InputError, match=r"no face found in any frame; the frames are very dark \(mean level \d+ of "
                                         r"255\): brighten them$"):
        track_frames(iter(frames), 30.0, what="driver.mp4")


def test_a_faceless_ordinary_picture_gets_no_hint(shared_data: Path):
    """sr_8's wall (its left 300 columns, no face) at its own exposure: the bare error."""
    wall = np.ascontiguousarray(read_image(shared_data / "portraits" / "sr_8.png")[:, :300])
    with pytest.raises(InputError, match=r"wall.png: no face found$"):
        track_image(wall, what="wall.png")


def test_bright_and_flat_hints():
    assert Exposure(240.0, 30.0).hint() == "the image is very bright (mean level 240 of 255): darken it"
    assert Exposure(120.0, 5.0).hint("the frames are") == ("the frames are very flat (grey levels spread 5): raise "
                                                           "their contrast")
    assert Exposure(120.0, 40.0).hint() is None
