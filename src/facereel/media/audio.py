"""Carry a file's audio track into an output container as AAC, cut or padded to the video's length."""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

from facereel.errors import InputError
from facereel.media.video import open_container

AUDIO_KIND = "audio or video file"  # what a missing or unreadable audio source is called in errors
BATCH = 0.5
"""Seconds: `write_until` encodes once the video is this far ahead of the audio written, in one frame (per video frame
the decode, slice, frame and encode calls cost ~0.4 ms in Python, the AAC encode itself ~0.1; the muxer's interleaving
by time lays the packets out as written frame by frame: the same bytes)."""
_AAC_RATES = {96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350}


def has_audio(path: str | Path) -> bool:
    """Whether the media file at `path` has an audio stream; InputError if it cannot be opened."""
    path = Path(path)
    with open_container(path, AUDIO_KIND) as container:
        return len(container.streams.audio) > 0


class AudioMuxer:
    """Encode the first audio stream of `source` into `output` as AAC (mono or stereo, source rate).

    Audio starts at the source's first sample. Call `write_until(t)` as the video advances to keep
    the streams interleaved (it writes in `BATCH`es), then `finish(duration)`, which cuts the audio at `duration` seconds or
    pads it with silence up to it (to the sample), and flushes the encoder.
    """

    def __init__(self, source: str | Path, output: av.container.OutputContainer) -> None:
        self._path = Path(source)
        self._source = open_container(self._path, AUDIO_KIND)
        try:
            src = self._source.streams.audio[0]
        except IndexError:
            self._source.close()
            raise InputError("the file has no audio stream", self._path) from None
        rate = src.codec_context.sample_rate
        self._rate = rate if rate in _AAC_RATES else 48000
        self._layout = "mono" if src.codec_context.channels == 1 else "stereo"
        self._output = output
        self._stream = output.add_stream("aac", rate=self._rate, layout=self._layout)
        self._stream.time_base = Fraction(1, self._rate)
        self._chunks = self._source_chunks(src)
        self._channels = 1 if self._layout == "mono" else 2
        self._pending = self._silence(0)
        self._samples_out = 0

    def write_until(self, seconds: float | Fraction) -> None:
        """Encode source audio up to `seconds` of output time (less if the source ends sooner), once that is at
        least `BATCH` seconds past what is written (`finish` writes the rest)."""
        target = int(Fraction(seconds) * self._rate)
        if target - self._samples_out >= BATCH * self._rate:
            self._write_to(target)

    def _write_to(self, target: int) -> None:
        """Encode source audio up to sample `target` of the output (less if the source ends sooner), in one frame."""
        taken = []
        count = self._samples_out
        while count < target:
            if self._pending.shape[1] == 0:
                self._pending = next(self._chunks, None)
                if self._pending is None:
                    self._pending = self._silence(0)
                    break
            take = min(self._pending.shape[1], target - count)
            taken.append(self._pending[:, :take])
            self._pending = self._pending[:, take:]
            count += take
        if taken:
            self._encode(np.concatenate(taken, axis=1))

    def finish(self, seconds: float | Fraction) -> None:
        """Write audio up to exactly `seconds` (padding with silence), flush the encoder, close the source."""
        self._write_to(int(Fraction(seconds) * self._rate))
        missing = int(Fraction(seconds) * self._rate) - self._samples_out
        if missing > 0:
            self._encode(self._silence(missing))
        self._output.mux(self._stream.encode(None))
        self.close()

    def close(self) -> None:
        """Close the source file."""
        self._chunks.close()
        self._source.close()

    def _source_chunks(self, src: av.AudioStream) -> Iterator[np.ndarray]:
        """Source audio as float32 (channels, samples) arrays at the output rate and layout."""
        resampler = av.AudioResampler(format="fltp", layout=self._layout, rate=self._rate)
        try:
            for frame in self._source.decode(src):
                for out in resampler.resample(frame):
                    yield out.to_ndarray()
            for out in resampler.resample(None):
                yield out.to_ndarray()
        except av.FFmpegError as e:
            raise InputError(f"cannot decode the audio, the file may be corrupt ({e.strerror or e})", self._path) from None

    def _silence(self, samples: int) -> np.ndarray:
        return np.zeros((self._channels, samples), np.float32)

    def _encode(self, samples: np.ndarray) -> None:
        frame = av.AudioFrame.from_ndarray(np.ascontiguousarray(samples), format="fltp", layout=self._layout)
        frame.sample_rate = self._rate
        frame.pts = self._samples_out
        frame.time_base = Fraction(1, self._rate)
        self._samples_out += samples.shape[1]
        self._output.mux(self._stream.encode(frame))
