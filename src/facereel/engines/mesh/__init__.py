"""CPU mesh engine: real-time geometric reenactment of a still portrait (docs/mesh-engine.md).

The names below load the renderer (OpenCV, SciPy, the head proxy) on first use only, so a light module such
as `facereel.engines.mesh.open_mouth.mouth_interiors` can be imported by the options model without it.
"""

from __future__ import annotations

from typing import Any

__all__ = ["MeshAnimator", "MeshOptions"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from facereel.engines.mesh import animator

        return getattr(animator, name)
    raise AttributeError(name)
