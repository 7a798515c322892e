"""CPU mesh engine: real-time geometric reenactment of a still portrait (docs/mesh-engine.md)."""

from facereel.engines.mesh.animator import MeshAnimator, MeshOptions

__all__ = ["MeshAnimator", "MeshOptions"]
