"""Building the `facereel` parser (every command's `--help`) imports no torch, diffusers or transformers: each
would cost every command seconds of start-up (docs/benchmarks.md, "CLI start-up"); nor the mesh renderer's
OpenCV, SciPy and numba, nor PyAV (~1 CPU s together: the options name their choices from light modules,
`engines.mesh.open_mouth.mouth_interiors`, `media.video_choices`, and each command imports its work in `run`), nor numpy
(~0.06 CPU s: the options and names the flags read live in numpy-free modules, `motion.retarget_options`,
`motion.slider_options`, `motion.preset_names`, `motion.one_euro`, `media.files`)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
HEAVY = ("torch", "diffusers", "transformers", "accelerate", "wandb")
RENDERER = ("cv2", "scipy", "numba", "av")  # the mesh engine's and the video files' (one of them: ~0.1-0.8 CPU s)


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


@pytest.mark.heavy  # ~12 s of torch + diffusers imports; that the check can fail the numpy and renderer checks below
# show at ~1 s: .ci/run's second step
def test_the_check_sees_torch_when_a_command_runs_it() -> None:
    """The same check on the training loop, which does need torch: the subprocess check can fail."""
    pytest.importorskip("torch")
    pytest.importorskip("diffusers")
    loaded = loaded_after("import facereel.train.loop")
    assert {"torch", "diffusers"} <= loaded


def test_building_the_parser_imports_no_renderer() -> None:
    loaded = loaded_after("from facereel.cli.main import build_parser\nbuild_parser()")
    assert "facereel" in loaded
    assert not loaded & set(RENDERER), f"build_parser() imported {sorted(loaded & set(RENDERER))}"


def test_help_imports_no_numpy() -> None:
    """As a user runs it: `facereel --help` and the help of the commands whose flags read the retargeting options,
    sliders and presets (`animate`, `live`, `edit`), parsed and printed by `main`, not only the parser built."""
    loaded = loaded_after("from facereel.cli.main import main\n"
                          "for command in ([], ['animate'], ['live'], ['edit']):\n"
                          "    try:\n        main([*command, '--help'])\n    except SystemExit:\n        pass")
    assert "facereel" in loaded
    assert "numpy" not in loaded, "facereel --help imported numpy"


def test_the_check_sees_numpy_when_the_retargeting_runs() -> None:
    """The maths behind the options (`motion.retarget`) loads numpy: the check can fail."""
    assert "numpy" in loaded_after("import facereel.motion.retarget")


def test_the_check_sees_the_renderer_when_a_command_runs_it() -> None:
    """What `facereel animate`'s run imports (the mesh engine's mouth, the video writer) loads them: the check can
    fail."""
    loaded = loaded_after("import facereel.engines.mesh.open_mouth.mouth\nimport facereel.media.writer")
    assert set(RENDERER) <= loaded
