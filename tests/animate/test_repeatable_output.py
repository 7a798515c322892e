"""`VideoWriter(repeatable=True)` writes the same frames as the same bytes (x264's macroblock-tree rate control,
mbtree, off): with mbtree x264 reads heap memory it never wrote, so two `facereel animate` runs of the same input can
write files a few thousand px a frame apart (lp_d3 0-8 at 224 x 176 driven by lp_d18 0-8: 1.9k-9.5k px of the 8
decoded frames, up to 27 levels). `animate`'s outputs keep mbtree (steadier still areas, ~30 % smaller files);
training data is written repeatable."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import av
import cv2
import numpy as np
from perturbed_heaps import written_under_heaps

from facereel.media.video import open_video

FRAMES = 8
"""Frames of each clip: as many as the runs that told apart."""
SIZE = 224
"""px: the clips' frames are scaled to this square (the source then cut to `WIDTH` across)."""
WIDTH = 176
"""px: the source clip's width."""


def _clip(video: Path, path: Path, width: int) -> Path:
    """The first `FRAMES` frames of ../shared/data's square `video`, scaled to `SIZE`, cut to `width` px across
    about the middle, written to `path` as H.264 at 25 fps."""
    with open_video(video) as clip:
        frames = [cv2.resize(frame, (SIZE, SIZE), interpolation=cv2.INTER_AREA)
                  for _, frame in zip(range(FRAMES), clip.frames())]
    cut = (SIZE - width) // 2
    with av.open(str(path), "w") as out:
        stream = out.add_stream("libx264", rate=Fraction(25))
        stream.height, stream.width, stream.pix_fmt = SIZE, width, "yuv420p"
        for i, frame in enumerate(frames):
            picture = av.VideoFrame.from_ndarray(np.ascontiguousarray(frame[:, cut:cut + width]), format="rgb24")
            picture.pts, picture.time_base = i, Fraction(1, 25)
            out.mux(stream.encode(picture))
        out.mux(stream.encode(None))
    return path


_ENCODE = """
import sys
from facereel.media.video import open_video
from facereel.media.writer import VideoWriter
with open_video(sys.argv[1]) as clip, VideoWriter(sys.argv[2], fps=clip.fps, repeatable=True) as writer:
    for frame in clip.frames():
        writer.write(frame)
"""


def test_repeatable_bytes_do_not_hang_on_the_heap(shared_data: Path, tmp_path: Path):
    """Why `animate` writes without mbtree: with it, x264 gave other bytes from the same frames as the heap held other
    bytes (lp_d3 0-8 at 224 x 176 in a plain script, `MALLOC_PERTURB_` 165 / 77: two files, on one thread or several,
    8 or 40 frames; an uninitialised read). `VideoWriter(repeatable=True)` under each: the same bytes."""
    source = _clip(shared_data / "driving" / "lp_d3.mp4", tmp_path / "source.mp4", WIDTH)
    written = written_under_heaps(_ENCODE, [str(source)], tmp_path)
    assert written[0] == written[1]
