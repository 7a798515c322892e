"""Face numbers as users give them (`--face-index`, `--source-face-index`, the app's fields): counted from 0, the
leftmost face first."""

from __future__ import annotations

from facereel.errors import InputError


def check_face_number(index: int) -> int:
    """`index` when it can number a face (0 or more), else InputError (one line)."""
    if index < 0:
        raise InputError(f"face number {index}: faces are counted from 0 (the leftmost) up")
    return index
