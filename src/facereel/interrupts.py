"""Ctrl-C (SIGINT) and SIGTERM where Python cannot raise them at once: held back while files that belong together
are renamed into place (`deferred_interrupts`), and caught where a C library's callback swallowed them
(`lost_interrupts`: numba compiling through llvmlite's ctypes callbacks)."""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
from collections.abc import Iterator
from types import FrameType
from typing import Any

INTERRUPTS = (signal.SIGINT, signal.SIGTERM)


@contextlib.contextmanager
def deferred_interrupts() -> Iterator[None]:
    """Inside, SIGINT and SIGTERM are only noted; on leaving, the previous handlers come back and a noted signal is
    sent again, so it is handled right after the block (Ctrl-C: KeyboardInterrupt there). Outside the main thread
    (where handlers cannot be set), and for a handler not set from Python: no change."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    noted: list[int] = []

    def note(signum: int, frame: FrameType | None) -> None:
        noted.append(signum)

    previous = {signum: signal.getsignal(signum) for signum in INTERRUPTS}
    previous = {signum: handler for signum, handler in previous.items() if handler is not None}
    for signum in previous:
        signal.signal(signum, note)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        if noted:
            signal.raise_signal(noted[0])


@contextlib.contextmanager
def lost_interrupts(lost: list[KeyboardInterrupt]) -> Iterator[None]:
    """Inside, a KeyboardInterrupt (SIGTERM's `Terminated` too) that Python could only report as "Exception
    ignored" (raised inside a C library's callback, e.g. llvmlite's while numba compiles) is appended to `lost`
    instead of printed; other unraisable exceptions go to the previous hook."""
    previous = sys.unraisablehook

    def hook(unraisable: Any) -> None:  # sys.UnraisableHookArgs
        if isinstance(unraisable.exc_value, KeyboardInterrupt):
            lost.append(unraisable.exc_value)
        else:
            previous(unraisable)

    sys.unraisablehook = hook
    try:
        yield
    finally:
        sys.unraisablehook = previous
