"""FFmpeg's pixel-format conversion (swscale) on the calling thread, one context for all of a stream's frames.

`VideoFrame.to_ndarray(format=...)` and `VideoFrame.reformat` make a new `VideoReformatter` for every frame,
and with it a new swscale context that starts its own helper threads (threads=0: one per core) and ends them
again, every frame. Reading (decoded -> RGB) and writing (RGB -> yuv420p) each run on a pipeline stage of
their own, which the other stages keep busy, so the helpers only add CPU: docs/benchmarks.md, "Helper
threads of the streamed pass". The converted pixels do not depend on the number of threads.
"""

from __future__ import annotations

from typing import Any

import av
from av.video.reformatter import VideoReformatter


class FrameConverter:
    """Converts the frames of one stream on the calling thread, reusing one swscale context (not thread-safe:
    one per reading or writing loop)."""

    def __init__(self) -> None:
        self._sws = VideoReformatter()

    def __call__(self, frame: av.VideoFrame, **options: Any) -> av.VideoFrame:
        """`frame` converted as `VideoFrame.reformat(**options)` would (format, width, height, colours)."""
        return self._sws.reformat(frame, threads=1, **options)
