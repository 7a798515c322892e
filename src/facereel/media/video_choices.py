"""The choices and defaults of a written video that the command line names (x264 preset and CRF, frame-rate
conversion methods), in a module that imports nothing: building the `animate` / `batch` parser loads neither
PyAV (`writer`) nor OpenCV (`interpolate`) (docs/benchmarks.md, "CLI start-up")."""

ENCODER_PRESETS = ("ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow")
"""x264's presets, fastest (biggest file) first."""
DEFAULT_CRF = 18
"""x264 constant rate factor of facereel's outputs: visually lossless (0 is lossless, 51 the worst)."""
INTERPOLATION_METHODS = ("flow", "crossfade")
"""Frame-rate conversion (`interpolate`): OpenCV optical flow both ways, or a linear blend of the two frames."""
