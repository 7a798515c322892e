"""Video-to-video on the a1 engine (tiny random weights, CPU): the source video's frames, fps and audio kept,
faceless frames passed through, pixels away from the face the source's own, and each diffusion window
referenced on a source frame with a face from the span its driving frames cover."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from v2v_clips import decoded, write_clip

from facereel import AnimatedVideo, PortraitAnimator
from facereel.animate import AnimateOptions
from facereel.animate import video_source_a1
from facereel.animate.video_source_a1 import model_positions, window_reference_frames
from facereel.engines.a1 import A1Options
from facereel.engines.a1.tiny import make_tiny_weights
from facereel.engines.a1.windows import plan_windows
from facereel.errors import InputError
from facereel.face.face_track import FaceTrack
from facereel.face.tracking import track_frames
from facereel.media.audio import has_audio
from facereel.media.frames import FrameList
from facereel.media.video import open_video
from facereel.motion.features import FEATURE_NAMES, INDEX

FACELESS = (5, 6)
A1 = A1Options(steps=2, window_frames=9, window_overlap=4, blend_steps=(1, 1))  # 12 fps frames 0-7 and 4-11


@pytest.fixture(scope="module")
def long_clip(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """sr_1's first 24 frames (23.976 fps, 1 s: 12 model frames, two windows), frames 5 and 6 without a face."""
    return write_clip(tmp_path_factory.mktemp("v2v_a1") / "source.mp4", shared_data / "driving" / "sr_1.mp4", 0, 24,
                      size=320, faceless=FACELESS)


@pytest.fixture(scope="module")
def weights(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Tiny random weights at 32x48 px model frames (the smallest the published layout allows: the VAE's work
    scales with the pixels; the pasted-back region is what these tests read)."""
    return make_tiny_weights(tmp_path_factory.mktemp("a1") / "weights", 32, 48, window_frames=9)


@pytest.fixture(scope="module")
def run(long_clip: Path, talking_clip: Path, weights: Path) -> tuple[AnimatedVideo, list[int]]:
    """The a1 video-to-video output (driver looped over the source) and the source frames (indices) the
    windows' references were cut from."""
    source = decoded(long_clip)
    used: list[int] = []
    original = video_source_a1._reference

    def spy(image: np.ndarray, landmarks: np.ndarray, region):  # type: ignore[no-untyped-def]
        used.append(next(i for i, frame in enumerate(source) if np.array_equal(frame, image)))
        return original(image, landmarks, region)

    options = AnimateOptions(engine="a1", weights=str(weights), a1=A1, loop_driver=True)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(video_source_a1, "_reference", spy)
        video = PortraitAnimator(options=options, device="cpu")(long_clip, talking_clip)
    return video, used


def test_frames_fps_and_audio_are_the_source_videos(run, long_clip: Path, tmp_path: Path) -> None:
    video, _ = run
    with open_video(long_clip) as clip:
        fps = clip.fps
    assert len(video) == 24 and video.fps == pytest.approx(fps) and video.audio_from == long_clip
    out = tmp_path / "out.mp4"
    video.save(out)
    assert has_audio(out)


def test_faceless_frames_pass_through_and_far_pixels_are_the_sources(run, long_clip: Path) -> None:
    video, _ = run
    source = decoded(long_clip)
    track = track_frames(source, video.fps)
    for i, (made, frame) in enumerate(zip(video.frames, source)):
        if i in FACELESS:
            assert np.array_equal(made, frame)
            continue
        points = track.landmarks[i][:, :2]
        lo, hi = points.min(0), points.max(0)
        far = np.ones(frame.shape[:2], bool)  # farther than half the face size from its landmark box
        size = (hi - lo).max() / 2
        far[max(0, int(lo[1] - size)):int(hi[1] + size), max(0, int(lo[0] - size)):int(hi[0] + size)] = False
        assert far.sum() > 0.3 * far.size  # a good part of the frame
        assert np.array_equal(made[far], frame[far])
        face = (slice(int(lo[1]), int(hi[1])), slice(int(lo[0]), int(hi[0])))
        assert np.abs(made[face].astype(int) - frame[face]).mean() > 2  # the face itself was regenerated


def test_each_window_is_referenced_on_a_source_frame_of_its_span(run) -> None:
    video, used = run
    windows = plan_windows(12, A1.window_frames, A1.window_overlap)  # 1 s at 12 fps
    positions = model_positions(24, video.fps)
    assert len(used) == len(windows) == 2
    for window, frame in zip(windows, used):
        span = positions[window.start: window.start + window.keep_to]
        assert frame not in FACELESS and np.floor(span[0]) <= frame <= np.ceil(span[-1])


def test_two_cpu_workers_give_the_one_engine_frames(run, long_clip: Path, talking_clip: Path, weights: Path) -> None:
    """`--workers cpu,cpu`: the windows' own references go through the threaded window runner too."""
    video, used = run
    assert used[0] != used[1]  # two references: a runner conditioning window 1 on window 0's would differ
    options = AnimateOptions(engine="a1", weights=str(weights), a1=A1, loop_driver=True, workers="cpu,cpu")
    two = PortraitAnimator(options=options, device="cpu")(long_clip, talking_clip)
    assert len(two) == len(video) and all(np.array_equal(a, b) for a, b in zip(two.frames, video.frames))


def test_the_most_neutral_frame_with_a_face_is_the_reference() -> None:
    windows = plan_windows(12, 9, 4)  # driving frames 0-7 and 4-11
    positions = np.arange(12) * 2.0  # 24 source frames, model frames on the even ones
    features = np.zeros((24, len(FEATURE_NAMES)))
    features[:, INDEX["mouth_open"]] = 0.3
    features[[3, 9, 20], INDEX["mouth_open"]] = [0.0, 0.05, 0.0]  # mouth closed
    valid = np.ones(24, bool)
    valid[20] = False  # the closed mouth at 20 has no face: not a candidate
    assert window_reference_frames(windows, positions, valid, features) == [3, 9]
    valid[8:] = False  # the second window's span (source frames 8-22) has no face: the nearest valid frame
    assert window_reference_frames(windows, positions, valid, features) == [3, 7]


def test_no_paste_back_is_refused_for_a_video_source(long_clip: Path, talking_clip: Path, weights: Path) -> None:
    with pytest.raises(InputError, match="--no-paste-back does not apply to a video source"):
        PortraitAnimator("a1", weights=str(weights), no_paste_back=True)(long_clip, talking_clip)


def test_frames_pass_through_when_none_of_the_written_ones_shows_a_face() -> None:
    """A face only after the driver's end (stop at the shorter): the written frames are the source's."""
    rng = np.random.default_rng(0)
    frames = [rng.integers(0, 256, (32, 48, 3), dtype=np.uint8) for _ in range(4)]
    track = FaceTrack(np.zeros((6, 478, 3), np.float32), np.array([False] * 4 + [True] * 2), np.zeros(6),
                      25.0, (48, 32))
    sinks: list[FrameList] = []
    totals: list[int | None] = []

    def open_output(fps: float, total: int | None = None) -> FrameList:
        sinks.append(FrameList(fps))
        totals.append(total)
        return sinks[-1]

    options = AnimateOptions(engine="a1", weights="unused: no model is loaded", a1=A1)
    written = video_source_a1.render_video_source_a1(lambda: iter(frames), track, np.zeros((4, 478, 3), np.float32),
                                                     options, open_output, "cpu")
    assert written == 4 and sinks[0].fps == 25.0 and totals == [4]
    assert all(np.array_equal(a, b) for a, b in zip(sinks[0].frames, frames))
