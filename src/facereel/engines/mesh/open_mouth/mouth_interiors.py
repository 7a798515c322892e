"""The mesh engine's open-mouth interiors (`MeshOptions.mouth_interior`, `facereel animate --mouth`), in a
module that imports nothing: the options model and the command line's parser name them without loading the
renderer (OpenCV, SciPy, numba: ~1 CPU s of `facereel --help`, docs/benchmarks.md "CLI start-up")."""

MOUTH_INTERIORS = ("driver", "synthetic")
"""driver: the driving frame's own teeth, tongue and cavity; synthetic: procedural (`mouth.MouthRenderer`)."""
NO_MOUTH_PIXELS = "templates and presets carry no mouth pixels"
"""The one wording of why a template (`facereel extract-motion`'s .npz) or a preset cannot give the driver's mouth."""
TEMPLATE_MOUTH = (f"{NO_MOUTH_PIXELS}: the mesh engine draws their open mouth synthetic (a driving video lends "
                  "its own teeth and tongue: --mouth driver)")
"""What a user reads where a template is made or the mouth is chosen (`extract-motion`'s summary, `--mouth`'s help):
the same motion as a template and as its driving video reads two ways."""
