"""How pytest-xdist's `--dist loadfile` hands tests to its workers (scripts/test.sh): a test file is one unit of
work, except the folders of `WHOLE_FOLDERS`, each one unit. Their package- and session-scope fixtures (tests/train's
dataset and training runs, tests/eval's evaluation run, tests/a1's tiny model and its windows) were built in each
worker that got one of the folder's files; as one unit they are built once in the suite (docs/benchmarks.md,
"Seventeenth round")."""

from __future__ import annotations

import pytest
from xdist.remote import Producer
from xdist.scheduler import LoadFileScheduling

WHOLE_FOLDERS = ("tests/a1/", "tests/eval/", "tests/train/")
"""Node id prefixes (from the rootdir) of the folders that go to one worker whole."""


def unit_of(nodeid: str) -> str:
    """The unit of work a test's node id belongs to: its folder in `WHOLE_FOLDERS`, else its file."""
    return next((folder for folder in WHOLE_FOLDERS if nodeid.startswith(folder)), nodeid.split("::", 1)[0])


class FolderUnits(LoadFileScheduling):
    """`loadfile`'s scheduling with `unit_of`'s units (a folder's files in their collected order)."""

    def _split_scope(self, nodeid: str) -> str:
        return unit_of(nodeid)


def make_scheduler(config: pytest.Config, log: Producer) -> FolderUnits | None:
    """`FolderUnits` under `--dist loadfile`; None (xdist's own choice) under any other `--dist`."""
    return FolderUnits(config, log) if config.getvalue("dist") == "loadfile" else None
