"""The hand-off of overlap caches between the workers of one long video.

Window k blends, at each blend step, its leading latents with window k-1's trailing latents cached at the same
step (windows.OverlapBlender). When windows run on several workers at once, window k waits here for window
k-1's cache of each blend step, which window k-1's worker puts here as soon as it passes that step. One
instance serves one video; on a Ray cluster it runs as a threaded actor (window_ray.py).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import torch


class Cancelled(Exception):
    """The video's run was stopped (another worker failed, or the caller cancelled) while a worker waited."""


class OverlapExchange:
    """Caches keyed by (window, blend step index), each (count, 16, h, w) float32; `get` waits for its entry."""

    def __init__(self) -> None:
        self._entries: dict[tuple[int, int], torch.Tensor] = {}
        self._changed = threading.Condition()
        self._cancelled = False

    def put(self, window: int, blend_index: int, latents: torch.Tensor) -> None:
        """Window `window`'s cache at its `blend_index`-th blend step."""
        with self._changed:
            self._entries[window, blend_index] = latents
            self._changed.notify_all()

    def put_cache(self, window: int, cache: torch.Tensor | None) -> None:
        """A finished window's whole cache (blend steps, count, 16, h, w), e.g. from the resume folder."""
        for blend_index, latents in enumerate(cache if cache is not None else ()):
            self.put(window, blend_index, latents)

    def get(self, window: int, blend_index: int) -> torch.Tensor:
        """Window `window`'s cache at its `blend_index`-th blend step, waiting until it is there; Cancelled
        when the run was stopped first."""
        with self._changed:
            self._changed.wait_for(lambda: self._cancelled or (window, blend_index) in self._entries)
            if self._cancelled:
                raise Cancelled
            return self._entries[window, blend_index]

    def discard(self, window: int) -> None:
        """Forget window `window`'s caches (its successor has finished), so a long video holds only a few."""
        with self._changed:
            for key in [key for key in self._entries if key[0] == window]:
                del self._entries[key]

    def cancel(self) -> None:
        """Wake every waiting worker with Cancelled; later gets raise it too."""
        with self._changed:
            self._cancelled = True
            self._changed.notify_all()

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    def previous_of(self, window: int) -> Callable[[int], torch.Tensor] | None:
        """The `previous` argument of OverlapBlender for window `window` (None for the first window)."""
        return None if window == 0 else lambda blend_index: self.get(window - 1, blend_index)

    def publisher(self, window: int) -> Callable[[int, torch.Tensor], None]:
        """The `publish` argument of OverlapBlender for window `window`."""
        return lambda blend_index, latents: self.put(window, blend_index, latents)
