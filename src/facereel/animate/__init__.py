"""The public API: `PortraitAnimator` (api.py), `AnimateOptions` (options.py), device choice (device.py)."""

from __future__ import annotations

from typing import Any

from facereel.animate.options import ENGINES, AnimateOptions, output_fps

from facereel.errors import Cancelled

_API = ("AnimatedVideo", "PortraitAnimator")
__all__ = ["ENGINES", "AnimateOptions", "Cancelled", "output_fps", *_API]


def __getattr__(name: str) -> Any:
    """The API classes, imported on first use (they import the engines' front end)."""
    if name in _API:
        from facereel.animate import api

        return getattr(api, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
