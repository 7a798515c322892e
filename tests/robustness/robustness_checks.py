"""What the robustness tests check after a command: run the CLI in this process, the one-line error,
snapshots of folders (to show nothing was written)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from facereel.cli.main import main


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    """`facereel --quiet ARGV...` in this process: (exit code, stderr)."""
    code = main(["--quiet", *argv])
    return code, capsys.readouterr().err


def assert_one_line_error(code: int, err: str, *mentions: str) -> None:
    """Exit code 2, a single `facereel: error:` line on stderr mentioning each of `mentions`, no traceback."""
    lines = [line for line in err.splitlines() if line.strip()]
    assert code == 2, err
    assert len(lines) == 1 and lines[0].startswith("facereel: error:"), err
    assert "Traceback" not in err
    for text in mentions:
        assert text in lines[0], (text, lines[0])


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every entry under `folder`: relative path -> (size, mtime ns); folders as (-1, 0)."""
    entries = {}
    for root, dirs, files in os.walk(folder):
        for name in dirs:
            entries[os.path.relpath(os.path.join(root, name), folder)] = (-1, 0)
        for name in files:
            stat = os.stat(os.path.join(root, name))
            entries[os.path.relpath(os.path.join(root, name), folder)] = (stat.st_size, stat.st_mtime_ns)
    return entries
