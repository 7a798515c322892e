"""SkyReels-A1 diffusion engine: `A1Engine.from_pretrained(weights, device, dtype, options).generate(...)`.

The names below load torch and diffusers on first use only, so `facereel.engines.a1.constants` stays cheap.
"""

from __future__ import annotations

from typing import Any

__all__ = ["A1Engine", "A1Options", "Progress"]


def __getattr__(name: str) -> Any:
    if name in ("A1Engine", "Progress"):
        from facereel.engines.a1 import engine

        return getattr(engine, name)
    if name == "A1Options":
        from facereel.engines.a1.options import A1Options

        return A1Options
    raise AttributeError(name)
