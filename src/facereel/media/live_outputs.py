"""Where `facereel live` sends its frames besides the window.

- `TimelineWriter`: a recording (H.264 + audio) with one frame per input frame, on the encoder thread.
- `RawPipe`: raw RGB24 frames on standard output, for ffmpeg (e.g. into a v4l2loopback camera) or OBS.
- `VirtualCamera`: a virtual camera device through pyvirtualcam (v4l2loopback on Linux, OBS elsewhere).

`RawPipe` and `VirtualCamera` are `FrameStream`s: `send(frame)` on the render thread, every rendered frame
once, as soon as it is made (dropped camera frames are not repeated: the consumer paces by arrival). A stream
whose reader went away raises `OutputClosed`, which ends the session normally.
"""

from __future__ import annotations

import os
import sys
from typing import Protocol, Self

import numpy as np

from facereel.errors import InputError
from facereel.media.writer import VideoWriter

PIPE_PIXEL_FORMAT = "rgb24"  # ffmpeg's name for the bytes RawPipe writes: R, G, B per pixel, rows top down


class OutputClosed(Exception):
    """The reader of a live output went away (e.g. the program reading the pipe exited)."""


class FrameStream(Protocol):
    """A live output fed one rendered frame at a time: (H, W, 3) uint8 RGB at the portrait's size."""

    def send(self, frame: np.ndarray) -> None: ...


class TimelineWriter:
    """Writes (index, frame) pairs so frame k lands at position k of the input's timeline: slots of
    dropped input frames repeat the previous output frame, those before the first frame repeat the first
    (frame None = only pad up to index)."""

    def __init__(self, writer: VideoWriter) -> None:
        self.writer = writer
        self._last: np.ndarray | None = None

    def __call__(self, item: tuple[int, np.ndarray | None]) -> None:
        index, frame = item
        fill = frame if self._last is None else self._last
        while fill is not None and self.writer.frames_written < index:
            self.writer.write(fill)
        if frame is not None and self.writer.frames_written <= index:
            self.writer.write(frame)
            self._last = frame


class RawPipe:
    """Frames of `size` (width, height) px as raw RGB24 on standard output: width * height * 3 bytes per
    frame, no header, each frame written whole before `send` returns (no buffering).

    While open, the process's standard output (fd 1) belongs to the frames: anything else written to it
    (Python prints, native libraries) goes to standard error instead. `close` restores fd 1.
    """

    def __init__(self, size: tuple[int, int]) -> None:
        self.size = size
        sys.stdout.flush()
        self._fd: int | None = os.dup(1)  # the pipe, written only by send
        os.dup2(2, 1)

    def send(self, frame: np.ndarray) -> None:
        width, height = self.size
        if frame.shape != (height, width, 3) or frame.dtype != np.uint8:
            raise ValueError(f"expected a ({height}, {width}, 3) uint8 frame, got {frame.shape} {frame.dtype}")
        if self._fd is None:
            raise OutputClosed("the pipe is closed")
        data = memoryview(np.ascontiguousarray(frame)).cast("B")
        try:
            while data:
                data = data[os.write(self._fd, data):]
        except BrokenPipeError as error:
            raise OutputClosed("the program reading the pipe exited") from error

    def close(self) -> None:
        if self._fd is None:
            return
        sys.stdout.flush()  # what was printed meanwhile goes to stderr, not into the pipe
        os.dup2(self._fd, 1)
        os.close(self._fd)
        self._fd = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def ffmpeg_input_args(size: tuple[int, int], fps: float) -> str:
    """The ffmpeg input options that read RawPipe's frames of `size` (width, height) at `fps` from stdin."""
    return f"-f rawvideo -pix_fmt {PIPE_PIXEL_FORMAT} -s {size[0]}x{size[1]} -r {fps:g} -i -"


class VirtualCamera:
    """A virtual camera (pyvirtualcam: a v4l2loopback device on Linux, OBS's on macOS/Windows) showing
    frames of `size` (width, height) at `fps`. Odd sizes lose their last row/column (cameras carry 4:2:0).

    Args:
        device: e.g. "/dev/video10"; None = the first free one.
    Raises:
        InputError: no such device (v4l2loopback not loaded) or it cannot be opened.
    """

    def __init__(self, size: tuple[int, int], fps: float, device: str | None = None) -> None:
        import pyvirtualcam

        self.width, self.height = size[0] - size[0] % 2, size[1] - size[1] % 2
        try:
            self._camera = pyvirtualcam.Camera(self.width, self.height, fps, device=device)
        except RuntimeError as error:
            where = f" at {device}" if device else ""
            reason = str(error).replace("\n", "; ")
            if "No v4l2 loopback device found" in reason or "does not exist" in reason:
                raise InputError(f"no virtual camera device found{where}: load v4l2loopback "
                                 "(sudo modprobe v4l2loopback) or use --pipe") from error
            raise InputError(f"cannot open the virtual camera{where}: {reason}") from error
        self.device: str = self._camera.device

    def send(self, frame: np.ndarray) -> None:
        self._camera.send(np.ascontiguousarray(frame[: self.height, : self.width]))

    def close(self) -> None:
        self._camera.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
