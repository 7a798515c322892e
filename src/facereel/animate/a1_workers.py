"""`--workers`: where a long a1 video's windows run. Unset: one engine on the job's device, window after window.
`cuda:0,cuda:1` (or `cpu,cpu`, any mix of cuda:N / cuda / mps / cpu): one engine and thread per entry
(engines.a1.window_threads). `ray` or `ray:ADDRESS`: Ray actors, one per GPU of the cluster, else one per CPU
(engines.a1.window_ray). Every choice gives the same frames (docs/a1-engine.md, "Several workers")."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from facereel.animate.device import check_device, resolve_device
from facereel.errors import InputError

if TYPE_CHECKING:
    from facereel.engines.a1.long_video import WindowRunner
    from facereel.engines.a1.options import A1Options

RAY = "ray"


def check_workers(text: str) -> str:
    """`text` when it names workers (a device list, `ray` or `ray:ADDRESS`), else a one-line InputError."""
    text = text.strip()
    if text == RAY or (text.startswith(f"{RAY}:") and len(text) > len(RAY) + 1):
        return text
    if not all(_is_device(item.strip()) for item in text.split(",")):
        raise InputError(f"--workers takes devices like cuda:0,cuda:1 (or cpu,cpu), or ray / ray:ADDRESS (got {text!r})")
    return text


def _is_device(name: str) -> bool:
    """A concrete device (cuda, cuda:N, mps, cpu; not auto)."""
    try:
        return check_device(name) != "auto"
    except InputError:
        return False


@functools.lru_cache(maxsize=1)
def window_runner(weights: str, workers: str, options: "A1Options") -> "WindowRunner":
    """The runner for `workers`, kept (its engines or actors stay loaded) until other workers, weights or
    settings are asked for."""
    if workers == RAY or workers.startswith(f"{RAY}:"):
        from facereel.engines.a1.window_ray import RayRunner

        return RayRunner(weights, options, address=workers[len(RAY) + 1:] or None)
    from facereel.engines.a1.engine import A1Engine
    from facereel.engines.a1.window_threads import ThreadedRunner

    return ThreadedRunner([A1Engine.from_pretrained(weights, device=resolve_device(device), options=options)
                           for device in workers.split(",")])
