"""Read and write still images as uint8 (H, W, 3) RGB arrays.

Decisions (see `read_image`):
- transparency is composited over **white**;
- EXIF orientation is applied;
- images whose longer side exceeds `max_side` (default 4096 px) are downscaled (Lanczos), JPEGs
  already at decode time (libjpeg DCT scaling via PIL's `draft`), so a 20000 x 20000 JPEG is never
  held at full size;
- the pixel count in the header is checked before decoding (`media.limits`): other formats above
  `MAX_DECODE_PIXELS`, JPEGs above `MAX_JPEG_PIXELS` are refused (`TooLarge`), so a small file that
  would decode to gigabytes never is.
"""

from __future__ import annotations

import math
import warnings
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from facereel.errors import InputError
from facereel.media.atomic import atomic_path
from facereel.media.limits import MAX_DECODE_PIXELS, MAX_JPEG_PIXELS, check_pixels

MAX_SIDE = 4096
# PIL's own decompression-bomb guard: our header check (media.limits) comes first and is stricter.
Image.MAX_IMAGE_PIXELS = MAX_JPEG_PIXELS

_ALPHA_MODES = {"RGBA", "RGBa", "LA", "La", "PA"}
BACKDROP = (255, 255, 255)
"""RGB the transparent pixels of a portrait are composited over (white, `read_image`); the mesh engine reads
what is exactly this colour round the photo as no photo (`engines.mesh.head_mask.backdrop`)."""
_SIXTEEN_BIT_MODES = {"I;16", "I;16L", "I;16B", "I;16N", "I"}


def read_image(path: str | Path, max_side: int = MAX_SIDE) -> np.ndarray:
    """Read an image file (JPEG, PNG, WebP, BMP, ...) as uint8 RGB, shape (H, W, 3).

    EXIF orientation is applied. Transparent pixels are composited over white. Grayscale, palette,
    CMYK and 16-bit images are converted to 8-bit RGB (16-bit values are scaled by 255/65535).
    If the longer side exceeds `max_side` pixels the image is downscaled to exactly `max_side` on
    that side, keeping its aspect ratio. Raises InputError for a missing or undecodable file.
    """
    path = Path(path)
    if path.exists() and not path.is_file():  # a folder, a device, a FIFO (opening one waits for a writer)
        raise InputError("not a regular file", path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as im:
                jpeg = im.format == "JPEG"
                check_pixels(im.width, im.height, MAX_JPEG_PIXELS if jpeg else MAX_DECODE_PIXELS,
                             f"{im.format} image", path)
                if jpeg:
                    im.draft(None, _target_size(im.size, max_side))
                im.load()
                rgb = _to_rgb(ImageOps.exif_transpose(im))
    except FileNotFoundError:
        raise InputError("image file not found", path) from None
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError, SyntaxError) as e:
        raise InputError(f"not a readable image file ({e})", path) from None
    if max(rgb.size) > max_side:
        # reducing_gap: a huge image is first box-reduced by an integer factor (cheap), then Lanczos-resampled
        rgb = rgb.resize(_target_size(rgb.size, max_side), Image.Resampling.LANCZOS, reducing_gap=3.0)
    return np.asarray(rgb, dtype=np.uint8).copy()


def write_image(path: str | Path, rgb: np.ndarray) -> None:
    """Write a uint8 (H, W, 3) RGB array atomically; the format follows the file extension."""
    path = Path(path)
    if rgb.dtype != np.uint8 or rgb.ndim != 3 or rgb.shape[2] != 3:
        raise ValueError(f"expected a uint8 (H, W, 3) RGB array, got {rgb.dtype} {rgb.shape}")
    fmt = Image.registered_extensions().get(path.suffix.lower())
    if fmt is None:
        raise InputError(f"unknown image extension {path.suffix!r}; use .png, .jpg, .webp or .bmp", path)
    options = {"quality": 95} if fmt in ("JPEG", "WEBP") else {}
    with atomic_path(path) as tmp:
        Image.fromarray(rgb, "RGB").save(tmp, format=fmt, **options)


def _target_size(size: tuple[int, int], max_side: int) -> tuple[int, int]:
    """(width, height) scaled so the longer side is at most `max_side` (unchanged if already)."""
    scale = min(1.0, max_side / max(size))
    return max(1, math.floor(size[0] * scale + 0.5)), max(1, math.floor(size[1] * scale + 0.5))


def _to_rgb(im: Image.Image) -> Image.Image:
    """Convert any PIL mode to 8-bit RGB: alpha over white, 16-bit scaled, CMYK via PIL."""
    if im.mode in _SIXTEEN_BIT_MODES:
        values = np.clip(np.asarray(im), 0, 65535).astype(np.uint32)
        gray = ((values * 255 + 32767) // 65535).astype(np.uint8)  # rounded, in 4 bytes a pixel (not 8)
        return Image.fromarray(gray, "L").convert("RGB")
    if im.mode == "P" and "transparency" in im.info:
        im = im.convert("RGBA")
    if im.mode in _ALPHA_MODES:
        rgba = im.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (*BACKDROP, 255))
        return Image.alpha_composite(white, rgba).convert("RGB")
    return im if im.mode == "RGB" else im.convert("RGB")
