"""`import wandb` while few modules are loaded (importable by any test folder, like synthetic_video.py).

pydantic reads wandb's settings' attribute docstrings through `inspect.getmodule`, which scans sys.modules for each
frame of the import stack: `import wandb` costs ~3 CPU s in a fresh process and ~20 once torch, diffusers and the
tests' other modules are loaded (docs/benchmarks.md, "Test suite cost"). The training tests log one run to W&B, so a
run that collects them imports it first: tests/conftest.py's `pytest_configure` (a run of the whole suite, which
imports the other folders' test modules before tests/train's), the top of tests/train/conftest.py (a run of
tests/train alone, whose conftest pytest loads before `pytest_configure`)."""

from __future__ import annotations

import importlib.util


def import_wandb() -> None:
    """Import wandb where it is installed (the [trackers] extra); nothing otherwise."""
    if importlib.util.find_spec("wandb") is not None:
        import wandb  # noqa: F401
