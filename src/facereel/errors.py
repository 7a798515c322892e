"""The one exception type that the CLI turns into a one-line message and exit code 2."""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """Bad user input: a missing/unreadable file, an unsupported option, no face, ...

    The message is one actionable line; when a file is involved it starts with the file's path.
    """

    def __init__(self, message: str, path: str | Path | None = None) -> None:
        super().__init__(f"{path}: {message}" if path is not None else message)
        self.path = None if path is None else Path(path)


class Cancelled(Exception):
    """Raised out of an animation whose `cancel` callback answered True (between frames; a1: between
    denoising steps). Nothing is written."""
