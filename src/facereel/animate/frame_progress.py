"""Progress counted in one unit, reported in another: the a1 engine finishes generated frames (12 fps model
frames, a window's at a time) but reports output frames (the driver's or source's fps), so its progress sums
to the `on_total` it reported, as the mesh engine's does."""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int], None]
"""progress(n): n more units done; n = 0 is a heartbeat (a caller's cancel check runs there)."""


def rescaled(progress: Progress | None, given: int, total: int) -> Progress | None:
    """`progress` fed in units of which `given` make the whole job, passed on in units of which `total` make
    it: after d given units it has received floor(d * total / given) in all, so exactly `total` once all
    `given` have come (extra units are ignored). Heartbeats (0) pass through. None stays None."""
    if progress is None:
        return None
    if given < 1 or total < 0:
        raise ValueError(f"rescaled progress needs given >= 1 and total >= 0, got {given} and {total}")
    done = 0

    def report(n: int) -> None:
        nonlocal done
        before = done * total // given
        done = min(done + n, given)
        progress(done * total // given - before)

    return report
