"""Write outputs atomically: to a temporary file beside the target, renamed on success.

Every temporary this tool leaves beside an output (atomic writes, the a1 engine's scratch folders) is
named `TEMP_PREFIX...`, so one killed by SIGKILL or a power cut is recognised and removed later
(`remove_stale_temporaries`, called when a command next writes into the same folder).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from facereel.interrupts import deferred_interrupts

TEMP_PREFIX = ".facereel-"
TEMP_STEM = 100  # characters of the output's name kept in its temporary's: room for the prefix within NAME_MAX
# A temporary untouched for this long belongs to a dead process: live writers touch theirs every few
# seconds (video frames) or at least every a1 window (well under a minute on a GPU).
STALE_AFTER_S = 3600.0


@contextlib.contextmanager
def atomic_path(path: str | Path, suffix: str = "") -> Iterator[Path]:
    """Yield a temporary path in the target's folder; rename it onto `path` if the block succeeds.

    On any exception (including KeyboardInterrupt) the temporary file is removed and `path` is
    left untouched, so a failed or interrupted job never leaves a half-written output.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{path.stem[:TEMP_STEM]}.", suffix=suffix or path.suffix,
                                    dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; outputs get the usual permissions
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


@contextlib.contextmanager
def atomic_paths(paths: Iterable[str | Path]) -> Iterator[list[Path]]:
    """`atomic_path` for files that belong together (a report and its plots): one temporary per path, all renamed
    onto their paths when the block succeeds, with Ctrl-C and SIGTERM held back meanwhile (handled right after);
    on any exception before that, none of `paths` is touched."""
    with contextlib.ExitStack() as stack:
        yield [stack.enter_context(atomic_path(path)) for path in paths]
        with deferred_interrupts():
            stack.close()


def remove_stale_temporaries(folder: str | Path, max_age_s: float = STALE_AFTER_S) -> list[Path]:
    """Delete this tool's temporaries (files and folders named `TEMP_PREFIX*`) directly in `folder` that
    were last changed more than `max_age_s` seconds ago. Returns what was removed; a missing or
    unreadable folder removes nothing."""
    cutoff = time.time() - max_age_s
    removed = []
    try:
        entries = list(Path(folder).glob(f"{TEMP_PREFIX}*"))
    except OSError:
        return removed
    for entry in entries:
        try:
            if _last_change(entry) >= cutoff:
                continue
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
        except OSError:  # removed meanwhile, or not ours to remove
            continue
        removed.append(entry)
    return removed


def _last_change(entry: Path) -> float:
    """Latest modification time (Unix s) of `entry` and, for a folder, of the files directly in it (a scratch
    folder's own time does not change while its files are written)."""
    times = [entry.lstat().st_mtime]
    if entry.is_dir() and not entry.is_symlink():
        times += [child.lstat().st_mtime for child in entry.iterdir()]
    return max(times)
