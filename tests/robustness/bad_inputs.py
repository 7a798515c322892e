"""Bad inputs the robustness tests build at test time: small files only."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path


def png_bomb(path: Path, width: int = 12000, height: int = 12000) -> Path:
    """A valid 16-bit grayscale PNG of `width` x `height` black pixels: ~300 KB on disk, 288 MB of samples
    (over 1 GB through a naive decode + conversion). Written row by row, never held in memory."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    squeeze = zlib.compressobj(9)
    row = bytes(1 + 2 * width)  # filter byte 0 + 16-bit samples
    data = b"".join(squeeze.compress(row) for _ in range(height)) + squeeze.flush()
    header = struct.pack(">IIBBBBB", width, height, 16, 0, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b""))
    return path
