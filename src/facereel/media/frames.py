"""Where rendered frames go: a `FrameSink` (a video file via `VideoWriter`, or frames kept in memory), opened
once the output's frame rate is known."""

from __future__ import annotations

from contextlib import AbstractContextManager
from pathlib import Path
from typing import Protocol

import numpy as np


class FrameSink(Protocol):
    """Takes uint8 (H, W, 3) RGB frames one at a time; counts them."""

    frames_written: int

    def write(self, frame: np.ndarray) -> None: ...


class OpenSink(Protocol):
    """Opens the output for a frame rate (frames per second), e.g. `lambda fps, total=None: VideoWriter(path,
    fps)`. `total`: the number of frames the run will write into it, when the run knows it (the one owner of
    a job's frame total: `PortraitAnimator`'s `on_total` gets it from here)."""

    def __call__(self, fps: float, total: int | None = None) -> AbstractContextManager[FrameSink]: ...


class FrameList:
    """A FrameSink that keeps copies of the frames in memory (the Python API's result)."""

    def __init__(self, fps: float) -> None:
        self.fps = float(fps)
        self.frames: list[np.ndarray] = []

    @property
    def frames_written(self) -> int:
        return len(self.frames)

    def write(self, frame: np.ndarray) -> None:
        self.frames.append(np.array(frame, dtype=np.uint8, copy=True))

    def __enter__(self) -> FrameList:
        return self

    def __exit__(self, *exc: object) -> None:
        return None


class StillImage:
    """A FrameSink for a still image file: keeps the last frame written and writes it atomically (the format
    from the extension, `media.image.write_image`) when the block ends without an error."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.frames_written = 0
        self._last: np.ndarray | None = None

    def write(self, frame: np.ndarray) -> None:
        self._last = np.array(frame, dtype=np.uint8, copy=True)
        self.frames_written += 1

    def __enter__(self) -> StillImage:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *exc: object) -> None:
        if exc_type is None and self._last is not None:
            from facereel.media.image import write_image

            write_image(self.path, self._last)
