"""Clips written with PyAV for the tests (importable by name from every test folder, as `synthetic_video` is): a
run of a real clip's frames as decoded, and frames written as H.264 at a given rate, losslessly (they decode bit for
bit) or as a phone writes them (yuv420p), with a display matrix when asked."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from itertools import islice
from pathlib import Path

import av
import numpy as np

from facereel.media.video import open_video


def cut_frames(video: Path, start: int, count: int) -> list[np.ndarray]:
    """Frames [start, start + count) of `video` as decoded, (H, W, 3) uint8 RGB."""
    with open_video(video) as clip:
        return list(islice(clip.frames(), start, start + count))


def write_frames(path: Path, frames: Sequence[np.ndarray], rate: Fraction, lossless: bool = True,
                 display: int = 0) -> Path:
    """`frames` ((H, W, 3) uint8 RGB) written with PyAV into `path` at `rate` fps, one timestamp a frame: lossless
    (libx264rgb, qp 0: decoded as given, bit for bit) or as H.264 yuv420p; with a display matrix turning them
    `display` deg anticlockwise when not 0 (PyAV's `set_display_rotation`)."""
    with av.open(str(path), "w") as out:
        stream = out.add_stream("libx264rgb" if lossless else "libx264", rate=rate)
        stream.height, stream.width = frames[0].shape[:2]
        stream.pix_fmt = "rgb24" if lossless else "yuv420p"
        if lossless:
            stream.options = {"qp": "0"}
        if display:
            stream.set_display_rotation(display)
        for i, frame in enumerate(frames):
            picture = av.VideoFrame.from_ndarray(frame, format="rgb24")
            picture.pts, picture.time_base = i, 1 / rate
            out.mux(stream.encode(picture))
        out.mux(stream.encode(None))
    return path
