"""Drop mediapipe's native log lines from the terminal while the CLI runs.

mediapipe's C++ side (absl logging, TFLite) writes INFO/WARNING lines straight to file descriptor 2, from
its own threads and at unpredictable frames; no setting silences them. For the CLI's lifetime fd 2 is a
pipe read by a thread that forwards everything except those lines to the real stderr.
"""

from __future__ import annotations

import os
import sys
import threading

NOISE = (b"W0000 ", b"I0000 ", b"E0000 ", b"INFO: Created TensorFlow Lite",
         b"WARNING: All log messages before absl::InitializeLog()")


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
                out = b"".join(line + b"\n" for line in lines if not line.lstrip(b"\r").startswith(NOISE))
                # An unfinished line (a progress bar's "\r...") goes out at once unless it may become noise.
                if pending and not any(p.startswith(pending.lstrip(b"\r")[: len(p)]) for p in NOISE):
                    out += pending
                    pending = b""
                if out:
                    os.write(self._terminal, out)
            if pending and not pending.startswith(NOISE):
                os.write(self._terminal, pending)
