"""Drop mediapipe's native log lines from the terminal while the CLI runs.

mediapipe's C++ side (absl logging, TFLite) writes INFO/WARNING lines straight to file descriptor 2, from
its own threads and at unpredictable frames; no setting silences them. For the CLI's lifetime fd 2 is a
pipe read by a thread that forwards everything except those lines to the real stderr.
"""

from __future__ import annotations

import os
import re
import sys
import threading

NOISE = (b"W0000 ", b"I0000 ", b"E0000 ", b"INFO: Created TensorFlow Lite",
         b"WARNING: All log messages before absl::InitializeLog()")
# absl/glog lines once logging is initialised carry the date: `I1130 16:19:49.095000 27680 file.cc:357] ...`
GLOG_LINE = re.compile(rb"[IWE]\d{4} \d\d:\d\d:\d\d\.\d+ +\d+ [^\]\s]+:\d+\] ")
# what may still grow into such a line: a prefix of it
GLOG_START = re.compile(rb"[IWE](\d{0,4}( [\d:]{0,8}(\.\d*)?( +\d*( [^\]\s]*(:\d*\]?)?)?)?)?)?\Z")


def is_noise(line: bytes) -> bool:
    """Whether a complete stderr line is native library logging."""
    line = line.lstrip(b"\r")
    return line.startswith(NOISE) or GLOG_LINE.match(line) is not None


def may_become_noise(pending: bytes) -> bool:
    """Whether an unfinished line could still turn out to be native logging (so it is held back)."""
    pending = pending.lstrip(b"\r")
    return any(p.startswith(pending[: len(p)]) for p in NOISE) or GLOG_START.match(pending) is not None \
        or GLOG_LINE.match(pending) is not None


class NativeLogFilter:
    """Context manager: while active, lines starting with a NOISE prefix never reach the terminal."""

    def __enter__(self) -> "NativeLogFilter":
        sys.stderr.flush()
        self._terminal = os.dup(2)
        read_end, write_end = os.pipe()
        os.dup2(write_end, 2)
        os.close(write_end)
        self._thread = threading.Thread(target=self._forward, args=(read_end,), daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        sys.stderr.flush()
        os.dup2(self._terminal, 2)  # closes the pipe's last write end: the reader sees EOF and drains
        self._thread.join(timeout=5)
        os.close(self._terminal)

    def _forward(self, read_end: int) -> None:
        pending = b""
        with os.fdopen(read_end, "rb", buffering=0) as pipe:
            while chunk := pipe.read(65536):
                pending += chunk
                *lines, pending = pending.split(b"\n")
                out = b"".join(line + b"\n" for line in lines if not is_noise(line))
                # An unfinished line (a progress bar's "\r...") goes out at once unless it may become noise.
                if pending and not may_become_noise(pending):
                    out += pending
                    pending = b""
                if out:
                    os.write(self._terminal, out)
            if pending and not is_noise(pending):
                os.write(self._terminal, pending)
