"""facereel: bring a still portrait to life from a driving video.

    from facereel import PortraitAnimator
    video = PortraitAnimator("mesh")("me.jpg", "driver.mp4")
    video.save("out.mp4")

Data flow (one sub-package per stage): media -> face -> motion -> condition -> engines -> media; `animate`
is the API above them; eval, batch, app and cli use it. Importing facereel loads nothing heavy and changes
no process-wide state (logging goes to the `facereel` logger; the CLI sets up handlers).
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["AnimateOptions", "AnimatedVideo", "Cancelled", "PortraitAnimator", "__version__"]


def __getattr__(name: str) -> Any:
    """The public API names, imported on first use."""
    if name in __all__[:-1]:
        import facereel.animate

        return getattr(facereel.animate, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
