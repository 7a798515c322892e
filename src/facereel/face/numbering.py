"""Face numbers as users give them (`--face-index`, `--source-face-index`, the app's fields): counted from 0, the
leftmost face first."""

from __future__ import annotations

from pathlib import Path

from facereel.errors import InputError


def check_face_number(index: int) -> int:
    """`index` when it can number a face (0 or more), else InputError (one line)."""
    if index < 0:
        raise InputError(f"face number {index}: faces are counted from 0 (the leftmost) up")
    return index


DRIVER_FACE_FLAG, SOURCE_FACE_FLAG = "--face-index", "--source-face-index"
"""The options that number a face of the driver and of the source (a video source is tracked as a driver is, so a
missing face's error names the one the user gave; v2v `--source-face-index 2` on a two-person clip named the first)."""


def missing_face_error(face_index: int, most_faces: int, flag: str, what: str | Path) -> InputError:
    """The one-line error for a video none of whose frames shows face number `face_index` (given by the option
    `flag`), its frames showing at most `most_faces` (>= 1) faces."""
    return InputError(f"no face number {face_index} in any frame: at most {most_faces} face(s) in a frame, numbered "
                      f"0..{most_faces - 1} from the left ({flag})", what)
