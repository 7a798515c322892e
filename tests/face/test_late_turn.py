"""A clip on its side whose face first shows late is turned upright (issue #12; `face/turned_video.file_turn`): the
turn was read on the frames held from the clip's start, the first `turned_video.KEY_FRAMES` (65), so a face first
showing after frame 64 left the clip on its side: as a driver its face was found turned by a few degrees at best and
the output's mouth did not follow it; as a video source "no face found in any frame". Now a file's turn is read on a
pass of its own over the whole clip that holds no frame (key frames 0, 1, 2, 4, ..., 64, 128, ... and after a voter
8, 16, ... frames after it), then the file is opened again and streamed turned. The figure:
`figures/turned_back.mouth_following`, the output's mouth re-tracked against the driver's, on the face frames."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import cv2
import numpy as np
import pytest
from pyav_clips import write_frames

from facereel.animate.api import PortraitAnimator
from facereel.animate.options import AnimateOptions
from facereel.engines.mesh.figures.turned_back import mouth_following, upright_gap
from facereel.face.tracking import track_frames, track_image
from facereel.media.image import read_image
from facereel.media.video import open_video
from facereel.motion.extract import extract_motion

pytestmark = pytest.mark.slow  # out of the README's suite by its measured time: .ci/run's third step

SIZE = 190
"""px: the clips' frames are scaled to this square: under 192, half the short side is under the detector's 96 px
tiles, so a covered frame is looked at on the whole frame only (with the tiles, 9 more looks: the tests took 55 CPU s
at 192 px)."""

FACELESS = 65
"""The late driver's frames covered (a background corner, enlarged): its face first shows at frame 65, just past key
frame 64, the last the held frames reached; key frame 128 (the clip's last, its one voter) shows it."""

SOURCE_FACELESS = 96
"""The late source's frames covered: its face shows at frames 96-128 (a video source's face frame costs more than a
covered one: with 65 covered, 2.7 CPU s more at 192 px)."""

FRAMES = 129
"""The clips' frames: key frame 128 (the one voter, its face's turn taken) their last."""

FIRST = 60
"""lp_d18's frame shown at the late clip's frame 65: its mouth opens wide at 60-80 and 115-150."""

DRIVER_FIRST = 4
"""lp_d18's first frame in the upright driver of lp_d3's late clip as a video source: its frame 96 lp_d18's 100 (its
mouth opening wide from 115)."""

LATE_FOLLOWS = 0.5
"""`mouth_following` (a correlation) the face frames' output must reach: the driver path 0.78 and the source path
0.95 on the upright clips of tests/face/test_turn_vote.py; a mouth not following scores near 0 or below (lp_d3's own
0.19 against lp_d18 115-171)."""

SAME_GAP = 0.05
"""`upright_gap` (px differing by over `turned_back.GAP_LEVEL` per face area) under which the driver path's face frames
count as the upright late clip's output: the turned frames are the upright ones bit for bit, so 0.0; the portrait
repeated 0.55, the clip tracked on its side 0.89 (h37-late's 192 px clips of 137 frames)."""


def _frames(data: Path, start: int, count: int, name: str = "lp_d18") -> list[np.ndarray]:
    """The frames `start` to `start + count` of ../shared/data's (`data`) driver `name` scaled to `SIZE` px square."""
    with open_video(data / "driving" / f"{name}.mp4") as video:
        frames = [cv2.resize(frame, (SIZE, SIZE), interpolation=cv2.INTER_AREA)
                  for _, frame in zip(range(start + count), video.frames())]
    return frames[start:]


def _late(path: Path, data: Path, name: str, first: int, quarters: int, covered: int = FACELESS
          ) -> tuple[Path, list[np.ndarray]]:
    """(the late clip turned `quarters` quarter turns anticlockwise (`np.rot90`), written losslessly into `path`:
    `covered` covered frames (the top-left background corner of driver `name`'s frame 0, enlarged), then its frames
    from `first` (`_frames`) to `FRAMES` in all; its upright face frames)."""
    faces = _frames(data, first, FRAMES - covered, name)
    corner = cv2.resize(_frames(data, 0, 1, name)[0][:24, :24], (SIZE, SIZE), interpolation=cv2.INTER_CUBIC)
    side = [np.ascontiguousarray(np.rot90(frame, quarters)) for frame in [corner] * covered + faces]
    return write_frames(path, side, Fraction(30)), faces


def test_a_driver_whose_face_shows_after_frame_64_is_turned(shared_data: Path, tmp_path: Path):
    """lp_s1 (half size) x lp_d18's late clip (its frames 60-123 from frame 65) turned 90 deg clockwise, the streamed
    pass `facereel animate` takes: the "on its side" note, the output on the face frames as the upright late clip's
    (`upright_gap` 0.0), and its mouth following the driver's (`mouth_following` 0.92). Before h37-late: no note,
    and on these 190 px clips "no face found in any frame" (the face on its side escapes the whole-frame detector);
    on its 192 px ones the detector's tiles found it on its side (`upright_gap` 0.89, its mouth opening half as wide,
    the head still; the portrait repeated 0.55)."""
    driver, faces = _late(tmp_path / "late_driver.mp4", shared_data, "lp_d18", FIRST, 3)
    upright, _ = _late(tmp_path / "upright_driver.mp4", shared_data, "lp_d18", FIRST, 0)
    portrait = np.ascontiguousarray(read_image(shared_data / "portraits" / "lp_s1.jpg")[::2, ::2])
    animate = PortraitAnimator(options=AnimateOptions(engine="mesh"))
    notes: list[str] = []
    frames = animate(portrait, driver, on_note=notes.append).frames
    assert len(frames) == FRAMES
    assert sum(note.startswith("the driving video lies on its side") for note in notes) == 1, notes
    own = animate(portrait, upright).frames
    assert upright_gap(frames[FACELESS:], 0, own[FACELESS:], track_image(portrait).landmarks[0]) < SAME_GAP
    assert mouth_following(frames[FACELESS:], 0, extract_motion(track_frames(iter(faces), 30.0))) > LATE_FOLLOWS


def test_a_source_whose_face_shows_after_frame_64_is_turned(shared_data: Path, tmp_path: Path):
    """lp_d3's late clip (its frames 0-32 from frame 96; its mouth barely moves) as a video source driven by lp_d18
    4-132 (upright): the "on its side" note, the output in the clip's orientation, and its mouth on the face frames,
    turned upright, follows the driver's (`mouth_following` 0.97). Before h37-late: "no face found in any frame"."""
    source, _ = _late(tmp_path / "late_source.mp4", shared_data, "lp_d3", 0, 1, SOURCE_FACELESS)
    drive = _frames(shared_data, DRIVER_FIRST, FRAMES)
    driver = write_frames(tmp_path / "driver.mp4", drive, Fraction(30))
    notes: list[str] = []
    frames = PortraitAnimator(options=AnimateOptions(engine="mesh", mouth="driver"))(source, driver,
                                                                                     on_note=notes.append).frames
    assert len(frames) == FRAMES and all(frame.shape == (SIZE, SIZE, 3) for frame in frames)
    assert sum(note.startswith("the source video lies on its side") for note in notes) == 1, notes
    motion = extract_motion(track_frames(iter(drive[SOURCE_FACELESS:]), 30.0))
    assert mouth_following(frames[SOURCE_FACELESS:], 3, motion) > LATE_FOLLOWS
