"""A driving video on its side or upside down is turned upright before tracking (issue #12; `face/turned_video.py`):
a phone clip filmed sideways without rotation metadata. lp_d18's frames 0-30 turned 90 deg drove lp_s1 with its face
found in 15 of 30 frames, turned 270 deg in 13 or none ("no face found in any frame"; the output's mouth still:
`figures/turned_back.mouth_following` 0.06), upside down in all, by a mesh fitted upside down (0.10). Now the turn
is read from the first frames (the face scores best turned) and every frame is turned so before tracking (one
note). A clip stored on its side whose display matrix sets it upright is read upright (`media.video`) and not turned
again."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import cv2
import numpy as np
import pytest
from pyav_clips import write_frames

from facereel.animate.api import PortraitAnimator
from facereel.animate.inputs import load_motion
from facereel.animate.options import AnimateOptions
from facereel.engines.mesh.figures.turned_back import mouth_following
from facereel.face.tracking import track_video
from facereel.face.turned_video import upright_frames
from facereel.media.image import read_image
from facereel.media.video import open_video

FRAMES = 30
"""lp_d18's first frames cut: its mouth opens and closes twice in them (h32-fresh6's clip)."""

UPRIGHT_TURN = {1: cv2.ROTATE_90_CLOCKWISE, 2: cv2.ROTATE_180, 3: cv2.ROTATE_90_COUNTERCLOCKWISE}
"""The cv2 turn that sets a frame turned `np.rot90(frame, quarters)` upright again, by quarters."""


def _cut(path: Path, shared_data: Path, quarters: int = 0, display: int = 0) -> Path:
    """lp_d18's first `FRAMES` frames turned `quarters` quarter turns anticlockwise (`np.rot90`), written with PyAV
    (H.264) into `path` at lp_d18's rate, with a display matrix turning them `display` deg anticlockwise when not 0
    (PyAV's `set_display_rotation`)."""
    with open_video(shared_data / "driving" / "lp_d18.mp4") as video:
        rate = Fraction(video.fps).limit_denominator(1001)
        frames = [np.ascontiguousarray(np.rot90(frame, quarters)) for _, frame in zip(range(FRAMES), video.frames())]
    return write_frames(path, frames, rate, lossless=False, display=display)


@pytest.fixture(scope="module")
def upright_clip(tmp_path_factory: pytest.TempPathFactory, shared_data: Path) -> Path:
    return _cut(tmp_path_factory.mktemp("turned_driver") / "upright.mp4", shared_data)


@pytest.mark.slow
@pytest.mark.parametrize("quarters", (1, 3, 2))
def test_a_driver_on_its_side_drives_the_portrait(tmp_path: Path, shared_data: Path, upright_clip: Path,
                                                  quarters: int):
    """lp_s1 (half size) x lp_d18 0-30 turned 90 / 270 / 180 deg, the streamed pass: no faceless frame (before: 15 /
    17 of 30, 0), one note (before none), and the output's mouth follows the driver's: `mouth_following` 0.98 / 0.98
    / 0.98 (before 0.98 / 0.06 / 0.10; the upright clip 0.99; the source repeated -0.36)."""
    side = _cut(tmp_path / "side.mp4", shared_data, quarters)
    portrait = np.ascontiguousarray(read_image(shared_data / "portraits" / "lp_s1.jpg")[::2, ::2])
    notes: list[str] = []
    frames = PortraitAnimator(options=AnimateOptions(engine="mesh"))(portrait, side, on_note=notes.append).frames
    assert len(frames) == FRAMES
    assert not any(note.startswith("driver:") and "without a face" in note for note in notes), notes
    lies = "is upside down" if quarters == 2 else "lies on its side"
    assert sum(note.startswith(f"the driving video {lies}") for note in notes) == 1, notes
    assert mouth_following(frames, 0, load_motion(upright_clip)) > 0.5


@pytest.mark.parametrize("quarters", (1, 3))
def test_a_driver_on_its_side_is_tracked_turned_upright(tmp_path: Path, shared_data: Path, upright_clip: Path,
                                                        quarters: int):
    """`load_motion` (the whole-driver path: --reference neutral, the a1 engine) finds the face in every frame
    (before: 15 of 30 turned 90 deg), turned upright: the landmarks within 3 px of the upright clip's (mean)."""
    side = _cut(tmp_path / "side.mp4", shared_data, quarters)
    notes: list[str] = []
    assert load_motion(side, say=notes.append).valid.all()
    assert len(notes) == 1, notes
    upright, turned = track_video(upright_clip, upright=True), track_video(side, upright=True)
    assert upright.turn is None and turned.turn == UPRIGHT_TURN[quarters]
    assert float(np.linalg.norm(turned.landmarks[:, :, :2] - upright.landmarks[:, :, :2], axis=-1).mean()) < 3.0


def test_a_clip_set_upright_by_its_metadata_is_not_turned_again(tmp_path: Path, shared_data: Path):
    """lp_d18 stored turned 90 deg with a display matrix turning it back: read upright, not turned again, every
    frame's face found."""
    stored = _cut(tmp_path / "stored.mp4", shared_data, quarters=1, display=-90)
    with open_video(stored) as video:
        assert video.rotation == 90
    notes: list[str] = []
    track = track_video(stored, upright=True, say=notes.append)
    assert track.turn is None and track.valid.all() and not notes


def test_driving_frames_in_memory_on_their_side_are_turned(shared_data: Path, upright_clip: Path):
    """lp_d18 0-30 turned 90 deg as frames in memory: every frame's face found, one note (before: 19 of 30 faceless)."""
    with open_video(upright_clip) as video:
        frames = [np.ascontiguousarray(np.rot90(frame)) for frame in video.frames()]
    portrait = np.ascontiguousarray(read_image(shared_data / "portraits" / "lp_s1.jpg")[::4, ::4])
    notes: list[str] = []
    video = PortraitAnimator(options=AnimateOptions(engine="mesh"))(portrait, frames, fps=30.0, on_note=notes.append)
    assert len(video.frames) == FRAMES and not video.faceless
    assert sum(note.startswith("the driving video lies on its side") for note in notes) == 1, notes


@pytest.mark.slow
def test_a_driver_whose_face_shows_late_is_turned(upright_clip: Path):
    """lp_d18 0-12 turned 90 deg, frames 0-7 covered (its top-left background corner, enlarged): the turn is read on
    frame 8 (before: on frames 0-4 only, none found, so the driver was tracked on its side), and every frame is
    given once, in order, turned upright (the frames read for the turn held and given again)."""
    with open_video(upright_clip) as video:
        upright = [frame for _, frame in zip(range(12), video.frames())]
    corner = cv2.resize(upright[0][:64, :64], upright[0].shape[1::-1], interpolation=cv2.INTER_CUBIC)
    upright = [corner if i < 8 else frame for i, frame in enumerate(upright)]
    turn, frames = upright_frames(np.ascontiguousarray(np.rot90(frame)) for frame in upright)
    assert turn == UPRIGHT_TURN[1]
    assert all(np.array_equal(out, own) for out, own in zip(frames, upright, strict=True))
