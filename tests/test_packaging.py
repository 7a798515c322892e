"""Packaging agrees with itself: pyproject's ranges admit the exact tested set of constraints.txt, every
dependency is constrained, and the Dockerfile passes hadolint (CI does not build the image: docs/packaging.md)."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]


def constraints() -> dict[str, str]:
    """{normalised name: version} of constraints.txt."""
    pins = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, version = line.split("==")
            pins[_norm(name)] = version.strip()
    return pins


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirements() -> list[Requirement]:
    """The core dependencies and every extra's, but facereel's own extras and [ray] (ray[default]'s dashboard
    dependencies are not in the tested set; ray itself is, through [test])."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    listed = project["dependencies"] + [r for name, reqs in project["optional-dependencies"].items()
                                        if name != "ray" for r in reqs]
    return [Requirement(r) for r in listed if not r.startswith("facereel")]


def test_the_ranges_admit_the_tested_set() -> None:
    pins = constraints()
    for req in requirements():
        assert _norm(req.name) in pins, f"{req.name} is not in constraints.txt"
        assert req.specifier.contains(pins[_norm(req.name)], prereleases=True), f"{req} excludes {pins[_norm(req.name)]}"


def test_no_exact_pins_in_the_core_dependencies() -> None:
    """Exact pins block installing beside other tools; they belong in constraints.txt."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert not [r for r in project["dependencies"] if "==" in r]


def test_dockerfile_passes_hadolint() -> None:
    hadolint = Path(sys.executable).with_name("hadolint")
    result = subprocess.run([str(hadolint), "--no-color", str(ROOT / "Dockerfile")], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
