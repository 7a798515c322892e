"""facereel: bring a still portrait to life from a driving video.

Data flow (one sub-package per stage):
media -> face -> motion -> condition -> engines -> media; eval, cli reuse the same stages.
"""

__version__ = "0.1.0"
