"""A video source (video-to-video) on its side or upside down (issue #12; `animate/turned_source.py`): a phone clip
filmed sideways without rotation metadata. lp_d3's frames turned 90 / 270 deg read "no face found in any frame";
upside down its face was found by a mesh fitted upside down and the mouth did not follow the driver
(`figures/turned_back.mouth_following`, the mouth re-tracked on the output turned upright against lp_d18's, on lp_d3
0-30 at 224 x 176 driven by lp_d18 0-30: -0.29; the upright clip 0.69, the clip itself -0.23). Now the clip's turn
is read from its first frames, every frame is tracked and drawn turned upright and written back as filmed: the clips
here are lossless, so the output is the upright clip's output turned, bit for bit, and a frame without a face is the
clip's own."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import cv2
import numpy as np
import pytest
from pyav_clips import write_frames

from facereel import PortraitAnimator
from facereel.animate import AnimateOptions
from facereel.engines.a1 import A1Options
from facereel.engines.a1.tiny import make_tiny_weights
from facereel.media.video import open_video

FRAMES = 10
"""lp_d3's and lp_d18's first frames: lp_d18's mouth opens in them."""
SIZE = 160
"""px: the clips' frames are scaled to this square, then cut to `WIDTH` (a portrait frame: a quarter turn shows)."""
WIDTH = 128
"""px: the source clip's width (its height `SIZE`)."""
FACELESS = 6
"""The source clip's frame replaced by a face-free picture (its top-left background corner, enlarged)."""


def _frames(video: Path, width: int) -> list[np.ndarray]:
    """The first `FRAMES` frames of ../shared/data's square `video` scaled to `SIZE` and cut to `width` px across."""
    with open_video(video) as clip:
        frames = [cv2.resize(frame, (SIZE, SIZE), interpolation=cv2.INTER_AREA)
                  for _, frame in zip(range(FRAMES), clip.frames())]
    cut = (SIZE - width) // 2
    return [np.ascontiguousarray(frame[:, cut:cut + width]) for frame in frames]


def _write(path: Path, frames: list[np.ndarray], display: int = 0) -> Path:
    """`frames` written losslessly (libx264rgb, qp 0) into `path` at 30 fps, with a display matrix turning them
    `display` deg anticlockwise when not 0."""
    return write_frames(path, frames, Fraction(30), display=display)


