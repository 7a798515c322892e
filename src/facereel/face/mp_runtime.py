"""mediapipe, imported lazily.

Its C++ side (absl logging, TFLite) writes INFO/WARNING lines straight to file descriptor 2 when a graph
starts; a library must not redirect a host application's stderr, so they are left alone here and the CLI
filters them out of its own terminal (facereel.cli.native_logs).
"""

from __future__ import annotations

import contextlib
import sys
from types import ModuleType

from facereel.interrupts import deferred_interrupts


def mediapipe() -> ModuleType:
    """The mediapipe module (imported on first use: ~1 s, and unneeded by e.g. `--help`). Ctrl-C / SIGTERM during
    that import is handled right after it: its C bindings import protobuf's Python modules themselves and would
    print the interrupt as a traceback and go on (seen: `animate` then finished, exit 0)."""
    with deferred_interrupts() if "mediapipe" not in sys.modules else contextlib.nullcontext():
        import mediapipe as mp
    return mp
