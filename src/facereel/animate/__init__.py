"""The public API: `AnimateOptions` (every setting) and the animation entry points."""

from facereel.animate.options import ENGINES, AnimateOptions, output_fps

__all__ = ["ENGINES", "AnimateOptions", "output_fps"]
