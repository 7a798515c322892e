"""A real driver whose face is gone for a while: lp_d19's first 12 frames at half size with 8 black frames cut in
between its frames 5 and 6 (20 frames, 25 fps), and the note `animate` gives for it."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from facereel.media.video import open_video
from facereel.media.writer import VideoWriter

BEFORE, BLACK, AFTER = 6, 8, 6  # lp_d19's frames 0-5, 8 black frames, its frames 6-11
NOTE = "driver: 8 frames without a face (6-13), the pose filled in from the nearest faces"


def blacked_out_driver(shared_data: Path, path: Path) -> Path:
    """Write the driver to `path` (.mp4) and return it."""
    with open_video(shared_data / "driving" / "lp_d19.mp4") as video:
        frames = [frame[::2, ::2] for _, frame in zip(range(BEFORE + AFTER), video.frames())]
    black = [np.zeros_like(frames[0])] * BLACK
    with VideoWriter(path, fps=25) as writer:
        for frame in frames[:BEFORE] + black + frames[BEFORE:]:
            writer.write(frame)
    return path
