"""Read videos as streamed uint8 (H, W, 3) RGB frames, with rotation applied (PyAV / FFmpeg).

A video that ends early (its last decoded frame ends more than `TRUNCATION_TOLERANCE_FRAMES` frame
intervals before the duration its container states, or a decoding error after some frames: a file cut
short by a failed copy or download) is an InputError when its frames are read to the end, unless the
environment variable `FACEREEL_ALLOW_TRUNCATED=1` (the CLI's `--allow-truncated`) says to keep what
decodes, with a warning on stderr naming the frames lost.
"""

from __future__ import annotations

import os
import sys
import weakref
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

from facereel.errors import InputError
from facereel.media.frame_convert import FrameConverter
from facereel.media.limits import MAX_DECODE_PIXELS, check_pixels

ALLOW_TRUNCATED_ENV = "FACEREEL_ALLOW_TRUNCATED"
# Decoded frames may end this many frame intervals before the video stream's stated duration (rounding, a
# last frame's duration missing) without the video counting as truncated ...
TRUNCATION_TOLERANCE_FRAMES = 2.0
# ... plus this much when only the container's duration is known (Matroska/WebM): it covers the audio too,
# which often runs a little longer than the video.
CONTAINER_TOLERANCE_S = Fraction(1, 2)
# The truncated files already warned of in this process, each as (resolved path, size B, mtime ns): a run opens a
# file more than once (an upright driver's turn pass, a video source tracked then drawn) and says it once.
_TRUNCATION_SAID: set[tuple[str, int, int]] = set()


def truncated_allowed() -> bool:
    """Whether videos that end early are accepted (with a warning): `FACEREEL_ALLOW_TRUNCATED=1`."""
    return os.environ.get(ALLOW_TRUNCATED_ENV) == "1"


def open_video(path: str | Path) -> VideoSource:
    """Open a video file (mp4, mov, webm, mkv, avi, ...) for streamed reading.

    The first frame is decoded to check the file: InputError if it is missing, not a video, has no
    video stream or has no decodable frame.
    """
    return VideoSource(path)


def probe_frames(path: str | Path) -> int:
    """Exact number of decodable frames in the first video stream (decodes the whole stream)."""
    path = Path(path)
    with open_container(path) as container:
        stream = _video_stream(container, path)
        return sum(1 for _ in _decode(container, stream, path))


