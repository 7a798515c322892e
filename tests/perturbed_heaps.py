"""Files written in fresh processes whose heaps start with other bytes (glibc `MALLOC_PERTURB_`), importable by name
from every test folder: what a writer puts in a file must not hang on memory it never wrote (x264's mbtree did:
`media.writer.VideoWriter`'s `repeatable`)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

PERTURB = ("165", "77")
"""glibc `MALLOC_PERTURB_` values: fresh heap memory filled with other bytes in each process."""

_ROOT = Path(__file__).resolve().parents[1]


def written_under_heaps(code: str, args: Sequence[str], folder: Path) -> list[bytes]:
    """The bytes of the file that Python `code` writes to its last argument, run as `python -c code *args OUT` in one
    fresh process per `PERTURB` (src/ and tests/ importable), each OUT an .mp4 path in `folder`."""
    path = os.pathsep.join([str(_ROOT / "src"), str(_ROOT / "tests"), os.environ.get("PYTHONPATH", "")])
    written = []
    for perturb in PERTURB:
        out = folder / f"perturb{perturb}.mp4"
        done = subprocess.run([sys.executable, "-c", code, *args, str(out)], check=False, capture_output=True,
                              text=True, env={**os.environ, "MALLOC_PERTURB_": perturb, "PYTHONPATH": path})
        assert done.returncode == 0, done.stderr[-2000:]
        written.append(out.read_bytes())
    return written
