"""Which process holds a file open (Linux /proc): for tests that kill a worker in the middle of its work."""

from __future__ import annotations

import os
from pathlib import Path


def holder(path_prefix: str, command: str = "") -> tuple[int, str] | None:
    """(pid, file) of a process with a file open whose path starts with `path_prefix` (and whose command line
    contains `command`), or None. The prefix is compared with symbolic links resolved, as /proc shows paths."""
    path_prefix = os.path.realpath(path_prefix)
    for fd_dir in Path("/proc").glob("[0-9]*/fd"):
        try:
            if command and command not in (fd_dir.parent / "cmdline").read_text(errors="replace"):
                continue
            for fd in fd_dir.iterdir():
                target = os.readlink(fd)
                if target.startswith(path_prefix):
                    return int(fd_dir.parent.name), target
        except OSError:  # gone, or not ours to read
            continue
    return None
