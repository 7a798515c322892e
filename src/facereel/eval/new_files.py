"""The files and folders an `eval` run creates in its report folder, noted as they are made, so that an
interrupted run (Ctrl-C, SIGTERM) removes them again and its "no output was written" line holds; what was
there before (an earlier run's or another shard's records and settings) is kept, even where this run rewrote it.

Only this process notes: the files that Ray workers in other processes make are noted here before the work is sent
(`eval.run.unit_files` names them; `eval.units.run_units`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from facereel.media.output_path import missing_folders, remove_empty_tree

_noted: list[Path] | None = None  # this run's new paths while `removed_if_interrupted` is active, else None


def note(path: Path) -> Path:
    """Note `path` and its missing parent folders as this run's when they do not exist yet (and a run is being
    noted); `path` itself is returned, for writing it next."""
    if _noted is not None:
        _noted.extend(missing_folders(path))
    return path


@contextlib.contextmanager
def removed_if_interrupted() -> Iterator[None]:
    """While inside, `note` records new paths; a KeyboardInterrupt (SIGTERM's `Terminated` too) leaving the block
    removes the noted files, then the noted folders as far as they hold no files, and propagates."""
    global _noted
    _noted = []
    try:
        yield
    except KeyboardInterrupt:
        for path in sorted(set(_noted), key=lambda p: -len(p.parts)):  # files and subfolders before their folders
            if path.is_dir():
                remove_empty_tree(path)
            else:
                with contextlib.suppress(OSError):  # gone already (an atomic writer's output), or not ours
                    path.unlink(missing_ok=True)
        raise
    finally:
        _noted = None
