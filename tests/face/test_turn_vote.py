"""An upright clip is not read as upside down (issue #12; `face/turned_video.upright_turn`): sr_1 cut at its frames
30-50 (its first frame chin up, mouth open) read "upside down" from that one frame (`standing_score` 0.67 as it is,
0.76 turned 180 deg at 512 px), so, as a video source, its face was drawn upside down (the driver's open mouth on the
forehead) and, as a driver, it was tracked upside down (the portrait's eyes crossed, its mouth still). Now the turn
is voted on up to three key frames spread over the clip (`VOTES`, `VOTE_GAP`): frames 8 and 16 read upright. The
figure: `figures/turned_back.mouth_following`, the output's mouth re-tracked against the driver's. Clips on their
side or upside down stay turned (tests/face/test_turned_driver.py, tests/v2v/test_turned_source.py). A clip whose face
first shows after its frame 32 is turned too where it shows by frame 64 (`KEY_FRAMES`)."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import cv2
import numpy as np
import pytest
from pyav_clips import cut_frames, write_frames

from facereel.animate.api import PortraitAnimator
from facereel.animate.options import AnimateOptions
from facereel.engines.mesh.figures.turned_back import mouth_following
from facereel.face.tracking import track_video
from facereel.face.turned_video import upright_frames
from facereel.media.image import read_image
from facereel.media.video import open_video
from facereel.motion.extract import extract_motion

FRAMES = 20
"""Frames cut from each clip: the vote's key frames 0, 8 and 16 lie in them."""

RATE = Fraction(24)
"""fps both cuts are written at (sr_1's), so the source's output frames are the driver's one for one."""

SOURCE_SIZE = 192
"""px: the video source's longer side (`--size`): small for speed; sr_1 30-50 read upside down at it before (and at
its own 512, not at 256 or 320: the first frame's scores lie close)."""


def _cut(path: Path, video: Path, start: int) -> Path:
    """`FRAMES` frames of ../shared/data's `video` from its frame `start`, written losslessly into `path` at `RATE`:
    the frames as decoded, bit for bit."""
    return write_frames(path, cut_frames(video, start, FRAMES), RATE)


@pytest.fixture(scope="module")
def clips(tmp_path_factory: pytest.TempPathFactory, shared_data: Path) -> tuple[Path, Path]:
    """(sr_1 30-50: the upright clip read as upside down; lp_d18 60-80: its mouth opens wide)."""
    folder = tmp_path_factory.mktemp("turn_vote")
    return (_cut(folder / "sr1.mp4", shared_data / "driving" / "sr_1.mp4", 30),
            _cut(folder / "lp_d18.mp4", shared_data / "driving" / "lp_d18.mp4", 60))


def test_an_upright_driver_whose_first_frame_reads_turned_drives_upright(clips: tuple[Path, Path],
                                                                         shared_data: Path):
    """lp_s1 (half size) x sr_1 30-50, the streamed pass `facereel animate` takes: no "upside down" note and the
    output's mouth follows the driver's (its motion read as it is): `mouth_following` 0.78 (before: the note, -0.46,
    the head thrown back over a smeared neck, the eyes crossed; the portrait repeated: NaN, no movement)."""
    driver, _ = clips
    portrait = np.ascontiguousarray(read_image(shared_data / "portraits" / "lp_s1.jpg")[::2, ::2])
    notes: list[str] = []
    frames = PortraitAnimator(options=AnimateOptions(engine="mesh"))(portrait, driver, on_note=notes.append).frames
    assert not any("upside down" in note or "on its side" in note for note in notes), notes
    assert mouth_following(frames, 0, extract_motion(track_video(driver))) > 0.5


@pytest.mark.slow
def test_an_upright_source_whose_first_frame_reads_turned_is_drawn_upright(clips: tuple[Path, Path]):
    """sr_1 30-50 as a video source at 192 px driven by lp_d18 60-80: no "upside down" note, the output's mouth
    follows the driver's: `mouth_following` 0.95 (before: the note, the driver's open mouth drawn on the forehead,
    0.69; the clip as filmed 0.31)."""
    source, driver = clips
    notes: list[str] = []
    options = AnimateOptions(engine="mesh", size=SOURCE_SIZE, mouth="driver")
    frames = PortraitAnimator(options=options)(source, driver, on_note=notes.append).frames
    assert len(frames) == FRAMES
    assert not any("upside down" in note or "on its side" in note for note in notes), notes
    assert mouth_following(frames, 0, extract_motion(track_video(driver))) > 0.85


LATE = 48
"""lp_d18's first frame left uncovered in the late clip: past key frame 32, before key frame 64."""

LATE_FRAMES = 65
"""The late clip's frames: lp_d18 0-64, key frame 64 its last."""

LATE_SIZE = 192
"""px: the late clip's frames are scaled to this square (the faceless key frames' looks with tiles cost less)."""


def test_a_driver_whose_face_shows_after_frame_32_is_turned(shared_data: Path):
    """lp_d18 0-64 at 192 px turned 90 deg, frames 0-47 covered (its top-left background corner, enlarged): the turn
    is read on frame 64 (before: the key frames reached frame 32 only, none showed a face, so the clip was left on its
    side), and every frame is given once, in order, turned upright (the frames read for the turn held and given
    again)."""
    with open_video(shared_data / "driving" / "lp_d18.mp4") as video:
        upright = [cv2.resize(frame, (LATE_SIZE, LATE_SIZE), interpolation=cv2.INTER_AREA)
                   for _, frame in zip(range(LATE_FRAMES), video.frames())]
    corner = cv2.resize(upright[0][:24, :24], upright[0].shape[1::-1], interpolation=cv2.INTER_CUBIC)
    upright = [corner if i < LATE else frame for i, frame in enumerate(upright)]
    turn, frames = upright_frames(np.ascontiguousarray(np.rot90(frame)) for frame in upright)
    assert turn == cv2.ROTATE_90_CLOCKWISE
    assert all(np.array_equal(out, own) for out, own in zip(frames, upright, strict=True))