@pytest.fixture(scope="module")
def clips(tmp_path_factory: pytest.TempPathFactory, shared_data: Path) -> tuple[Path, list[np.ndarray], Path]:
    """(the folder, lp_d3's upright frames (one faceless), lp_d18's clip)."""
    folder = tmp_path_factory.mktemp("turned_source")
    frames = _frames(shared_data / "driving" / "lp_d3.mp4", WIDTH)
    corner = frames[FACELESS][:SIZE // 6, :WIDTH // 6]
    frames[FACELESS] = cv2.resize(corner, (WIDTH, SIZE), interpolation=cv2.INTER_CUBIC)
    driver = _write(folder / "driver.mp4", _frames(shared_data / "driving" / "lp_d18.mp4", SIZE))
    return folder, frames, driver


@pytest.fixture(scope="module")
def upright_run(clips: tuple[Path, list[np.ndarray], Path]) -> list[np.ndarray]:
    folder, frames, driver = clips
    return PortraitAnimator("mesh", mouth="driver")(_write(folder / "upright.mp4", frames), driver).frames


@pytest.mark.slow
@pytest.mark.parametrize("quarters", (1, 3, 2))
def test_a_video_source_on_its_side_is_drawn_upright(clips: tuple[Path, list[np.ndarray], Path],
                                                     upright_run: list[np.ndarray], quarters: int):
    """lp_d3 0-10 (160 x 128, frame 6 faceless) turned 90 / 270 / 180 deg, driven by lp_d18 0-10: one note, the
    output in the clip's orientation, the upright clip's output turned bit for bit, the faceless frame the clip's
    own (before: "no face found in any frame" turned 90 / 270; upside down a mesh fitted upside down drew other
    frames). `mouth_following` on 30 frames at 224 x 176 (module docstring): 0.94 / 0.87 / 0.91 turned 90 / 270 /
    180."""
    folder, frames, driver = clips
    turned = [np.ascontiguousarray(np.rot90(frame, quarters)) for frame in frames]
    side = _write(folder / f"side{quarters}.mp4", turned)
    notes: list[str] = []
    video = PortraitAnimator("mesh", mouth="driver")(side, driver, on_note=notes.append)
    assert video.audio_from == side and len(video.frames) == FRAMES
    assert all(frame.shape == turned[0].shape for frame in video.frames)
    assert np.array_equal(video.frames[FACELESS], turned[FACELESS])
    back = (4 - quarters) % 4
    assert all(np.array_equal(np.rot90(out, back), own) for out, own in zip(video.frames, upright_run, strict=True))
    lies = "is upside down" if quarters == 2 else "lies on its side"
    assert sum(note.startswith(f"the source video {lies}") for note in notes) == 1, notes


@pytest.mark.slow
def test_a_source_set_upright_by_its_metadata_is_written_as_shown(clips: tuple[Path, list[np.ndarray], Path],
                                                                  upright_run: list[np.ndarray]):
    """lp_d3 0-10 stored turned 90 deg with a display matrix turning it back: read upright (`media.video`), not
    turned again (no note), written as a player shows it: the upright clip's output."""
    folder, frames, driver = clips
    stored = _write(folder / "stored.mp4", [np.ascontiguousarray(np.rot90(frame)) for frame in frames], display=-90)
    with open_video(stored) as video:
        assert video.rotation == 90
    notes: list[str] = []
    video = PortraitAnimator("mesh", mouth="driver")(stored, driver, on_note=notes.append)
    assert not any(note.startswith("the source video") for note in notes), notes
    assert all(np.array_equal(out, own) for out, own in zip(video.frames, upright_run, strict=True))


LATE = 8
"""The late clip's first frame with a face (its frames before it covered): past the 5 frames the turn was read from
before, and one of `turned_video.key_frames`."""


def test_a_source_whose_face_shows_late_is_turned(clips: tuple[Path, list[np.ndarray], Path]):
    """lp_d3 0-10 (160 x 128) with frames 0-7 covered (its top-left background corner, enlarged), turned 90 deg,
    driven by lp_d18 0-10: its turn is read on frame 8 (before: on frames 0-4 only, none found, so the clip was not
    turned and read "no face found in any frame"); one note, the covered frames the clip's own, the face frames the
    upright late clip's output turned, bit for bit."""
    folder, frames, driver = clips
    corner = frames[0][:SIZE // 6, :WIDTH // 6]
    late = [cv2.resize(corner, (WIDTH, SIZE), interpolation=cv2.INTER_CUBIC) if i < LATE else frame
            for i, frame in enumerate(frames)]
    upright = PortraitAnimator("mesh", mouth="driver")(_write(folder / "late.mp4", late), driver).frames
    turned = [np.ascontiguousarray(np.rot90(frame)) for frame in late]
    notes: list[str] = []
    video = PortraitAnimator("mesh", mouth="driver")(_write(folder / "late_side.mp4", turned), driver,
                                                     on_note=notes.append)
    assert sum(note.startswith("the source video lies on its side") for note in notes) == 1, notes
    assert all(np.array_equal(out, own) for out, own in zip(video.frames[:LATE], turned[:LATE], strict=True))
    assert not np.array_equal(video.frames[LATE], turned[LATE])
    assert all(np.array_equal(np.rot90(out, 3), own) for out, own in zip(video.frames, upright, strict=True))


@pytest.mark.slow
def test_the_a1_engine_writes_a_turned_source_back_as_filmed(clips: tuple[Path, list[np.ndarray], Path],
                                                             tmp_path: Path):
    """The a1 engine (tiny random weights, CPU; 32 x 48 model frames, 9-frame windows) on lp_d3 0-10 turned 90 deg
    (frame 6 faceless), driven by lp_d18 0-10: one note, every output frame the turned clip's size, the faceless
    frame the clip's own, and each frame the a1 output of the upright clip turned, bit for bit (the face
    regenerated on the upright frames, pasted back and turned back as filmed)."""
    folder, frames, driver = clips
    weights = make_tiny_weights(tmp_path / "weights", 32, 48, window_frames=9)
    options = AnimateOptions(engine="a1", weights=str(weights), loop_driver=True,
                             a1=A1Options(steps=2, window_frames=9, window_overlap=4, blend_steps=(1, 1)))
    upright = PortraitAnimator(options=options, device="cpu")(_write(folder / "a1_upright.mp4", frames), driver)
    turned = [np.ascontiguousarray(np.rot90(frame)) for frame in frames]
    notes: list[str] = []
    video = PortraitAnimator(options=options, device="cpu")(_write(folder / "a1_side.mp4", turned), driver,
                                                            on_note=notes.append)
    assert sum(note.startswith("the source video lies on its side") for note in notes) == 1, notes
    assert len(video.frames) == FRAMES and all(frame.shape == turned[0].shape for frame in video.frames)
    assert np.array_equal(video.frames[FACELESS], turned[FACELESS])
    assert not np.array_equal(video.frames[0], turned[0])
    assert all(np.array_equal(np.rot90(out, 3), own) for out, own in zip(video.frames, upright.frames, strict=True))
