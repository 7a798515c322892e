"""Fixtures of the robustness suite (its checks are in robustness_checks.py, its bad inputs in bad_inputs.py)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from facereel.cli.main import build_parser

build_parser()  # import every subcommand now: libraries' import-time warnings stay out of the captured errors


@pytest.fixture(scope="session")
def portrait_png(tmp_path_factory: pytest.TempPathFactory, astronaut: np.ndarray) -> Path:
    """The astronaut portrait (public domain) as a PNG file."""
    path = tmp_path_factory.mktemp("portrait") / "astronaut.png"
    Image.fromarray(astronaut).save(path)
    return path
