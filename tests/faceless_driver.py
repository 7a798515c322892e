"""A real driver whose face is gone for a while: lp_d19's first 12 frames at half size with 8 black frames cut in
between its frames 5 and 6 (20 frames, 25 fps), and the note `animate` gives for it. Both drivers are written
repeatable (x264's mbtree off): with it their bytes, and what the tracker reads off them, hung on the heap."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from facereel.media.video import open_video
from facereel.media.writer import VideoWriter

BEFORE, BLACK, AFTER = 6, 8, 6  # lp_d19's frames 0-5, 8 black frames, its frames 6-11
NOTE = "driver: 8 frames without a face (6-13), the pose filled in from the nearest faces, easing back to rest in a long gap"


def blacked_out_driver(shared_data: Path, path: Path) -> Path:
    """Write the driver to `path` (.mp4) and return it."""
    with open_video(shared_data / "driving" / "lp_d19.mp4") as video:
        frames = [frame[::2, ::2] for _, frame in zip(range(BEFORE + AFTER), video.frames())]
    black = [np.zeros_like(frames[0])] * BLACK
    with VideoWriter(path, fps=25, repeatable=True) as writer:
        for frame in frames[:BEFORE] + black + frames[BEFORE:]:
            writer.write(frame)
    return path


LEAVE_SHIFT = 420  # px: the leaving driver's frames are shifted right by up to this (lp_d19 is 480 px wide)


def leaving_driver(shared_data: Path, path: Path) -> Path:
    """lp_d19's frames 20-80 (25 fps) shifted right by up to LEAVE_SHIFT px, ramped over the first 12 frames and
    back over the last 8, so that its face leaves the frame for about 1.5 s and is half out before and after (the
    fresh sweep's case, h30-fresh4): written to `path` (.mp4), which is returned."""
    with open_video(shared_data / "driving" / "lp_d19.mp4") as video:
        frames = [frame for _, frame in zip(range(81), video.frames())][20:]
    with VideoWriter(path, fps=25, repeatable=True) as writer:
        for i, frame in enumerate(frames):
            shift = int(LEAVE_SHIFT * np.clip(min(i / 12, (len(frames) - 1 - i) / 8), 0, 1))
            shifted = np.zeros_like(frame)
            shifted[:, shift:] = frame[:, :frame.shape[1] - shift]
            writer.write(shifted)
    return path
