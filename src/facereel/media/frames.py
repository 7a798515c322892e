"""Where rendered frames go: a `FrameSink` (a video file via `VideoWriter`, or frames kept in memory), opened
once the output's frame rate is known."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Protocol

import numpy as np


class FrameSink(Protocol):
    """Takes uint8 (H, W, 3) RGB frames one at a time; counts them."""

    frames_written: int

    def write(self, frame: np.ndarray) -> None: ...


OpenSink = Callable[[float], AbstractContextManager[FrameSink]]
"""Opens the output for a frame rate (frames per second), e.g. `lambda fps: VideoWriter(path, fps)`."""


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
