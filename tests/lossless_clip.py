"""Clips written losslessly for tests (importable by any test folder; `conftest` module names clash across
folders): the frames read back are the frames written, bit for bit."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path

import av
import numpy as np


def write_lossless(path: Path, frames: Sequence[np.ndarray], rate: Fraction = Fraction(30), display: int = 0,
                   lossless: bool = True) -> Path:
    """(H, W, 3) uint8 RGB `frames` written losslessly (libx264rgb, qp 0; lossless False: H.264 yuv420p at x264's
    defaults) with PyAV into `path` at `rate` fps, with a display matrix turning them `display` deg anticlockwise when
    not 0 (`set_display_rotation`); returns `path`."""
    with av.open(str(path), "w") as out:
        stream = out.add_stream("libx264rgb" if lossless else "libx264", rate=rate)
        stream.height, stream.width = frames[0].shape[:2]
        if lossless:
            stream.pix_fmt, stream.options = "rgb24", {"qp": "0"}
        else:
            stream.pix_fmt = "yuv420p"
        if display:
            stream.set_display_rotation(display)
        for i, frame in enumerate(frames):
            picture = av.VideoFrame.from_ndarray(frame, format="rgb24")
            picture.pts, picture.time_base = i, 1 / rate
            out.mux(stream.encode(picture))
        out.mux(stream.encode(None))
    return path
