"""Input files named on a command line: files given directly, or the matching files inside given folders."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from facereel.errors import InputError

VIDEO_SUFFIXES = (".mp4", ".mov", ".mkv", ".avi", ".webm", ".m4v")  # driving / training videos and video sources read
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".bmp")  # portraits read


def collect_files(paths: Sequence[str | Path], suffixes: tuple[str, ...], what: str) -> list[Path]:
    """Files given directly, or the matching files inside given folders (sorted); InputError if none."""
    found: list[Path] = []
    for item in map(Path, paths):
        if item.is_dir():
            inside = sorted(p for p in item.iterdir() if p.suffix.lower() in suffixes and not p.name.startswith("."))
            if not inside:
                raise InputError(f"no {what} files ({', '.join(suffixes)}) in this folder", item)
            found.extend(inside)
        elif item.is_file():
            found.append(item)
        else:
            raise InputError(f"{what} file or folder not found", item)
    if not found:
        raise InputError(f"no {what} files given")
    return found


def is_photo(path: str | Path) -> bool:
    """True when `path` names a still image by its extension (a photo driver, or an image output)."""
    return Path(str(path)).suffix.lower() in IMAGE_SUFFIXES


def is_video_source(source: object) -> bool:
    """Whether `source` (any portrait input) is a video file path (`VIDEO_SUFFIXES`: video-to-video); any other
    source is a portrait image."""
    return isinstance(source, str | Path) and Path(source).suffix.lower() in VIDEO_SUFFIXES


def writes_still(driving: object, duration: float | None) -> bool:
    """True when an animation's output is a still image: a photo driver (a path) without a clip duration."""
    return isinstance(driving, str | Path) and is_photo(driving) and duration is None
