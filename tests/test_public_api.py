"""Docs and code agree: every `facereel...` name the docs mention imports and every source path they name
exists; importing facereel as a library leaves the host process alone (no environment, logging or stderr
changes)."""

from __future__ import annotations

import importlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
DOTTED = re.compile(r"`(facereel(?:\.\w+)+)(?:\(\))?`")
FROM_IMPORT = re.compile(r"^\s*from (facereel[\w.]*) import ([\w, ]+)$", re.MULTILINE)
SOURCE_PATH = re.compile(r"`([\w.-]+(?:/[\w.-]+)*/[\w.-]+\.py)`")
PACKAGE = ROOT / "src" / "facereel"


def documented_names() -> set[str]:
    """Dotted names in backticks and `from facereel... import a, b` lines of README.md and docs/*.md."""
    names: set[str] = set()
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        names.update(DOTTED.findall(text))
        for module, items in FROM_IMPORT.findall(text):
            names.update(f"{module}.{item.strip()}" for item in items.split(",") if item.strip())
    return names


def documented_paths() -> set[tuple[str, str]]:
    """(doc, path) for every `folder/file.py` in backticks whose first folder is this repository's or the
    package's (`bench/x.py`, `src/facereel/face/pose.py`, `face/pose.py`); other projects' paths are left out.
    docs/status.md is left out too: it records moves by the files' old names."""
    found = set()
    for doc in DOCS:
        if doc.name == "status.md":
            continue
        for path in SOURCE_PATH.findall(doc.read_text(encoding="utf-8")):
            if (ROOT / path.split("/")[0]).is_dir() or (PACKAGE / path.split("/")[0]).is_dir():
                found.add((doc.name, path))
    return found


def resolve(name: str) -> object:
    """The module or attribute `name` (a.b.c: the longest importable module, then attributes)."""
    parts = name.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj: object = importlib.import_module(".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for attr in parts[cut:]:
            obj = getattr(obj, attr)
        return obj
    raise ModuleNotFoundError(name)


def test_the_docs_name_the_public_api() -> None:
    names = documented_names()
    assert {"facereel.PortraitAnimator", "facereel.AnimateOptions"} <= names


@pytest.mark.parametrize("name", sorted(documented_names()))
def test_every_documented_name_imports(name: str) -> None:
    resolve(name)


def test_the_docs_name_source_files() -> None:
    assert ("eval.md", "eval/run.py") in documented_paths()


@pytest.mark.parametrize(("doc", "path"), sorted(documented_paths()))
def test_every_documented_source_path_exists(doc: str, path: str) -> None:
    if path.startswith("../shared/") and not (ROOT / "../shared").is_dir():
        pytest.skip("../shared (the shared data and references beside the checkout) is not present")
    assert (ROOT / path).is_file() or (PACKAGE / path).is_file(), f"{doc} names {path}, which does not exist"


def test_package_exports_what_it_lists() -> None:
    import facereel
    import facereel.animate

    for module in (facereel, facereel.animate):
        for name in module.__all__:
            assert getattr(module, name) is not None


def test_importing_the_library_changes_nothing_process_wide() -> None:
    code = ("import logging, os, sys\n"
            "before = dict(os.environ)\n"
            "import facereel\n"
            "from facereel import PortraitAnimator, AnimateOptions\n"
            "import facereel.animate.api, facereel.face.tracking\n"
            "changed = {k for k in set(os.environ) | set(before) if os.environ.get(k) != before.get(k)}\n"
            "assert changed <= {'LD_LIBRARY_PATH'}, changed\n"  # OpenCV's own loader extends it on import
            "assert not logging.getLogger().handlers and not logging.getLogger('facereel').handlers\n"
            "assert sys.stderr is sys.__stderr__\n"
            "print('clean')\n")
    env = {k: v for k, v in os.environ.items() if k not in ("GLOG_minloglevel", "TF_CPP_MIN_LOG_LEVEL")}
    env["PYTHONPATH"] = str(ROOT / "src")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0 and result.stdout.strip() == "clean", result.stderr[-2000:]


def test_an_animation_never_redirects_stderr(monkeypatch: pytest.MonkeyPatch, astronaut) -> None:
    """Host apps (Gradio, ComfyUI) keep their own logs: tracking a face does not touch file descriptor 2."""
    from facereel import PortraitAnimator
    from facereel.motion.presets import preset_motion

    package = str(ROOT / "src" / "facereel")
    callers: list[str] = []
    real_dup2 = os.dup2

    def dup2(fd: int, fd2: int, inheritable: bool = True) -> int:  # pytest's own capture calls it too
        callers.append(sys._getframe(1).f_code.co_filename)
        return real_dup2(fd, fd2, inheritable)

    monkeypatch.setattr(os, "dup2", dup2)
    blink = preset_motion("blink", seconds=0.2)  # 5 frames (preset:blink's 50 read the same: no call of dup2)
    video = PortraitAnimator("mesh", size=128)(astronaut, blink)  # tracks the portrait: mediapipe starts
    assert len(video) > 0
    assert not [c for c in callers if c.startswith(package)]
