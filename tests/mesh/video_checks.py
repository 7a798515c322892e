"""Helpers for the end-to-end tests: driving videos with audio, and reading results back."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import av
import numpy as np

from facereel.media.video import open_video


def tone(path: Path, seconds: float, rate: int = 44100) -> Path:
    """A mono 440 Hz PCM wav lasting `seconds`."""
    with av.open(str(path), "w") as c:
        s = c.add_stream("pcm_s16le", rate=rate, layout="mono")
        t = np.arange(int(seconds * rate)) / rate
        data = (np.sin(2 * np.pi * 440 * t) * 16000).astype(np.int16)[None]
        f = av.AudioFrame.from_ndarray(data, format="s16", layout="mono")
        f.sample_rate, f.pts, f.time_base = rate, 0, Fraction(1, rate)
        c.mux(s.encode(f))
        c.mux(s.encode(None))
    return path


def audio_seconds(path: Path) -> float:
    """Decoded length of the first audio stream, s."""
    with av.open(str(path)) as c:
        s = c.streams.audio[0]
        return sum(f.samples for f in c.decode(s)) / s.codec_context.sample_rate


def read_frames(path: Path) -> tuple[list[np.ndarray], float, bool]:
    """(every decoded RGB frame, fps, has audio) of a video."""
    with open_video(path) as video:
        return list(video.frames()), video.fps, video.has_audio
