"""`facereel live` with a video file standing in for the camera: one output frame per input frame,
faceless frames survived (they keep the last pose), real-time pacing keeps the timeline.

The paced tests run the capture on a `FakeClock`: time passes only when the capture sleeps or the consumer
says it worked, so what is delivered and dropped is the same on an idle or a loaded machine."""

from __future__ import annotations

import argparse

import numpy as np
import pytest
from h264_clips import write_video
from PIL import Image
from video_checks import read_frames

from facereel.cli import live
from facereel.media.capture import Capture
from facereel.media.live_outputs import TimelineWriter
from facereel.engines.mesh.live import run_live
from facereel.errors import InputError
from facereel.animate.inputs import source_from_image
from facereel.motion.retarget import RetargetOptions

BLACK_AT = (0, 5, 6, 13)  # the input starts faceless, loses the face twice in the middle and at the end
WORK_S = 0.125  # a slow consumer's seconds per frame: 3.125 frame times at 25 fps (exact in binary)
SLOW_DELIVERED = [0, 3, 6, 9, 12, 15]  # the newest frame due at 0, 0.125, ... 0.625 s: floor(t * 25)


class FakeClock:
    """Seconds (a Capture's clock) that pass only through `sleep`, which returns at once."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


class FrameList:
    """A VideoWriter stand-in that keeps what is written."""

    def __init__(self) -> None:
        self.frames: list[str] = []

    @property
    def frames_written(self) -> int:
        return len(self.frames)

    def write(self, frame: str) -> None:
        self.frames.append(frame)


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


def test_a_paced_file_waits_for_each_frame(camera_file):
    """A consumer faster than the file waits for every frame's time and misses none."""
    clock = FakeClock()
    with Capture(str(camera_file), realtime=True, clock=clock, sleep=clock.sleep) as capture:
        delivered = [(c.index, c.time, clock.now) for c in iter(capture.read, None)]
        assert capture.dropped == 0
    assert [index for index, _, _ in delivered] == list(range(16))
    assert all(stamp == now == index / 25 for index, stamp, now in delivered)


def test_a_paced_file_drops_what_a_slow_consumer_misses(camera_file):
    """A consumer slower than the file gets the newest frame due when it asks; the others are dropped."""
    clock = FakeClock()
    delivered = []
    with Capture(str(camera_file), realtime=True, clock=clock, sleep=clock.sleep) as capture:
        for captured in iter(capture.read, None):
            assert captured.index <= clock.now * 25 < captured.index + 1
            delivered.append(captured.index)
            clock.sleep(WORK_S)
        assert capture.dropped == 16 - len(SLOW_DELIVERED) and capture.frames_read == 16
    assert delivered == SLOW_DELIVERED


def test_the_timeline_repeats_frames_over_dropped_slots():
    """Frame k lands at position k: earlier slots repeat the first frame, later gaps the previous one."""
    timeline = TimelineWriter(FrameList())
    for item in ((2, "a"), (3, "b"), (6, "c"), (8, None)):
        timeline(item)
    assert timeline.writer.frames == ["a", "a", "a", "b", "b", "b", "c", "c"]
    single = TimelineWriter(FrameList())
    for item in ((15, "a"), (15, None)):
        single(item)
    assert single.writer.frames == ["a"] * 16


def test_realtime_pacing_keeps_the_input_timeline(tmp_path, astronaut, camera_file):
    source = source_from_image(astronaut)
    out = tmp_path / "paced.mp4"
    clock = FakeClock()
    with Capture(str(camera_file), realtime=True, clock=clock, sleep=clock.sleep) as capture:
        stats = run_live(source.image, source.landmarks, capture, RetargetOptions(), show=False, output=out,
                         on_frame=lambda _: clock.sleep(WORK_S))
    frames, fps, _ = read_frames(out)
    assert len(frames) == 16 and fps == 25.0  # dropped frames are filled by repeating the previous one
    assert stats.frames == len(SLOW_DELIVERED) and stats.dropped == 16 - len(SLOW_DELIVERED)
    # latency: from a frame's due time to its hand-off, k * WORK_S for the k-th frame shown
    assert list(stats.latency_ms) == pytest.approx([1e3 * (k * WORK_S - index / 25)
                                                    for k, index in enumerate(SLOW_DELIVERED)])
    # The picture changes only where a delivered frame with a new pose lands: at its own index (frames 3 and
    # 6 show the first pose: 3 is the first face, 6 is faceless and keeps it).
    step = [np.abs(b.astype(int) - a).mean() for a, b in zip(frames[:-1], frames[1:])]
    assert [k + 1 for k, change in enumerate(step) if change > 0.5] == [9, 12, 15]


def test_no_display_and_no_output_is_an_input_error(tmp_path, astronaut, camera_file, monkeypatch):
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    args = live_args("-s", "unused.png", "--camera", str(camera_file))
    with pytest.raises(InputError, match="-o"):
        args.run(args)


def test_a_missing_camera_file_is_an_input_error():
    with pytest.raises(InputError):
        Capture("no_such_driver.mp4")
