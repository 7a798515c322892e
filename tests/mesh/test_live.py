"""`facereel live` with a video file standing in for the camera: one output frame per input frame,
faceless frames survived (they keep the last pose), real-time pacing keeps the timeline."""

from __future__ import annotations

import argparse

import numpy as np
import pytest
from PIL import Image
from video_checks import read_frames, write_video

from facereel.cli import live
from facereel.media.capture import Capture
from facereel.engines.mesh.live import run_live
from facereel.errors import InputError
from facereel.animate.inputs import source_from_image
from facereel.motion.retarget import RetargetOptions

BLACK_AT = (0, 5, 6, 13)  # the input starts faceless, loses the face twice in the middle and at the end


@pytest.fixture(scope="module")
def camera_file(tmp_path_factory, astronaut_video):
    """A 25 fps stand-in camera: the 12 moving-astronaut frames with black frames inserted at BLACK_AT."""
    frames = list(read_frames(astronaut_video)[0])
    for i in BLACK_AT:
        frames.insert(i, np.zeros_like(frames[0]))
    return write_video(tmp_path_factory.mktemp("camera") / "camera.mp4", frames, 25)


def live_args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    live.add_parser(parser.add_subparsers())
    args = parser.parse_args(["live", *argv])
    args.quiet = True
    return args


def test_every_input_frame_gives_one_output_frame(tmp_path, astronaut, camera_file):
    Image.fromarray(astronaut).save(tmp_path / "portrait.png")
    out = tmp_path / "live.mp4"
    args = live_args("-s", str(tmp_path / "portrait.png"), "--camera", str(camera_file), "-o", str(out), "--no-window")
    assert args.run(args) == 0
    frames, fps, _ = read_frames(out)
    assert len(frames) == 16 and fps == 25.0
    # Before the first face the portrait is shown as it is.
    assert np.abs(frames[0].astype(int) - astronaut).mean() < 3


def test_faceless_frames_keep_the_last_pose(astronaut, camera_file):
    source = source_from_image(astronaut)
    rendered = []
    with Capture(str(camera_file)) as capture:
        stats = run_live(source.image, source.landmarks, capture, RetargetOptions(), show=False,
                         on_frame=lambda s: rendered.append(s.frames))
    assert stats.frames == 16 and stats.faceless == len(BLACK_AT) and stats.dropped == 0
    assert rendered == list(range(1, 17))
    assert len(stats.latency_ms) == 16 and stats.fps > 0


def test_realtime_pacing_keeps_the_input_timeline(tmp_path, astronaut, camera_file):
    source = source_from_image(astronaut)
    out = tmp_path / "paced.mp4"
    with Capture(str(camera_file), realtime=True) as capture:
        stats = run_live(source.image, source.landmarks, capture, RetargetOptions(), show=False, output=out)
    frames, fps, _ = read_frames(out)
    assert len(frames) == 16 and fps == 25.0  # dropped frames are filled by repeating the previous one
    assert stats.frames + stats.dropped == 16


def test_no_display_and_no_output_is_an_input_error(tmp_path, astronaut, camera_file, monkeypatch):
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    args = live_args("-s", "unused.png", "--camera", str(camera_file))
    with pytest.raises(InputError, match="-o"):
        args.run(args)


def test_a_missing_camera_file_is_an_input_error():
    with pytest.raises(InputError):
        Capture("no_such_driver.mp4")