class VideoSource:
    """A video file's properties and its frames as RGB arrays.

    Attributes: `path`; `fps` (float, average frame rate); `size` (width, height) after rotation;
    `num_frames` (from the container, or duration * fps: an estimate, see `probe_frames`);
    `duration` (seconds); `has_audio`; `rotation` (degrees clockwise, 0/90/180/270, that the stored
    frames are turned for display, as in the display matrix / legacy `rotate` tag).
    Close it (or use it as a context manager) to stop any unfinished `frames()` generators.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._generators: weakref.WeakSet[Iterator[np.ndarray]] = weakref.WeakSet()
        with open_container(self.path) as container:
            stream = _video_stream(container, self.path)
            first = next(_decode(container, stream, self.path), None)
            if first is None:
                raise InputError("the video has no decodable frames", self.path)
            rate = stream.average_rate or stream.guessed_rate or stream.base_rate
            if not rate:
                raise InputError("cannot determine the video's frame rate", self.path)
            self._rate = Fraction(rate)
            self.fps = float(self._rate)
            self.rotation = (-round(first.rotation / 90) * 90) % 360
            width, height = first.width, first.height
            self._coded_size = (width, height)
            self.size = (height, width) if self.rotation in (90, 270) else (width, height)
            self._stated_end: Fraction | None = None  # the container's end of the video, seconds
            self._end_tolerance = Fraction(0)  # seconds allowed short of it besides TRUNCATION_TOLERANCE_FRAMES
            if stream.duration and stream.time_base:
                self._stated_end = (stream.start_time or 0) * stream.time_base + stream.duration * stream.time_base
                self.duration = float(stream.duration * stream.time_base)
            elif container.duration:
                self.duration = container.duration / av.time_base
                self._stated_end = Fraction((container.start_time or 0) + container.duration, av.time_base)
                self._end_tolerance = CONTAINER_TOLERANCE_S
            else:
                self.duration = (stream.frames or 1) / self.fps
            self.num_frames = int(stream.frames) or max(1, round(self.duration * self.fps))
            self.has_audio = len(container.streams.audio) > 0

    def frames(self, fps: float | None = None) -> Iterator[np.ndarray]:
        """Yield uint8 (H, W, 3) RGB frames, rotated for display, one at a time.

        With `fps`, yield a constant-rate sequence instead: output frame k is the source frame on
        screen at time k / fps (the latest one starting at or before it), until the source's last
        frame ends. This resamples variable-frame-rate input by its timestamps.
        """
        if fps is not None and not fps > 0:
            raise ValueError(f"fps must be positive, got {fps}")
        frames = self._decoded_rgb() if fps is None else self._resampled(Fraction(fps))
        self._generators.add(frames)
        return frames

    def close(self) -> None:
        """Stop every unfinished `frames()` generator (closing its file)."""
        for frames in list(self._generators):
            frames.close()
        self._generators.clear()

    def __enter__(self) -> VideoSource:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return (
            f"VideoSource({str(self.path)!r}, fps={self.fps:.3f}, size={self.size}, "
            f"num_frames={self.num_frames}, rotation={self.rotation}, has_audio={self.has_audio})"
        )

    def _timed_frames(self) -> Iterator[tuple[Fraction, np.ndarray, Fraction]]:
        """Yield (start time s, RGB frame, display duration s), times relative to the first frame. At the
        end, a video that ended early raises InputError (or warns, see the module's docstring)."""
        with open_container(self.path) as container:
            stream = _video_stream(container, self.path)
            t0: Fraction | None = None
            end = Fraction(0)  # where the last decoded frame ends (container time, s)
            count = 0
            convert = FrameConverter()  # decoded -> RGB on this generator's thread (media/frame_convert.py)
            try:
                for index, frame in enumerate(_decode(container, stream, self.path)):
                    if frame.pts is None or frame.time_base is None:
                        t = index / self._rate
                    else:
                        t = frame.pts * frame.time_base
                    t0 = t if t0 is None else t0
                    duration = Fraction(frame.duration * frame.time_base if frame.duration and frame.time_base else 0)
                    duration = duration or 1 / self._rate
                    end, count = max(end, t + duration), index + 1
                    yield t - t0, self._to_rgb(convert, frame), duration
            except InputError as error:
                if count == 0 or not truncated_allowed():
                    raise
                self._warn_truncated(count, f"decoding stopped: {error}")
                return
            self._check_complete(count, end)

    def _check_complete(self, count: int, end: Fraction) -> None:
        """InputError (or a warning with `truncated_allowed()`) when `count` frames ending at `end` s fall short
        of the container's stated end by more than the tolerance."""
        if self._stated_end is None or count == 0:
            return
        missing = (self._stated_end - end) * self._rate
        if missing - self._end_tolerance * self._rate <= TRUNCATION_TOLERANCE_FRAMES:
            return
        reason = f"the video ends early: {count} frames decoded, about {round(missing)} missing of " \
                 f"{count + round(missing)} (the file may be truncated)"
        if not truncated_allowed():
            raise InputError(f"{reason}; use --allow-truncated to keep the frames that decode", self.path)
        self._warn_truncated(count, reason)

    def _warn_truncated(self, count: int, reason: str) -> None:
        """The truncation warning on stderr, once a process for the file as it is on disk (`_TRUNCATION_SAID`)."""
        stat = self.path.stat()
        said = (str(self.path.resolve()), stat.st_size, stat.st_mtime_ns)
        if said in _TRUNCATION_SAID:
            return
        _TRUNCATION_SAID.add(said)
        print(f"facereel: warning: {self.path}: {reason}; keeping the {count} frames that decode", file=sys.stderr)

    def _decoded_rgb(self) -> Iterator[np.ndarray]:
        for _, rgb, _ in self._timed_frames():
            yield rgb

    def _resampled(self, fps: Fraction) -> Iterator[np.ndarray]:
        # Frame i covers [t_i, t_{i+1}); a tolerance of 1/1000 output frame absorbs rounding in
        # timestamps and in a float `fps`, so equal rates map frames one to one.
        tol = 1 / (1000 * fps)
        k = 0
        previous: np.ndarray | None = None
        end = Fraction(0)
        for t, rgb, duration in self._timed_frames():
            while previous is not None and k / fps < t - tol:
                yield previous
                k += 1
            previous, end = rgb, t + duration
        while previous is not None and k / fps < end - tol:
            yield previous
            k += 1

    def _to_rgb(self, convert: FrameConverter, frame: av.VideoFrame) -> np.ndarray:
        """(H, W, 3) uint8 RGB of a decoded frame at the coded size, turned for display."""
        width, height = self._coded_size
        rgb = convert(frame, format="rgb24", width=width, height=height).to_ndarray()
        if self.rotation:
            rgb = np.ascontiguousarray(np.rot90(rgb, k=-self.rotation // 90))
        return rgb


def open_container(path: Path, kind: str = "video file") -> av.container.InputContainer:
    """The file opened with FFmpeg; InputError naming it (as a `kind`) when it is missing or unreadable."""
    if not path.is_file():
        raise InputError(f"{kind} not found" if not path.exists() else "not a regular file", path)
    try:
        return av.open(str(path), mode="r")
    except (av.FFmpegError, OSError, UnicodeDecodeError) as e:
        raise InputError(f"not a readable {kind} ({getattr(e, 'strerror', None) or e})", path) from None


def _video_stream(container: av.container.InputContainer, path: Path) -> av.VideoStream:
    if container.format.name == "image2" or container.format.name.endswith("_pipe"):
        raise InputError("this is a still image, not a video", path)
    if not container.streams.video:
        raise InputError("the file has no video stream (or only an empty one)", path)
    stream = container.streams.video[0]
    check_pixels(stream.codec_context.width, stream.codec_context.height, MAX_DECODE_PIXELS, "video frame", path)
    stream.thread_type = "AUTO"
    return stream


def _decode(container: av.container.InputContainer, stream: av.VideoStream, path: Path) -> Iterator[av.VideoFrame]:
    """Decoded frames of `stream`; decoding errors become InputError."""
    try:
        yield from container.decode(stream)
    except av.FFmpegError as e:
        raise InputError(f"cannot decode the video, the file may be corrupt ({e.strerror or e})", path) from None
