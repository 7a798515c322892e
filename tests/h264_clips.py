"""Frames written as H.264 with facereel's `VideoWriter` for the tests (importable by name from every test folder, as
`synthetic_video` is): repeatable (x264's mbtree off) by default, so a clip a test tracks has the same bytes, and
the tracker reads the same landmarks off it, in every process."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import numpy as np

from facereel.media.writer import VideoWriter


def write_video(path: Path, frames: Iterable[np.ndarray], fps: float = 25.0, audio: Path | None = None,
                preset: str = "veryfast", repeatable: bool = True) -> Path:
    """`frames` ((H, W, 3) uint8 RGB) written to `path` as H.264 at `fps` frames per second, with `audio`'s first
    audio stream when given; `repeatable` (`VideoWriter`'s: mbtree off) by default, the same bytes in every process,
    for a clip a test tracks; False encodes as `animate` does."""
    with VideoWriter(path, fps=fps, audio_from=audio, preset=preset, repeatable=repeatable) as writer:
        for frame in frames:
            writer.write(frame)
    return path
