"""`import wandb` while few modules are loaded: the one home of that fact, for `facereel train --log-with wandb`
(cli/train.py) and the tests that log a run to W&B (tests/conftest.py, tests/train/conftest.py).

pydantic reads wandb's settings' attribute docstrings through `inspect.getmodule`, which scans sys.modules for each
frame of the import stack: `import wandb` costs ~3 CPU s in a fresh process and ~20 once torch, diffusers and
transformers are loaded (docs/benchmarks.md, "CLI start-up" and "Test suite cost"). This module imports nothing
heavy itself, so callers can run it before their own imports load torch."""

from __future__ import annotations

import importlib.util


def import_wandb() -> None:
    """Import wandb where it is installed (the [trackers] extra); nothing otherwise (`--log-with wandb` then says
    what to install: train.tracking.parse)."""
    if importlib.util.find_spec("wandb") is not None:
        import wandb  # noqa: F401
