"""`mouth_shape.cheek_light`'s `mouth`, the light on the mouth that the driver's interior is matched to: a side-lit
face's between its cheeks (sr_1's clip, h48-sr1dub), every other face's the cheeks' median as before."""

from __future__ import annotations

from itertools import islice
from pathlib import Path

import cv2
import numpy as np
import pytest

from facereel.engines.mesh.open_mouth.mouth_driver import to_lab
from facereel.engines.mesh.open_mouth.mouth_shape import cheek_light, skin_colour
from facereel.face.tracking import track_frames
from facereel.media.video import open_video


@pytest.mark.parametrize("name", ["lp_s0.jpg", "lp_s1.jpg", "lp_s3.jpg", "lp_s12.jpg", "sr_4.png", "sr_8.png",
                                  "sr_18.png"])
def test_evenly_lit_photo_reads_its_cheeks_median(shared_data: Path, name: str):
    """The stills' cheeks part by 1.55 at most (lp_s0; `_SIDE_LIT` starts at 1.6): their light bit for bit as
    `skin_colour`'s, so their renders do not move."""
    image = cv2.cvtColor(cv2.imread(str(shared_data / "portraits" / name)), cv2.COLOR_BGR2RGB)
    track = track_frames([image], 25.0)
    assert track.valid[0]
    np.testing.assert_array_equal(cheek_light(image, track.landmarks[0]).mouth, skin_colour(image, track.landmarks[0]))


def test_side_lit_clip_reads_between_its_cheeks(shared_data: Path):
    """sr_1's frames 34-37 (its right cheek L* 48-52, its left 23-25 in shade): the cheeks' median falls on the
    shaded one (L* 26-27), which dimmed lp_d12's dubbed wide opening to 0.57 of the lips' L* (the driver's own 0.77,
    `tests/v2v/test_dub_opening_light.py`); the light between them is at least 1.3x as light and under the lit
    cheek's."""
    with open_video(shared_data / "driving" / "sr_1.mp4") as video:
        frames = list(islice(video.frames(), 34, 38))
    track = track_frames(frames, 25.0)
    assert track.valid.all()
    for frame, landmarks in zip(frames, track.landmarks):
        median = float(to_lab(skin_colour(frame, landmarks))[0])
        light = float(to_lab(cheek_light(frame, landmarks).mouth)[0])
        assert 1.3 * median <= light <= 45, (median, light)
