"""mediapipe, imported lazily.

Its C++ side (absl logging, TFLite) writes INFO/WARNING lines straight to file descriptor 2 when a graph
starts; a library must not redirect a host application's stderr, so they are left alone here and the CLI
filters them out of its own terminal (facereel.cli.native_logs).

Its package imports `matplotlib.pyplot` (for `solutions.drawing_utils.plot_landmarks` only, which facereel never
calls): ~0.55 s CPU of its ~0.7 s import in every process. `mediapipe` imports it with stand-ins for matplotlib
that import the real one on first use (`_pyplot_deferred`; docs/benchmarks.md "A fresh process's start").

Its `SolutionBase.process` makes a new namedtuple class for its outputs on every call (~0.03 ms of the track
stage a frame); `solution_output` makes the same graph calls and reads the one output wanted.
"""

from __future__ import annotations

import contextlib
import importlib
import sys
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import numpy as np

from facereel.interrupts import deferred_interrupts


def mediapipe() -> ModuleType:
    """The mediapipe module (imported on first use: ~0.2 s CPU without matplotlib, and unneeded by e.g. `--help`).
    Ctrl-C / SIGTERM during that import is handled right after it: its C bindings import protobuf's Python modules
    themselves and would print the interrupt as a traceback and go on (seen: `animate` then finished, exit 0)."""
    with deferred_interrupts() if "mediapipe" not in sys.modules else contextlib.nullcontext(), _pyplot_deferred():
        import mediapipe as mp
    return mp


def solution_output(solution: Any, image: np.ndarray, stream: str) -> object | None:
    """`solution.process(image).<stream>` for a mediapipe solution (`SolutionBase`) whose graph takes one image
    stream: image (H, W, 3) uint8 RGB, fed at the next simulated 30 fps timestamp as `process` feeds it; None when
    the graph gave no packet on `stream`. The same graph calls as `process` (mediapipe 0.10's), without its
    namedtuple class."""
    (name, kind), = solution._input_stream_type_info.items()
    if image.shape[2] != 3:
        raise ValueError("Input image must contain three channel rgb data.")
    solution._graph_outputs.clear()
    solution._simulated_timestamp += 33333
    solution._graph.add_packet_to_input_stream(
        stream=name, packet=solution._make_packet(kind, image).at(solution._simulated_timestamp))
    solution._graph.wait_until_idle()
    packet = solution._graph_outputs.get(stream)
    return None if packet is None else solution._get_packet_content(solution._output_stream_type_info[stream], packet)


class _Deferred(ModuleType):
    """A stand-in for a module not imported yet: reading one of its attributes imports the real module (once
    the stand-in has left `sys.modules`) and reads it there."""

    def __getattr__(self, name: str) -> object:
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(importlib.import_module(self.__name__), name)


@contextlib.contextmanager
def _pyplot_deferred() -> Iterator[None]:
    """Inside: `matplotlib` and `matplotlib.pyplot` are `_Deferred` stand-ins unless matplotlib is imported
    already; after: the stand-ins leave `sys.modules` (a later import gets the real modules; what bound a
    stand-in meanwhile imports them on first use)."""
    if "matplotlib" in sys.modules or "mediapipe" in sys.modules:
        yield
        return
    package, pyplot = _Deferred("matplotlib"), _Deferred("matplotlib.pyplot")
    package.pyplot = pyplot
    sys.modules.update({"matplotlib": package, "matplotlib.pyplot": pyplot})
    try:
        yield
    finally:
        for name, stand_in in (("matplotlib", package), ("matplotlib.pyplot", pyplot)):
            if sys.modules.get(name) is stand_in:
                del sys.modules[name]
