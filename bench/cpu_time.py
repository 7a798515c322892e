"""CPU time of an engine's set-up and of its frames, as the speed tables of the bench scripts report them."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

Engine = TypeVar("Engine")


def setup_and_frames(make: Callable[[], Engine], draw: Callable[[Engine, int], object],
                     frames: int) -> tuple[float, float]:
    """(set-up CPU s, CPU ms a frame): `make()` timed once, then `draw(engine, k)` for k in 0..frames-1."""
    start = time.process_time()
    engine = make()
    setup = time.process_time() - start
    start = time.process_time()
    for k in range(frames):
        draw(engine, k)
    return setup, (time.process_time() - start) / frames * 1000
