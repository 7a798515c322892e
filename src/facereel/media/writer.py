"""Write RGB frames to a browser-playable H.264 video, atomically, optionally with another file's audio."""

from __future__ import annotations

import contextlib
from fractions import Fraction
from pathlib import Path
from types import TracebackType

import av
import numpy as np

from facereel.media.atomic import atomic_path
from facereel.media.audio import AudioMuxer, has_audio
from facereel.media.frame_convert import FrameConverter
from facereel.media.video_choices import DEFAULT_CRF, ENCODER_PRESETS

_MOV_FORMATS = {".mp4", ".m4v", ".mov"}


class VideoWriter:
    """Context manager writing uint8 (H, W, 3) RGB frames as H.264 (libx264, yuv420p, BT.709).

    `fps` (frames per second; floats such as 29.97 are taken as the nearest fraction with a
    denominator up to 1001, e.g. 30000/1001). `size` (width, height) of the frames, or None to take
    it from the first frame; every frame must have that size. yuv420p needs even dimensions, so an
    odd width or height is **padded by one pixel**, repeating the last column / row; `.size` is
    the encoded (even) size. `crf`: x264 quality (0 lossless .. 51; 18 is visually lossless).
    `preset`: x264 speed/size trade-off (veryfast keeps encoding off the critical path of real-time work).
    `repeatable`: the same frames always give the same bytes: x264's macroblock-tree rate control (mbtree) is
    turned off, because with it the same frames encoded twice in one process gave different bytes on an AMD
    EPYC (2026-12-01), and two `facereel animate` runs of the same input wrote the same frames as files 1.9k-9.5k px
    a frame apart (lp_d3 0-8, 224 x 176; 2026-12-05): with mbtree x264 reads heap memory it never wrote (the same
    frames in a plain script gave other bytes under glibc's `MALLOC_PERTURB_` 165 and 77, on one thread or several;
    without mbtree the same bytes). Costs ~30 % bigger files at the same crf (lp_d12 512 px: 410 -> 535 kB,
    +0.26 dB), and still areas change a little more from frame to frame. `animate`'s outputs keep mbtree.
    `audio_from`: a video or audio file whose first audio stream is muxed as AAC, cut or padded with
    silence to the video's length (frames_written / fps); a file without audio gives a silent video.
    MP4/MOV outputs get `+faststart`. The file appears at `path` only when the `with` block exits
    without an exception; otherwise nothing (not even a temporary file) is left.
    """

    def __init__(
        self,
        path: str | Path,
        fps: float | Fraction,
        size: tuple[int, int] | None = None,
        audio_from: str | Path | None = None,
        crf: int = DEFAULT_CRF,
        preset: str = "veryfast",
        repeatable: bool = False,
    ) -> None:
        if not fps > 0:
            raise ValueError(f"fps must be positive, got {fps}")
        if not 0 <= crf <= 51:
            raise ValueError(f"crf must be in 0..51, got {crf}")
        if preset not in ENCODER_PRESETS:
            raise ValueError(f"preset must be one of {', '.join(ENCODER_PRESETS)}, got {preset}")
        self.path = Path(path)
        self.fps = Fraction(fps).limit_denominator(1001)
        self.crf = crf
        self.preset = preset
        self.repeatable = repeatable
        self.audio_from = Path(audio_from) if audio_from is not None and has_audio(audio_from) else None
        self.frame_size = size
        self.size = None if size is None else _even(size)
        self.frames_written = 0
        self._stack: contextlib.ExitStack | None = None
        self._container: av.container.OutputContainer | None = None
        self._video: av.VideoStream | None = None
        self._audio: AudioMuxer | None = None
        self._to_yuv = FrameConverter()  # RGB -> yuv420p on the writing thread (media/frame_convert.py)

    def __enter__(self) -> VideoWriter:
        with contextlib.ExitStack() as stack:
            tmp = stack.enter_context(atomic_path(self.path))
            options = {"movflags": "+faststart"} if self.path.suffix.lower() in _MOV_FORMATS else {}
            self._container = av.open(str(tmp), mode="w", options=options)
            stack.callback(self._container.close)
            self._stack = stack.pop_all()
        return self

    def write(self, frame: np.ndarray) -> None:
        """Append one uint8 (H, W, 3) RGB frame."""
        if self._container is None:
            raise RuntimeError("VideoWriter.write() called outside its `with` block")
        if frame.dtype != np.uint8 or frame.ndim != 3 or frame.shape[2] != 3:
            raise ValueError(f"expected a uint8 (H, W, 3) RGB frame, got {frame.dtype} {frame.shape}")
        if self._video is None:
            self._start((frame.shape[1], frame.shape[0]))
        if (frame.shape[1], frame.shape[0]) != self.frame_size:
            raise ValueError(f"frame size {(frame.shape[1], frame.shape[0])} != video size {self.frame_size}")
        width, height = self.size
        if frame.shape[:2] != (height, width):
            frame = np.pad(frame, ((0, height - frame.shape[0]), (0, width - frame.shape[1]), (0, 0)), mode="edge")
        video = self._to_yuv(_rgb_frame(frame), format="yuv420p", dst_colorspace="itu709", dst_color_range="MPEG")
        video.pts = self.frames_written
        video.time_base = 1 / self.fps
        self._container.mux(self._video.encode(video))
        self.frames_written += 1
        if self._audio is not None:
            self._audio.write_until(self.frames_written / self.fps)

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> bool | None:
        stack, self._stack = self._stack, None
        if exc_type is None:
            try:
                self._finish()
            except BaseException as error:
                if not stack.__exit__(type(error), error, error.__traceback__):
                    raise
                return None
        return stack.__exit__(exc_type, exc, tb)

    def _start(self, frame_size: tuple[int, int]) -> None:
        """Add the streams once the frame size is known (before anything is muxed)."""
        self.frame_size = self.frame_size or frame_size
        self.size = _even(self.frame_size)
        options = {"crf": str(self.crf), "preset": self.preset}
        if self.repeatable:
            options["x264-params"] = "mbtree=0"
        stream = self._container.add_stream("libx264", rate=self.fps, options=options)
        stream.width, stream.height = self.size
        stream.pix_fmt = "yuv420p"
        stream.time_base = 1 / self.fps
        cc = stream.codec_context
        cc.time_base = 1 / self.fps
        cc.colorspace = cc.color_primaries = cc.color_trc = 1  # BT.709
        cc.color_range = 1  # limited ("tv") range
        self._video = stream
        if self.audio_from is not None:
            self._audio = AudioMuxer(self.audio_from, self._container)
            self._stack.callback(self._audio.close)

    def _finish(self) -> None:
        """Flush the encoders and pad/cut the audio; raises if nothing was written."""
        if self._video is None:
            raise ValueError(f"no frames were written to {self.path}")
        self._container.mux(self._video.encode(None))
        if self._audio is not None:
            self._audio.finish(self.frames_written / self.fps)


def _rgb_frame(frame: np.ndarray) -> av.VideoFrame:
    """An rgb24 `VideoFrame` of a uint8 (H, W, 3) RGB array, on the array's own pixels when it is C-contiguous
    (`from_ndarray` copied them first: ~0.3 ms a 512 px frame; the yuv420p conversion reads the same bytes)."""
    if frame.flags.c_contiguous:
        return av.VideoFrame.from_numpy_buffer(frame, format="rgb24")
    return av.VideoFrame.from_ndarray(frame, format="rgb24")


def _even(size: tuple[int, int]) -> tuple[int, int]:
    """(width, height) rounded up to even numbers."""
    return size[0] + size[0] % 2, size[1] + size[1] % 2
