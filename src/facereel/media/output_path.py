"""Check where a command will write before it does any work, and undo the folders it made when it fails.

`check_output` refuses, in one line naming the path: an existing folder where a file is wanted (or a file
where a folder is wanted), a wrong or missing extension, a file that is one of the command's inputs (also
through a link), and a place that cannot be written (a parent that is a file, a read-only folder or file
system). `prepared_output` runs the check, removes stale temporaries
of earlier killed runs in that folder, creates the missing parent folders, and removes the folders it
created again (when they hold no files) if the command fails. `missing_folders` and `remove_empty_tree` are
also what `facereel.eval.new_files` notes and removes.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from facereel.errors import InputError
from facereel.media.atomic import TEMP_PREFIX, remove_stale_temporaries
from facereel.media.files import IMAGE_SUFFIXES  # stills are written in the formats portraits are read in

VIDEO_SUFFIXES = (".mp4", ".mov", ".m4v", ".mkv")  # containers that take H.264 + AAC
NAME_MAX = 255  # bytes in one file or folder name (ext4, XFS, Btrfs, APFS; Linux's NAME_MAX)


@dataclass(frozen=True)
class OutputKind:
    """What a command writes. `what` names it in messages; `suffixes`: the extensions a file may have
    (None: any); `folder`: the output is a folder (created, or an existing one written into)."""

    what: str
    suffixes: tuple[str, ...] | None = None
    folder: bool = False


VIDEO = OutputKind("video", VIDEO_SUFFIXES)
STILL = OutputKind("still image", IMAGE_SUFFIXES)
TEMPLATE = OutputKind("motion template", (".npz",))
FOLDER = OutputKind("folder", folder=True)
FILE = OutputKind("file")


def check_output(path: str | Path, kind: OutputKind, inputs: Iterable[str | Path] = ()) -> None:
    """InputError (one line starting with `path`) unless `kind` can be written at `path` without replacing
    one of the command's `inputs` (paths; ones that are no existing file are ignored). Writes nothing that
    stays: a probe file is created and removed in the nearest existing folder."""
    path = Path(path)
    if str(path) == "":
        raise InputError(f"the output {kind.what} needs a name")
    _check_name_lengths(path)
    if kind.folder:
        if path.exists() and not path.is_dir():
            raise InputError("exists and is not a folder; give a folder for the outputs", path)
    else:
        if path.is_dir():
            raise InputError(f"is a folder; give a {kind.what} file name"
                             + (f" ending in {_listed(kind.suffixes)}" if kind.suffixes else ""), path)
        suffix = path.suffix.lower()
        if kind.suffixes is not None and suffix not in kind.suffixes:
            got = f"{path.suffix!r}" if suffix else "no extension"
            raise InputError(f"a {kind.what} output needs the extension {_listed(kind.suffixes)} (got {got})", path)
        _check_not_an_input(path, inputs)
    _check_writable(path if kind.folder else path.parent, path)


@contextlib.contextmanager
def prepared_output(path: str | Path, kind: OutputKind, inputs: Iterable[str | Path] = ()) -> Iterator[None]:
    """Check `path` against `kind` and the command's `inputs` (see `check_output`), clean stale temporaries beside it, create its missing folders; when
    the block ends (raising, or returning, as `batch` does when interrupted), remove the folders it created again
    when no file was left in them."""
    path = Path(path)
    check_output(path, kind, inputs)
    folder = path if kind.folder else path.parent
    missing = missing_folders(folder)
    remove_stale_temporaries(missing[-1].parent if missing else folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create the folder ({exc.strerror or exc})", folder) from None
    try:
        yield
    finally:
        for created in missing:
            remove_empty_tree(created)


def _listed(suffixes: tuple[str, ...]) -> str:
    return " or ".join(suffixes) if len(suffixes) < 3 else ", ".join(suffixes[:-1]) + " or " + suffixes[-1]


def missing_folders(folder: Path) -> list[Path]:
    """The folders from `folder` upwards that do not exist yet, innermost first."""
    missing = []
    current = folder
    while not current.exists() and current != current.parent:
        missing.append(current)
        current = current.parent
    return missing


def _check_not_an_input(path: Path, inputs: Iterable[str | Path]) -> None:
    """InputError naming `path` when it is the same file as one of `inputs` (writing it would replace an input)."""
    if not path.is_file():
        return
    for given in inputs:
        same = False
        with contextlib.suppress(OSError, ValueError):  # a given text that is no usable path
            same = Path(given).is_file() and os.path.samefile(path, given)
        if same:
            raise InputError(f"is also an input ({given}); write the output to another file", path)


def _check_writable(folder: Path, path: Path) -> None:
    """InputError naming `path` unless files can be created in `folder` (or, when it is missing, in its nearest
    existing ancestor, which must be a folder)."""
    missing = missing_folders(folder)
    existing = missing[-1].parent if missing else folder
    if not existing.is_dir():
        raise InputError(f"cannot write here: {existing} is a file, not a folder", path)
    try:
        fd, probe = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}probe.", dir=existing)
    except OSError as exc:
        raise InputError(f"cannot write into the folder {existing} ({exc.strerror or exc})", path) from None
    os.close(fd)
    os.unlink(probe)


def _check_name_lengths(path: Path) -> None:
    """InputError naming `path` when one of its names is longer than file systems take (`NAME_MAX` bytes; creating
    it would fail with "File name too long" after the work)."""
    for name in path.parts:
        if len(os.fsencode(name)) > NAME_MAX:
            raise InputError(f"a name in this path is {len(os.fsencode(name))} bytes long; file systems take at most "
                             f"{NAME_MAX}", path)


def remove_empty_tree(folder: Path) -> None:
    """Remove `folder` and its subfolders, bottom-up, as far as they hold no files."""
    if not folder.is_dir():
        return
    for root, _, _ in sorted(os.walk(folder), key=lambda entry: -len(entry[0])):
        with contextlib.suppress(OSError):
            os.rmdir(root)
