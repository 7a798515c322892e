"""Size limits on decoded pixels, checked from file headers before anything is decoded (decompression bombs:
a small file that decodes to gigabytes). docs/security.md lists them."""

from __future__ import annotations

from pathlib import Path

from facereel.errors import InputError

# Images decoded at full size (PNG, WebP, TIFF, ...) and video frames: 8192 x 8192 (a 16-bit RGB image of
# that size is 384 MiB while decoding; one RGB video frame 192 MiB).
MAX_DECODE_PIXELS = 8192 * 8192
# JPEGs are decoded at 1/2 .. 1/8 scale when large (libjpeg DCT scaling), so they may have 16x more.
MAX_JPEG_PIXELS = 16 * MAX_DECODE_PIXELS


class TooLarge(InputError):
    """An input whose header announces more pixels than facereel decodes (the app answers 413)."""


def check_pixels(width: int, height: int, limit: int, what: str, path: str | Path) -> None:
    """TooLarge naming `path` when a `what` of `width` x `height` pixels exceeds `limit` pixels. A size of 0
    means the header does not say (some video streams): nothing to check."""
    if width * height > limit:
        raise TooLarge(f"{what} of {width}x{height} pixels is too large to decode (limit {limit / 1e6:.0f} "
                       f"megapixels); downscale it first", path)
