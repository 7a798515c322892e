"""SkyReels-A1 diffusion engine: `A1Engine.from_pretrained(weights, device, dtype, options).animate(...)`."""

from facereel.engines.a1.engine import A1Engine, Progress
from facereel.engines.a1.options import A1Options

__all__ = ["A1Engine", "A1Options", "Progress"]
