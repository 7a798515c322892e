"""mediapipe, imported lazily.

Its C++ side (absl logging, TFLite) writes INFO/WARNING lines straight to file descriptor 2 when a graph
starts; a library must not redirect a host application's stderr, so they are left alone here and the CLI
filters them out of its own terminal (facereel.cli.native_logs).
"""

from __future__ import annotations

from types import ModuleType


def mediapipe() -> ModuleType:
    """The mediapipe module (imported on first use: ~1 s, and unneeded by e.g. `--help`)."""
    import mediapipe as mp

    return mp
