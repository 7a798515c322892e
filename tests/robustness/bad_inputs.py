"""Bad inputs the robustness tests build at test time: small files only."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path


def png_bomb(path: Path, width: int = 12000, height: int = 12000) -> Path:
    """A valid 16-bit grayscale PNG of `width` x `height` black pixels: 516 KB on disk, 288 MB of samples
    (1.8 GB through a plain decode + conversion). Made in milliseconds: see `_zero_rows_zlib`."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 16, 0, 0, 0, 0)
    data = _zero_rows_zlib(1 + 2 * width, height)  # each row: filter byte 0, then the 16-bit samples
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b""))
    return path


def _zero_rows_zlib(row_bytes: int, rows: int) -> bytes:
    """The zlib stream of `rows` * `row_bytes` zero bytes, without compressing them all: once the deflate
    window holds only zeros, every further row, sync-flushed, compresses to the same bytes, so that block is
    repeated; the Adler-32 of n zeros is (n mod 65521) << 16 | 1."""
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    row = bytes(row_bytes)
    warm = 1 + (1 << 15) // row_bytes  # rows that fill the 32 KiB window
    head = deflate.compress(row * warm) + deflate.flush(zlib.Z_SYNC_FLUSH)
    block = deflate.compress(row) + deflate.flush(zlib.Z_SYNC_FLUSH)
    assert block == deflate.compress(row) + deflate.flush(zlib.Z_SYNC_FLUSH)
    body = head + block * (rows - warm) + deflate.flush()
    adler = ((rows * row_bytes) % 65521) << 16 | 1
    return b"\x78\xda" + body + struct.pack(">I", adler)


def truncated_copy(video: Path, path: Path, keep: float) -> Path:
    """The first `keep` fraction of `video`'s bytes (a cut-off copy or download)."""
    data = video.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    return path


def bad_templates(good: Path, folder: Path) -> dict[Path, str]:
    """Malformed copies of the motion template `good`: file -> what the one-line error must say."""
    import numpy as np

    with np.load(good) as data:
        arrays = {name: data[name] for name in data.files}
    frames = len(arrays["rotation"])
    nan_landmarks = arrays["expression"].copy()
    nan_landmarks[frames // 2, 13] = np.nan
    cases = {
        "fps_zero": ({"fps": np.float64(0)}, "fps"),
        "fps_nan": ({"fps": np.float64(np.nan)}, "fps"),
        "mismatched": ({"scale": arrays["scale"][:-1]}, "scale has shape"),
        "zero_frames": ({name: arrays[name][:0] for name in
                         ("rotation", "translation", "scale", "expression", "features", "valid")}, "no frames"),
        "bad_reference": ({"reference": np.int32(frames + 5)}, "reference"),
        "nan_landmarks": ({"expression": nan_landmarks}, "NaN"),
        "inf_translation": ({"translation": np.full_like(arrays["translation"], np.inf)}, "NaN or infinite"),
    }
    made = {}
    for name, (changes, message) in cases.items():
        path = folder / f"{name}.npz"
        np.savez(path, **{**arrays, **changes})
        made[path] = message
    return made


def vfr_video(path: Path, frames: list, pts_ms: list[int], audio_seconds: float = 0.0) -> Path:
    """A variable-frame-rate video (H.264 in Matroska, millisecond timestamps `pts_ms`) of RGB `frames`, with
    a 440 Hz AAC tone of `audio_seconds` when positive."""
    from fractions import Fraction

    import av
    import numpy as np

    with av.open(str(path), "w") as container:
        video = container.add_stream("libx264", rate=25)
        video.height, video.width = frames[0].shape[:2]
        video.pix_fmt = "yuv420p"
        video.time_base = video.codec_context.time_base = Fraction(1, 1000)
        audio = container.add_stream("aac", rate=16000, layout="mono") if audio_seconds > 0 else None
        for image, pts in zip(frames, pts_ms):
            frame = av.VideoFrame.from_ndarray(image, format="rgb24")
            frame.pts, frame.time_base = pts, Fraction(1, 1000)
            container.mux(video.encode(frame))
        container.mux(video.encode(None))
        if audio is not None:
            t = np.arange(int(audio_seconds * 16000)) / 16000
            tone = (0.3 * np.sin(2 * np.pi * 440 * t)).astype(np.float32)[None]
            sound = av.AudioFrame.from_ndarray(tone, format="fltp", layout="mono")
            sound.sample_rate, sound.pts, sound.time_base = 16000, 0, Fraction(1, 16000)
            container.mux(audio.encode(sound))
            container.mux(audio.encode(None))
    return path
