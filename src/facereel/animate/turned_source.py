"""A video source (video-to-video) on its side or upside down: a phone clip filmed sideways and saved without the
rotation metadata that would set it upright. The face tracker finds upright faces (rolled up to ~45 deg), so such a
clip read "no face found in any frame" (lp_d3 0-30 turned 90 or 270 deg), and upside down its face was found by a
mesh fitted upside down. Its turn is read once on a pass of its own over the clip (voted on a few key frames that
show a face, however late the face first shows; no frame held: `face.turned_video.file_turn`), as a file driver's is;
every frame is turned so before it is tracked and drawn, and each output frame is turned back (`turned_back`), so the
output keeps the clip's own orientation: whole quarter turns, so the frames without a face and the pixels the engine
leaves alone are the clip's bit for bit. A clip whose display matrix sets it upright is read upright by `media.video`
and not turned again."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import numpy as np

from facereel.face.turned_photo import TURN_BACK, rotated
from facereel.face.turned_video import turned_frames
from facereel.media.frames import FrameSink, OpenSink


def upright_source(frames: Callable[[], Iterator[np.ndarray]], turn: int | None
                   ) -> Callable[[], Iterator[np.ndarray]]:
    """Opens the clip's frames (`frames`) turned by the cv2 `turn` (as they are for None)."""
    return lambda: turned_frames(frames(), turn)


class _TurnedBack:
    """A `FrameSink` writing each frame turned by a cv2 turn into `sink`."""

    def __init__(self, sink: FrameSink, turn: int) -> None:
        self._sink, self._turn = sink, turn

    @property
    def frames_written(self) -> int:
        return self._sink.frames_written

    def write(self, frame: np.ndarray) -> None:
        self._sink.write(rotated(frame, self._turn))


def turned_back(open_output: OpenSink, turn: int | None) -> OpenSink:
    """`open_output` whose sink gets each (H, W, 3) uint8 frame drawn on the clip turned by the cv2 `turn` turned
    back as filmed (`turned_photo.TURN_BACK`); `open_output` itself for None."""
    if turn is None:
        return open_output

    @contextmanager
    def opened(fps: float, total: int | None = None) -> Iterator[FrameSink]:
        with open_output(fps, total) as sink:
            yield _TurnedBack(sink, TURN_BACK[turn])

    return opened

