"""The exceptions the CLI turns into one-line messages: InputError (bad input, exit code 2), WorkerLost (a
distributed worker gone, exit code 1), Cancelled; `storage_error`, a full or read-only disk (exit code 1);
`error_line`, any exception as one line; and
`unwrapped_interrupts`, Ctrl-C/SIGTERM inside compiled code raised as itself."""

from __future__ import annotations

import contextlib
import errno
from collections.abc import Iterator, Sequence
from pathlib import Path

from facereel.interrupts import lost_interrupts


class InputError(Exception):
    """Bad user input: a missing/unreadable file, an unsupported option, no face, ...

    The message is one actionable line; when a file is involved it starts with the file's path.
    """

    def __init__(self, message: str, path: str | Path | None = None) -> None:
        super().__init__(f"{path}: {message}" if path is not None else message)
        self.path = None if path is None else Path(path)


def flags_line(flags: Sequence[str], one: str, several: str) -> str:
    """The start of a refusal naming flags, its verb agreeing: "--fps only applies" for one flag (`one`),
    "--fps, --workers only apply" for several (`several`)."""
    return f"{', '.join(flags)} {one if len(flags) == 1 else several}"


class Cancelled(Exception):
    """Raised out of an animation whose `cancel` callback answered True (between frames; a1: between
    denoising steps). Nothing is written."""


class WorkerLost(Exception):
    """A worker of a distributed run (a Ray actor) died more times than it is restarted, so its work cannot
    finish. The message is one line; what was finished is kept (a long a1 video's windows in its resume folder)."""


STORAGE_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS})
"""OSError numbers that say the output's storage cannot take it (full, over quota, file too large, read-only)."""


def storage_error(exc: BaseException) -> str | None:
    """One line for an OSError that says where a write failed and why (`STORAGE_ERRNOS`), else None."""
    if not isinstance(exc, OSError) or exc.errno not in STORAGE_ERRNOS:
        return None
    where = f"{exc.filename}: " if exc.filename else ""
    return f"{where}cannot write: {exc.strerror or exc}"


def error_line(exc: BaseException) -> str:
    """One line: an InputError's message as is (it names the file), else the exception's type and first line."""
    text = (str(exc).strip().splitlines() or [""])[0]
    if isinstance(exc, InputError):
        return text
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


@contextlib.contextmanager
def unwrapped_interrupts() -> Iterator[None]:
    """Inside, a KeyboardInterrupt (Ctrl-C, or SIGTERM's `Terminated`) that a signal handler raised while compiled
    code ran is raised as itself in place of the error it caused: a numba kernel's dispatcher (CPython then raises
    `SystemError: ... returned a result with an exception set` from it, twice over when the interrupt hit
    `_numba_unpickle` inside the dispatcher), or numba compiling, where the interrupt
    is lost inside llvmlite's ctypes callback ("Exception ignored") and numba then fails (`RuntimeError: no
    compiled object yet ...`). Other errors are left alone, and so is a block that ends normally."""
    lost: list[KeyboardInterrupt] = []
    try:
        with lost_interrupts(lost):
            yield
    except Exception as exc:
        cause: BaseException | None = exc
        while isinstance(cause, SystemError):  # nested when the dispatcher's own Python helper was interrupted
            cause = cause.__cause__
        interrupt = cause if isinstance(cause, KeyboardInterrupt) else next(iter(lost), None)
        if interrupt is None:
            raise
        raise interrupt from None
