"""The mesh engine's open-mouth interiors (`MeshOptions.mouth_interior`, `facereel animate --mouth`), in a
module that imports nothing: the options model and the command line's parser name them without loading the
renderer (OpenCV, SciPy, numba: ~1 CPU s of `facereel --help`, docs/benchmarks.md "CLI start-up")."""

MOUTH_INTERIORS = ("driver", "synthetic")
"""driver: the driving frame's own teeth, tongue and cavity; synthetic: procedural (`mouth.MouthRenderer`)."""
