"""Building the `facereel` parser (every command's `--help`) imports no torch, diffusers or transformers: each
would cost every command seconds of start-up (docs/benchmarks.md, "CLI start-up")."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
HEAVY = ("torch", "diffusers", "transformers", "accelerate", "wandb")


def loaded_after(code: str) -> set[str]:
    """The top-level modules loaded in a fresh interpreter after running `code` (`code` may print nothing)."""
    script = f"import sys, json\n{code}\nprint(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}})))"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True)
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def test_building_the_parser_imports_no_torch() -> None:
    loaded = loaded_after("from facereel.cli.main import build_parser\nbuild_parser()")
    assert "facereel" in loaded  # the check ran in a process that did import the CLI
    assert not loaded & set(HEAVY), f"build_parser() imported {sorted(loaded & set(HEAVY))}"


def test_the_check_sees_torch_when_a_command_runs_it() -> None:
    """The same check on the training loop, which does need torch: the subprocess check can fail."""
    pytest.importorskip("torch")
    pytest.importorskip("diffusers")
    loaded = loaded_after("import facereel.train.loop")
    assert {"torch", "diffusers"} <= loaded
