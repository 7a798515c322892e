"""A PIL image (or `np.asarray` of one, read-only) given to the API (fresh sweep h26-fresh): mediapipe takes a
read-only array by reference and raised `ValueError: Reference mode is unavailable if 'data' is not c_contiguous`
on the detector's tiles (views cut from it), so a small face (the whole-frame pass misses it) and every group
(`face_index="all"` tries the tiles) crashed `PortraitAnimator` and `edit`, where a path or a writeable array
worked. Now each tile is fed contiguous (`tracking._detect_once`)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from group_photo import on_canvas, resized
from PIL import Image

from facereel import PortraitAnimator
from facereel.face.tracking import detect_faces
from facereel.media.image import read_image


@pytest.fixture(scope="module")
def small_face(shared_data: Path) -> Image.Image:
    """lp_s3 at a quarter size (141 x 182 px, face ~45 px wide) near the top left of a 1280x720 frame."""
    portrait = read_image(shared_data / "portraits" / "lp_s3.jpg")
    quarter = resized(portrait, (portrait.shape[1] // 4, portrait.shape[0] // 4))
    return on_canvas([quarter], [(120, 80)], (1280, 720))


@pytest.fixture(scope="module")
def pair(shared_data: Path) -> Image.Image:
    """lp_s1 at 400 x 400 px | lp_s3 at 340 x 440 px (her face ~0.56 of his width) on an 800 x 500 frame."""
    portraits = [read_image(shared_data / "portraits" / name) for name in ("lp_s1.jpg", "lp_s3.jpg")]
    return on_canvas([resized(portraits[0], (400, 400)), resized(portraits[1], (340, 440))],
                      [(0, 50), (440, 40)], (800, 500))


def test_a_read_only_group_is_counted_as_a_writeable_one(pair: Image.Image) -> None:
    """`np.asarray` of a PIL image is read-only; its faces (tiles tried for a group) are the writeable copy's."""
    read_only = np.asarray(pair)
    assert not read_only.flags.writeable
    faces = detect_faces(read_only, every_face=True)
    assert len(faces) == 2
    assert faces == detect_faces(np.array(pair), every_face=True)


def test_a_small_face_in_a_pil_image_is_edited(small_face: Image.Image) -> None:
    """`edit` on the PIL image (the whole-frame detector misses the ~45 px face, the tiles find it): the mouth
    region moves, the far frame stays."""
    source = np.asarray(small_face)
    edited = PortraitAnimator("mesh").edit(small_face, smile=0.8, mouth_open=0.3)
    moved = np.abs(edited.astype(int) - source).max(axis=2)
    assert moved[135:160, 160:200].max() > 30  # lp_s3's mouth at a quarter size, frame px
    assert moved[400:, 600:].max() == 0
