"""Every face of a group, small ones included: on a 1280x720 frame with two real portraits side by side at
360 px high (faces ~80 px wide), the whole-frame detector sees only one face; counting a group (`every_face`)
adds the half-frame tiles, so both are found, numbered from the left, and `--face-index all` animates both."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from group_photo import side_by_side

from facereel import PortraitAnimator
from facereel.face.every_face import track_faces
from facereel.face.tracking import detect_faces
from facereel.media.image import read_image
from facereel.motion.presets import preset_motion


@pytest.fixture(scope="module")
def small_group(shared_data: Path) -> np.ndarray:
    """lp_s1 | sr_18 (a crowd blurred behind him) at 360 px high, centred low on a grey 1280x720 frame."""
    pair = side_by_side([read_image(shared_data / "portraits" / name) for name in ("lp_s1.jpg", "sr_18.png")], 360)
    frame = np.full((720, 1280, 3), 90, np.uint8)
    x = (1280 - pair.shape[1]) // 2
    frame[300:660, x:x + pair.shape[1]] = pair
    return frame


def test_every_face_of_a_group_is_found(small_group: np.ndarray) -> None:
    assert len(detect_faces(small_group)) == 1  # the whole frame alone misses the smaller face
    faces = track_faces(small_group)
    assert len(faces) == 2  # both portraits; the crowd behind sr_18 is left out (the face mesh does not find it)
    centres = faces[:, :, 0].mean(1)
    assert centres[0] < 640 < centres[1]


def test_face_index_all_animates_the_small_face_too(small_group: np.ndarray) -> None:
    video = PortraitAnimator("mesh", face_index="all")(small_group, preset_motion("talk", seconds=0.5))
    faces = track_faces(small_group)
    for landmarks in faces:
        (x0, y0), (x1, y1) = landmarks[:, :2].min(0).astype(int), landmarks[:, :2].max(0).astype(int)
        moved = max(np.abs(frame[y0:y1, x0:x1].astype(int) - small_group[y0:y1, x0:x1]).max() for frame in video.frames)
        assert moved > 30
